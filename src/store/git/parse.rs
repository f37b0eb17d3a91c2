//! Git's output read as data: `log` records start at a mark no commit can hold and carry
//! NUL-separated fields (git cuts a field at a NUL, so none can run into the next), object ids
//! are accepted only as full lowercase hex, paths come NUL-terminated and unquoted, and a
//! commit typed by the user is matched only against ids git listed.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use super::Commit;

/// True for a full object id as git prints one: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
pub fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(is_lower_hex)
}

fn is_lower_hex(byte: u8) -> bool {
    byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)
}

/// A mark that starts each record of one `log` call: random, so no commit can hold it.
pub fn record_marker() -> String {
    let state = RandomState::new();
    format!(
        "aftercare-{:016x}{:016x}",
        state.hash_one(1_u8),
        state.hash_one(2_u8)
    )
}

/// The `--format` of a `log -z --name-only` call whose output `commits` reads.
pub fn log_format(marker: &str) -> String {
    format!("--format={marker}%x00%H%x00%aI%x00%an%x00%s")
}

/// The commits in the output of `git log -z --name-only` with `log_format(marker)`: per commit
/// the marker, hash, date, author and subject, each ended by a NUL, then a line break and the
/// file's name ended by a NUL. A record whose hash is not an object id is dropped. A commit
/// without a name (a merge) is taken to be of `default_path`.
pub fn commits(out: &str, marker: &str, default_path: &str) -> Vec<Commit> {
    let mut commits = Vec::new();
    let mut tokens = out.split('\0').peekable();
    while let Some(token) = tokens.next() {
        if token != marker {
            continue;
        }
        let mut next_field = || tokens.next_if(|token| *token != marker);
        let (Some(hash), Some(date), Some(author), Some(subject)) =
            (next_field(), next_field(), next_field(), next_field())
        else {
            continue;
        };
        let mut path = None;
        while let Some(name) = tokens.next_if(|token| *token != marker) {
            if path.is_none() {
                path = name.strip_prefix('\n').filter(|name| !name.is_empty());
            }
        }
        if !is_object_id(hash) {
            continue;
        }
        commits.push(Commit {
            hash: hash.to_owned(),
            date: date.to_owned(),
            author: author.to_owned(),
            subject: subject.to_owned(),
            path: path.unwrap_or(default_path).to_owned(),
        });
    }
    commits
}

/// The object ids in the output of `git log -z --format=%H`, in order; anything else is dropped.
pub fn object_ids(out: &str) -> Vec<&str> {
    out.split(['\0', '\n'])
        .filter(|token| is_object_id(token))
        .collect()
}

/// The paths in the output of `git status --porcelain=v1 -z`: `XY path` entries, a rename's or
/// copy's source following it as an entry of its own (skipped).
pub fn status_paths(out: &str) -> Vec<&str> {
    let mut paths = Vec::new();
    let mut entries = out.split('\0');
    while let Some(entry) = entries.next() {
        let Some(path) = entry.get(3..).filter(|path| !path.is_empty()) else {
            continue;
        };
        paths.push(path);
        if entry.starts_with(['R', 'C']) {
            entries.next();
        }
    }
    paths
}

/// Why a commit the user typed was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnknownCommit {
    #[error("`{0}` is not the start of a commit hash: give hex digits (0-9, a-f) from the listing")]
    NotHex(String),
    #[error("commit {0} is not in this plan's history")]
    NotListed(String),
    #[error("{0} starts more than one commit in this plan's history: give more of the hash")]
    Ambiguous(String),
}

