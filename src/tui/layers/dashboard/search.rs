//! The `/` search: fuzzy matching (nucleo-matcher) of each typed word against a plan's fields.
//!
//! Each word must match within one field (not strewn across the id and a need text), but
//! different words may match different fields: `camden 0042` finds the Camden plan S117-0042.
//! fzf's syntax works: `'exact`, `^prefix`, `suffix$`, `!not`.
//!
//! Plans are ranked by how each word matched: a whole word of a field (`lambeth` in
//! "London Borough of Lambeth") before the start of one (`lamb`), before the word inside
//! a longer one, before letters strewn fuzzily (`lmbth`), then by nucleo's score. The
//! field the first word matched best is kept to say why the plan is listed.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

/// nucleo scores 16 a matched character, plus bonuses, minus gaps.
const MIN_SCORE_PER_CHAR: u16 = 16;

/// How a word matched a field, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchRank {
    /// The whole field, or a whole word of it.
    Word,
    /// The start of a word.
    Prefix,
    /// Somewhere inside a word.
    Inside,
    /// Letters in order, with gaps.
    Fuzzy,
}

/// How a plan matched: its rank (the worst of its words'), nucleo's total score, and the
/// field the first word matched best (an index into the fields searched).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub rank: MatchRank,
    pub score: u32,
    pub field: Option<usize>,
}

impl Hit {
    /// No search: every plan alike.
    pub const NONE: Hit = Hit {
        rank: MatchRank::Word,
        score: 0,
        field: None,
    };
}

/// How `needle` (lower case) stands in `field`.
fn rank_in(field: &str, needle: &str) -> MatchRank {
    let field = field.to_lowercase();
    let mut words = field.split(|c: char| !c.is_alphanumeric());
    if field == needle || words.clone().any(|word| word == needle) {
        MatchRank::Word
    } else if field.starts_with(needle) || words.any(|word| word.starts_with(needle)) {
        MatchRank::Prefix
    } else if field.contains(needle) {
        MatchRank::Inside
    } else {
        MatchRank::Fuzzy
    }
}

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

    /// How the fields match, or `None` when some word matches none.
    pub fn hit(&mut self, fields: &[&str]) -> Option<Hit> {
        let mut hit = Hit::NONE;
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
            if atom.negative {
                // A negative word excludes the plan when any field has it.
                scores.try_fold(0u16, |_, score| score)?;
                continue;
            }
            let needle = atom.needle_text().to_string().to_lowercase();
            // The best field for this word: the best rank, then the first field (the id and
            // the bodies before a need's text).
            let (best, rank, score) = scores
                .enumerate()
                .filter_map(|(index, score)| Some((index, score?)))
                .map(|(index, score)| (index, rank_in(fields[index], &needle), score))
                .min_by_key(|(index, rank, _)| (*rank, *index))?;
            // Letters strewn across a long need text match in name only: ask for the
            // base score of every character (bonuses for runs and word starts make up
            // for a gap or two, as in `camdn` or `clzpn`).
            let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u16;
            if score < needed {
                return None;
            }
            hit.rank = hit.rank.max(rank);
            hit.score += u32::from(score);
            hit.field.get_or_insert(best);
        }
        Some(hit)
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
        assert!(Search::new("camden 0042").hit(&plan).is_some());
        assert!(Search::new("camden 0099").hit(&plan).is_none());
    }

    #[test]
    fn scattered_letters_do_not_count_as_a_match() {
        let leeds = fields(&[
            "Community mental health team visits, with a day centre and an employment adviser",
        ]);
        assert!(Search::new("camden").hit(&leeds).is_none());
        let camden = fields(&["London Borough of Camden"]);
        assert!(Search::new("camdn").hit(&camden).is_some());
    }

    #[test]
    fn fuzzy_and_negative_words() {
        let plan = fields(&["Clozapine monitoring", "Willow House"]);
        assert!(Search::new("clzpn").hit(&plan).is_some());
        assert!(Search::new("!willow").hit(&plan).is_none());
        assert!(Search::new("!tenancy").hit(&plan).is_some());
    }

    #[test]
    fn whole_words_rank_before_starts_before_insides_before_fuzzy_letters() {
        let lambeth = fields(&["S117-0200", "London Borough of Lambeth"]);
        let hit = Search::new("lambeth").hit(&lambeth).unwrap();
        assert_eq!((hit.rank, hit.field), (MatchRank::Word, Some(1)));
        assert_eq!(
            Search::new("lamb").hit(&lambeth).unwrap().rank,
            MatchRank::Prefix
        );
        assert_eq!(
            Search::new("beth").hit(&lambeth).unwrap().rank,
            MatchRank::Inside
        );
        assert_eq!(
            Search::new("lmbth").hit(&lambeth).unwrap().rank,
            MatchRank::Fuzzy
        );
        // Two words: the plan ranks by its worse word; the first word says why it matched.
        let plan = fields(&["S117-0042", "London Borough of Camden", "Clozapine clinic"]);
        let hit = Search::new("clozapine camd").hit(&plan).unwrap();
        assert_eq!((hit.rank, hit.field), (MatchRank::Prefix, Some(2)));
    }

    #[test]
    fn empty_query_matches_everything() {
        let mut search = Search::new("   ");
        assert!(search.is_empty());
        let hit = search.hit(&fields(&["x"])).unwrap();
        assert_eq!((hit.score, hit.field), (0, None));
    }
}
