//! The `/` search: fuzzy matching (nucleo-matcher) of each typed word against a plan's fields.
//!
//! Each word must match within one field (not strewn across the id and a need text), but
//! different words may match different fields: `camden 0042` finds the Camden plan S117-0042.
//! fzf's syntax works: `'exact`, `^prefix`, `suffix$`, `!not`.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

/// nucleo scores 16 a matched character, plus bonuses, minus gaps.
const MIN_SCORE_PER_CHAR: u16 = 16;

pub struct Search {
    pattern: Pattern,
    matcher: Matcher,
}

impl Search {
    pub fn new(query: &str) -> Search {
        Search {
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    /// How well the fields match (higher is better), or `None` when some word matches none.
    pub fn score(&mut self, fields: &[&str]) -> Option<u32> {
        let mut total = 0u32;
        for atom in &self.pattern.atoms {
            let matcher = &mut self.matcher;
            let mut scores = fields.iter().map(|field| {
                // ASCII text is matched as it is; other text as nucleo's characters, made for
                // the match (plan text is nearly all ASCII).
                if field.is_ascii() {
                    atom.score(Utf32Str::Ascii(field.as_bytes()), matcher)
                } else {
                    atom.score(Utf32String::from(*field).slice(..), matcher)
                }
            });
            let best = if atom.negative {
                // A negative word excludes the plan when any field has it.
                scores.try_fold(0u16, |_, score| score)?
            } else {
                let best = scores.flatten().max()?;
                // Letters strewn across a long need text match in name only: ask for the
                // base score of every character (bonuses for runs and word starts make up
                // for a gap or two, as in `camdn` or `clzpn`).
                let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u16;
                if best < needed {
                    return None;
                }
                best
            };
            total += u32::from(best);
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'t>(texts: &[&'t str]) -> Vec<&'t str> {
        texts.to_vec()
    }

    #[test]
    fn words_may_match_different_fields() {
        let plan = fields(&["S117-0042", "Z.A.", "London Borough of Camden"]);
        assert!(Search::new("camden 0042").score(&plan).is_some());
        assert!(Search::new("camden 0099").score(&plan).is_none());
    }

    #[test]
    fn scattered_letters_do_not_count_as_a_match() {
        let leeds = fields(&[
            "Community mental health team visits, with a day centre and an employment adviser",
        ]);
        assert!(Search::new("camden").score(&leeds).is_none());
        let camden = fields(&["London Borough of Camden"]);
        assert!(Search::new("camdn").score(&camden).is_some());
    }

    #[test]
    fn fuzzy_and_negative_words() {
        let plan = fields(&["Clozapine monitoring", "Willow House"]);
        assert!(Search::new("clzpn").score(&plan).is_some());
        assert!(Search::new("!willow").score(&plan).is_none());
        assert!(Search::new("!tenancy").score(&plan).is_some());
    }

    #[test]
    fn empty_query_matches_everything() {
        let mut search = Search::new("   ");
        assert!(search.is_empty());
        assert_eq!(search.score(&fields(&["x"])), Some(0));
    }
}
