//! Type-ahead for a field of names (an ICB, a local authority): the names already known in the
//! folder are suggested as the user types, and a name the folder does not know yet is accepted
//! as typed. Matching ignores case; a name starting with the typed text comes before one that
//! only contains it.

/// The known names that fit what is typed, best first: those starting with it (in their own
/// order), then those containing it elsewhere. Everything when nothing is typed.
pub fn matching<'k>(typed: &str, known: &'k [String]) -> Vec<&'k str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return known.iter().map(String::as_str).collect();
    }
    let lower: Vec<String> = known.iter().map(|name| name.to_lowercase()).collect();
    let starting = known
        .iter()
        .zip(&lower)
        .filter(|(_, name)| name.starts_with(&typed));
    let containing = known
        .iter()
        .zip(&lower)
        .filter(|(_, name)| !name.starts_with(&typed) && name.contains(&typed));
    starting
        .chain(containing)
        .map(|(name, _)| name.as_str())
        .collect()
}

/// The name `→` completes what is typed to: the first known one starting with it (not one
/// equal to it, which has nothing left to complete).
pub fn completion<'k>(typed: &str, known: &'k [String]) -> Option<&'k str> {
    let typed = typed.trim_start().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    known
        .iter()
        .find(|name| {
            let name = name.to_lowercase();
            name.starts_with(&typed) && name != typed
        })
        .map(String::as_str)
}

/// The known spelling of what is typed, when it names a known one in another case
/// (`nhs test icb` is `NHS Test ICB`).
pub fn known_spelling<'k>(typed: &str, known: &'k [String]) -> Option<&'k str> {
    let typed = typed.trim();
    known
        .iter()
        .find(|name| name.trim().eq_ignore_ascii_case(typed))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        [
            "NHS North Central London ICB",
            "NHS Greater Manchester ICB",
            "NHS South East London ICB",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn names_starting_with_the_text_come_first_then_names_containing_it() {
        let known = known();
        assert_eq!(
            matching("nhs g", &known),
            ["NHS Greater Manchester ICB"],
            "case is ignored"
        );
        assert_eq!(
            matching("london", &known),
            ["NHS North Central London ICB", "NHS South East London ICB"]
        );
        assert_eq!(matching("", &known).len(), 3);
        assert!(matching("Cheshire", &known).is_empty());
    }

    #[test]
    fn completion_offers_the_first_name_starting_with_the_text() {
        let known = known();
        assert_eq!(
            completion("NHS Gr", &known),
            Some("NHS Greater Manchester ICB")
        );
        assert_eq!(completion("", &known), None);
        assert_eq!(completion("Manchester", &known), None, "only a prefix");
        assert_eq!(completion("nhs greater manchester icb", &known), None);
        assert_eq!(
            known_spelling("nhs greater manchester icb ", &known),
            Some("NHS Greater Manchester ICB")
        );
        assert_eq!(known_spelling("NHS Cheshire ICB", &known), None);
    }
}