/// The one commit of `commits` whose hash starts with `typed` (hex digits, either case).
/// Nothing typed ever reaches git: the commit chosen is one git listed.
pub fn commit_by_prefix<'a>(
    commits: &'a [Commit],
    typed: &str,
) -> Result<&'a Commit, UnknownCommit> {
    let wanted = typed.to_ascii_lowercase();
    if wanted.is_empty() || wanted.len() > 64 || !wanted.bytes().all(is_lower_hex) {
        return Err(UnknownCommit::NotHex(typed.to_owned()));
    }
    let mut matching = commits
        .iter()
        .filter(|commit| commit.hash.starts_with(&wanted));
    match (matching.next(), matching.next()) {
        (Some(commit), None) => Ok(commit),
        (None, _) => Err(UnknownCommit::NotListed(typed.to_owned())),
        (Some(_), Some(_)) => Err(UnknownCommit::Ambiguous(typed.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "0123456789abcdef0123456789abcdef0123ffff";

    fn record(marker: &str, hash: &str, subject: &str, path: Option<&str>) -> String {
        let names = path.map(|path| format!("\n{path}\0")).unwrap_or_default();
        format!("{marker}\0{hash}\02026-11-28T10:15:00+00:00\0A. Author\0{subject}\0{names}")
    }

    #[test]
    fn a_commit_is_shown_by_its_short_hash_and_day_everywhere() {
        let marker = record_marker();
        let commits = commits(&record(&marker, A, "s", None), &marker, "plans/a.yaml");
        assert_eq!(commits[0].short_hash(), "01234567");
        assert_eq!(commits[0].day(), "2026-11-28");
        let odd = Commit {
            hash: "abc".into(),
            date: "2026".into(),
            ..commits[0].clone()
        };
        assert_eq!((odd.short_hash(), odd.day()), ("abc", "2026"));
    }

    #[test]
    fn records_are_read_field_by_field_whatever_the_subject_holds() {
        let marker = record_marker();
        let forged = "tidy\u{1e}--output=/x\u{1f}2026\u{1f}B. Other\u{1f}N1\nmore";
        let out = record(&marker, A, forged, Some("plans/zoë.yaml"))
            + &record(&marker, B, "first", Some("plans/two\nlines.yaml"));
        let commits = commits(&out, &marker, "plans/now.yaml");
        assert_eq!(commits.len(), 2, "{commits:#?}");
        assert_eq!(commits[0].hash, A);
        assert_eq!(commits[0].subject, forged);
        assert_eq!(commits[0].author, "A. Author");
        assert_eq!(commits[0].path, "plans/zoë.yaml");
        assert_eq!(commits[1].path, "plans/two\nlines.yaml");
    }

    #[test]
    fn a_record_without_an_object_id_or_a_name_is_dropped_or_defaulted() {
        let marker = record_marker();
        assert_ne!(marker, record_marker(), "a new mark each call");
        let out = record(&marker, "--output=/x", "forged", Some("a.yaml"))
            + &record(&marker, &A.to_uppercase(), "upper", None)
            + &record(&marker, B, "merge", None)
            + &marker;
        let commits = commits(&out, &marker, "plans/now.yaml");
        assert_eq!(commits.len(), 1, "{commits:#?}");
        assert_eq!(commits[0].hash, B);
        assert_eq!(commits[0].path, "plans/now.yaml");
    }

    #[test]
    fn object_ids_are_full_lowercase_hex() {
        assert!(is_object_id(A));
        assert!(is_object_id(&"a".repeat(64)));
        assert!(!is_object_id(&A[..39]));
        assert!(!is_object_id(&A.to_uppercase()));
        assert!(!is_object_id("--output=/tmp/0123456789abcdef0123456789a"));
        assert_eq!(object_ids(&format!("{A}\0\n{B}\0--x\0")), [A, B]);
    }

    #[test]
    fn status_entries_keep_names_whole_and_skip_a_renames_source() {
        let out =
            " M plans/zoë.yaml\0R  plans/new name.yaml\0plans/old.yaml\0?? plans/two\nlines.yaml\0";
        assert_eq!(
            status_paths(out),
            [
                "plans/zoë.yaml",
                "plans/new name.yaml",
                "plans/two\nlines.yaml"
            ]
        );
    }

    fn listed(hashes: &[&str]) -> Vec<Commit> {
        hashes
            .iter()
            .map(|hash| Commit {
                hash: (*hash).to_owned(),
                date: String::new(),
                author: String::new(),
                subject: String::new(),
                path: String::new(),
            })
            .collect()
    }

    #[test]
    fn a_typed_commit_is_a_hex_prefix_of_exactly_one_listed_commit() {
        let commits = listed(&[A, B]);
        assert_eq!(
            commit_by_prefix(&commits, "0123456789abcdef0123456789abcdef0123f")
                .unwrap()
                .hash,
            B
        );
        assert_eq!(
            commit_by_prefix(&commits, &B[..37].to_uppercase())
                .unwrap()
                .hash,
            B
        );
        assert_eq!(
            commit_by_prefix(&commits, "0123"),
            Err(UnknownCommit::Ambiguous("0123".into()))
        );
        assert_eq!(
            commit_by_prefix(&commits, "fe"),
            Err(UnknownCommit::NotListed("fe".into()))
        );
        for typed in [
            "",
            "--out",
            "HEAD",
            "0123~1",
            "0123:a.yaml",
            &"0".repeat(65),
        ] {
            assert_eq!(
                commit_by_prefix(&commits, typed),
                Err(UnknownCommit::NotHex(typed.into())),
                "{typed}"
            );
        }
    }
}
