//! The dashboard's list: which plans show (search, quick filters), in what order (sort), and
//! which one is selected. Rebuilt when plans arrive or a filter changes; the selection stays
//! on the same plan whenever that plan is still listed.

use std::cmp::Ordering;

use crate::plan::lifecycle::Lifecycle;
use crate::store::folder::PlanFile;
use crate::tui::action::SortKey;
use crate::tui::layers::dashboard::search::{Hit, MatchRank, Search};
use crate::tui::layers::dashboard::summary::{PlanSummary, ReviewState, search_fields};

/// How a search lists a file whose plan is still to come: after every match.
const NOT_READ_YET: Hit = Hit {
    rank: MatchRank::Fuzzy,
    score: 0,
    field: None,
};

#[derive(Debug, Clone, Default)]
pub struct PlanList {
    pub sort: SortKey,
    /// `S`: the sort turned round (plans missing the value still come last).
    pub reversed: bool,
    pub query: String,
    /// The search field has the keys.
    pub searching: bool,
    pub only_overdue: bool,
    pub only_disputed: bool,
    /// Exact filters (`f`): only plans with this ICB, local authority or care coordinator.
    pub exact: ExactFilters,
    /// Indices into the app's files, in display order.
    pub rows: Vec<usize>,
    /// While searching, how each row matched (beside `rows`): why it is listed.
    pub hits: Vec<Hit>,
    /// Position of the selected plan in `rows`.
    pub selected: usize,
    /// The first row drawn (kept so the selection stays in view).
    pub offset: usize,
    /// The user has moved or searched: until then the first row stays selected while
    /// plans arrive (in whatever order the loader finishes them).
    pub chosen: bool,
    /// How many files there were at the last rebuild (see `due_while_loading`).
    pub built_for: usize,
}

/// The `f` filters: each, when set, keeps only the plans naming exactly that body or person
/// (case and surrounding spaces aside).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExactFilters {
    pub icb: Option<String>,
    pub local_authority: Option<String>,
    pub coordinator: Option<String>,
}

impl ExactFilters {
    pub fn is_empty(&self) -> bool {
        self.icb.is_none() && self.local_authority.is_none() && self.coordinator.is_none()
    }

    /// Does the plan pass every filter set?
    pub fn keep(&self, summary: &PlanSummary) -> bool {
        let fits = |filter: &Option<String>, value: &str| {
            filter
                .as_deref()
                .is_none_or(|wanted| wanted.trim().eq_ignore_ascii_case(value.trim()))
        };
        fits(&self.icb, &summary.icb)
            && fits(&self.local_authority, &summary.local_authority)
            && fits(&self.coordinator, &summary.coordinator)
    }

    /// `ICB: NHS Test ICB`, one part per filter set.
    pub fn parts(&self) -> Vec<String> {
        [
            ("ICB", &self.icb),
            ("LA", &self.local_authority),
            ("coordinator", &self.coordinator),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.as_ref().map(|value| format!("{label}: {value}")))
        .collect()
    }
}

/// Header counts over the whole folder (not just what the filters show).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub plans: usize,
    /// Plans whose decided ending is in effect (not counted as due).
    pub ended: usize,
    /// Live plans with a decided ending dated after today.
    pub ending_planned: usize,
    pub overdue: usize,
    pub due_soon: usize,
    pub disputes: usize,
    pub invalid: usize,
}

impl Counts {
    pub fn of(summaries: &[PlanSummary]) -> Counts {
        let mut counts = Counts {
            plans: summaries.len(),
            ..Counts::default()
        };
        for summary in summaries {
            match summary.review_state {
                ReviewState::Overdue => counts.overdue += 1,
                ReviewState::DueSoon => counts.due_soon += 1,
                _ => {}
            }
            match summary.lifecycle {
                Lifecycle::Ended(_) => counts.ended += 1,
                Lifecycle::EndingPlanned(_) => counts.ending_planned += 1,
                Lifecycle::Live => {}
            }
            counts.disputes += usize::from(summary.disputed);
            counts.invalid += usize::from(!summary.is_valid());
        }
        counts
    }
}

