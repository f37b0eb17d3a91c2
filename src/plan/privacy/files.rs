//! A plan file's name as meeting mode shows it. A file may be named after its person
//! (`plans/Oliver Thistlewood.yaml`); a name that is not the plan's id is hidden, the folder
//! and the extension stay: `plans/[hidden].yaml`.

use super::HIDDEN;
use super::dates::date_shaped_at;
use super::words::words;

/// `path` (`plans/north/s117-0042.yaml`) as meeting mode shows it: the file's name stays
/// when it is the plan's id (`id`, compared as words: `s117-0042` is `S117-0042`) or, when
/// the id is not known (the plan could not be read), when it looks like one: digits, and
/// letters only in short runs (`S117`), no date and no 10-digit number. Any other name is
/// `[hidden]`, before its extension.
pub fn meeting_file_name(path: &str, id: Option<&str>) -> String {
    let name_start = path.rfind(['/', '\\']).map_or(0, |slash| slash + 1);
    let (folder, name) = path.split_at(name_start);
    let stem_end = name
        .rfind('.')
        .filter(|dot| *dot > 0 && name[*dot..].len() <= 5)
        .unwrap_or(name.len());
    let (stem, extension) = name.split_at(stem_end);
    if stem.is_empty() || names_the_plan(stem, id) {
        return path.to_owned();
    }
    format!("{folder}{HIDDEN}{extension}")
}

fn names_the_plan(stem: &str, id: Option<&str>) -> bool {
    let stem_words = words(stem);
    if let Some(id) = id {
        let id_words = words(id);
        return !id_words.is_empty()
            && stem_words.len() == id_words.len()
            && stem_words
                .iter()
                .zip(&id_words)
                .all(|(stem, id)| stem.key == id.key);
    }
    let digits: usize = stem_words
        .iter()
        .filter(|word| word.digits)
        .map(|word| word.key.len())
        .sum();
    let short_letters = stem_words
        .iter()
        .all(|word| word.digits || word.key.chars().count() <= 4);
    let dated = (0..stem_words.len()).any(|start| date_shaped_at(stem, &stem_words[start..]) > 0);
    digits > 0 && digits < 10 && short_letters && !dated
}