impl PlanList {
    /// The file index of the selected row.
    pub fn selected_file(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Is anything narrowing the list?
    pub fn is_filtered(&self) -> bool {
        self.is_searching() || self.only_overdue || self.only_disputed || !self.exact.is_empty()
    }

    /// Is a search narrowing (and ordering) the list?
    pub fn is_searching(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// Esc on the list: the search and every filter cleared.
    pub fn clear_filters(&mut self) {
        self.query.clear();
        self.only_overdue = false;
        self.only_disputed = false;
        self.exact = ExactFilters::default();
    }

    /// While plans arrive, is it time to rebuild? When the page is not yet full, and then each
    /// time the folder has doubled: a sort of everything on every batch would cost 100,000
    /// plans' loading seconds of the loader's cores; doubling keeps the total to about two
    /// sorts. The count above the list moves on every batch; `LoadFinished` rebuilds anyway.
    pub fn due_while_loading(&self, files: usize, page: usize) -> bool {
        self.rows.len() <= page || self.is_filtered() || files >= self.built_for.saturating_mul(2)
    }

    /// Recompute the rows, keeping the selection on the same plan when it is still listed.
    /// A search never drops a file whose plan is still to come (`awaited`): it cannot read
    /// its need texts yet, so it lists it after the matches.
    pub fn rebuild(
        &mut self,
        files: &[PlanFile],
        summaries: &[PlanSummary],
        awaited: &dyn Fn(usize) -> bool,
        page: usize,
    ) {
        self.built_for = files.len();
        let keep = self.selected_file();
        let mut search = Search::new(&self.query);
        let searching = !search.is_empty();
        let (mut fields, mut labels) = (Vec::new(), Vec::new());
        let mut found: Vec<(Hit, usize)> = summaries
            .iter()
            .enumerate()
            .filter(|(_, summary)| {
                (!self.only_overdue || summary.review_state == ReviewState::Overdue)
                    && (!self.only_disputed || summary.disputed)
                    && self.exact.keep(summary)
            })
            .filter_map(|(index, _)| {
                let hit = if searching && awaited(index) {
                    NOT_READ_YET
                } else if searching {
                    search_fields(&files[index], &mut fields, &mut labels);
                    search.hit(&fields)?
                } else {
                    Hit::NONE
                };
                Some((hit, index))
            })
            .collect();
        let (sort, reversed) = (self.sort, self.reversed);
        // A search orders by how well each plan matched, then by the sort.
        found.sort_by(|(hit_a, a), (hit_b, b)| {
            (hit_a.rank.cmp(&hit_b.rank))
                .then(hit_b.score.cmp(&hit_a.score))
                .then_with(|| {
                    compare(sort, reversed, &summaries[*a], &summaries[*b])
                        .then_with(|| files[*a].display.cmp(&files[*b].display))
                })
        });
        self.hits = if searching {
            found.iter().map(|(hit, _)| *hit).collect()
        } else {
            Vec::new()
        };
        self.rows = found.into_iter().map(|(_, index)| index).collect();
        self.selected = keep
            .filter(|_| self.chosen)
            .and_then(|file| self.rows.iter().position(|row| *row == file))
            .unwrap_or(0);
        self.keep_in_view(page);
    }

    /// Move the selection by `delta` rows (clamped to the list).
    pub fn move_by(&mut self, delta: isize, page: usize) {
        self.chosen = true;
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_in_view(page);
    }

    pub fn move_to(&mut self, position: usize, page: usize) {
        self.chosen = true;
        self.selected = position.min(self.rows.len().saturating_sub(1));
        self.keep_in_view(page);
    }

    /// Scroll just enough that the selected row is among the `page` rows drawn.
    pub fn keep_in_view(&mut self, page: usize) {
        self.offset = scroll_offset(self.offset, self.selected, page, self.rows.len());
    }
}

/// The first row to draw so that `selected` shows in `page` rows, moving as little as possible.
pub fn scroll_offset(offset: usize, selected: usize, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let mut offset = offset.min(len.saturating_sub(page));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + page {
        offset = selected + 1 - page;
    }
    offset
}

/// Missing values sort last whatever the key, and the way round.
fn compare(sort: SortKey, reversed: bool, a: &PlanSummary, b: &PlanSummary) -> Ordering {
    fn text(value: &str) -> Option<String> {
        (!value.is_empty()).then(|| value.to_lowercase())
    }
    let by = |a, b| last_if_missing(a, b, reversed);
    let by_review = || last_if_missing(a.next_review, b.next_review, reversed);
    match sort {
        SortKey::NextReview => by_review(),
        SortKey::Id => by(
            a.id.as_deref().map(str::to_owned),
            b.id.as_deref().map(str::to_owned),
        ),
        SortKey::Initials => by(
            a.initials.as_ref().map(|s| s.to_lowercase()),
            b.initials.as_ref().map(|s| s.to_lowercase()),
        ),
        SortKey::Icb => by(text(&a.icb), text(&b.icb)).then_with(by_review),
        SortKey::LocalAuthority => {
            by(text(&a.local_authority), text(&b.local_authority)).then_with(by_review)
        }
    }
}

fn last_if_missing<T: Ord>(a: Option<T>, b: Option<T>, reversed: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if reversed => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_moves_only_as_far_as_needed() {
        assert_eq!(scroll_offset(0, 5, 10, 100), 0);
        assert_eq!(scroll_offset(0, 10, 10, 100), 1);
        assert_eq!(scroll_offset(50, 20, 10, 100), 20);
        assert_eq!(scroll_offset(95, 99, 10, 100), 90);
        assert_eq!(scroll_offset(3, 0, 10, 2), 0);
    }

    #[test]
    fn while_loading_the_list_is_rebuilt_until_the_page_fills_then_as_the_folder_doubles() {
        let mut list = PlanList::default();
        let page = 20;
        assert!(list.due_while_loading(100, page), "first rows at once");
        list.rows = (0..100).collect();
        list.built_for = 100;
        assert!(!list.due_while_loading(150, page));
        assert!(list.due_while_loading(200, page));
        list.query = "camden".into();
        assert!(
            list.due_while_loading(150, page),
            "a search sees every batch"
        );
        list.query.clear();
        list.rows.truncate(5);
        assert!(list.due_while_loading(101, page), "page not full");
    }
}
