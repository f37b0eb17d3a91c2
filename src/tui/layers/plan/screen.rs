//! State of the plan view: which tab, which needs column has the keys, which need is selected
//! in each column, and how far a text tab is scrolled.

use crate::plan::model::{Category, Plan};
use crate::tui::action::PlanTab;
use crate::tui::scroll_text::TextScroll;

/// A needs column of the plan view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Health,
    Social,
    Joint,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Health, Pane::Social, Pane::Joint];

    fn position(self) -> usize {
        match self {
            Pane::Health => 0,
            Pane::Social => 1,
            Pane::Joint => 2,
        }
    }

    /// Does a need of this category go in this column? A need with no readable category
    /// (a plan opened despite errors) goes across the width with the joint ones.
    pub fn holds(self, category: Option<Category>) -> bool {
        match self {
            Pane::Health => category == Some(Category::Health),
            Pane::Social => category == Some(Category::Social),
            Pane::Joint => matches!(category, Some(Category::Joint) | None),
        }
    }
}

/// The needs of one column, as indices into `plan.needs`, in file order.
pub fn pane_needs(plan: &Plan, pane: Pane) -> Vec<usize> {
    plan.needs
        .iter()
        .enumerate()
        .filter(|(_, need)| pane.holds(need.category))
        .map(|(index, _)| index)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanScreen {
    /// Index into the app's files.
    pub file: usize,
    pub tab: PlanTab,
    pub pane: Pane,
    /// Selected row within each column.
    selected: [usize; 3],
    /// First line shown of a text tab.
    pub scroll: TextScroll,
    /// The header (the plan's next review) has the keys rather than a need: `d` sets the
    /// plan's date there. Reached with Up from a column's first need.
    pub header: bool,
}

impl PlanScreen {
    /// Open on the needs, with the keys in the first column that has any.
    pub fn new(file: usize, plan: Option<&Plan>) -> PlanScreen {
        let pane = plan
            .and_then(|plan| {
                Pane::ALL
                    .into_iter()
                    .find(|pane| !pane_needs(plan, *pane).is_empty())
            })
            .unwrap_or(Pane::Health);
        PlanScreen {
            file,
            tab: PlanTab::Needs,
            pane,
            selected: [0; 3],
            scroll: TextScroll::top(),
            header: false,
        }
    }

    pub fn selected_in(&self, pane: Pane) -> usize {
        self.selected[pane.position()]
    }

    /// The index into `plan.needs` of the need the detail pane shows.
    pub fn selected_need(&self, plan: &Plan) -> Option<usize> {
        pane_needs(plan, self.pane)
            .get(self.selected_in(self.pane))
            .copied()
    }

    /// Move within the focused column, clamped to its needs.
    pub fn move_need(&mut self, plan: &Plan, delta: isize) {
        let len = pane_needs(plan, self.pane).len();
        let slot = &mut self.selected[self.pane.position()];
        *slot = slot.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// Up: the need above, or from the first need (or none) to the header.
    pub fn move_up(&mut self, plan: &Plan) {
        if self.selected_in(self.pane) == 0 || pane_needs(plan, self.pane).is_empty() {
            self.header = true;
        } else {
            self.move_need(plan, -1);
        }
    }

    /// Down: from the header back to the needs, else the need below.
    pub fn move_down(&mut self, plan: &Plan) {
        if self.header {
            self.header = false;
        } else {
            self.move_need(plan, 1);
        }
    }

    /// The need `d`, `s`, `c` ... act on: none while the header has the keys.
    pub fn need_for_edit(&self, plan: &Plan) -> Option<usize> {
        if self.header || self.tab != PlanTab::Needs {
            return None;
        }
        self.selected_need(plan)
    }

    /// Keep every column's selection on a need after the plan changed under it (a need added,
    /// moved to another column by its category, or a write read back).
    pub fn clamp(&mut self, plan: &Plan) {
        for pane in Pane::ALL {
            let len = pane_needs(plan, pane).len();
            let slot = &mut self.selected[pane.position()];
            *slot = (*slot).min(len.saturating_sub(1));
        }
        if pane_needs(plan, self.pane).is_empty() {
            let header = self.header;
            self.cycle_pane(plan, true);
            self.header = header;
        }
    }

    pub fn need_to_end(&mut self, plan: &Plan, last: bool) {
        let len = pane_needs(plan, self.pane).len();
        self.selected[self.pane.position()] = if last { len.saturating_sub(1) } else { 0 };
    }

    /// Give the keys to the next (or previous) column that has needs.
    pub fn cycle_pane(&mut self, plan: &Plan, forward: bool) {
        self.header = false;
        let start = self.pane.position();
        for step in 1..=3 {
            let index = if forward {
                (start + step) % 3
            } else {
                (start + 3 - step) % 3
            };
            let pane = Pane::ALL[index];
            if !pane_needs(plan, pane).is_empty() {
                self.pane = pane;
                return;
            }
        }
    }

    pub fn show_tab(&mut self, tab: PlanTab) {
        if self.tab != tab {
            self.tab = tab;
            self.scroll = TextScroll::top();
        }
    }

    pub fn cycle_tab(&mut self, forward: bool) {
        let count = PlanTab::ALL.len();
        let position = self.tab.position();
        let next = if forward {
            (position + 1) % count
        } else {
            (position + count - 1) % count
        };
        self.show_tab(PlanTab::ALL[next]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Need;

    fn plan(categories: &[Option<Category>]) -> Plan {
        Plan {
            needs: categories
                .iter()
                .map(|category| Need {
                    category: *category,
                    ..Need::default()
                })
                .collect(),
            ..Plan::default()
        }
    }

    #[test]
    fn opens_on_the_first_column_with_needs_and_skips_empty_ones() {
        let plan = plan(&[Some(Category::Social), Some(Category::Joint)]);
        let mut screen = PlanScreen::new(0, Some(&plan));
        assert_eq!(screen.pane, Pane::Social);
        screen.cycle_pane(&plan, true);
        assert_eq!(screen.pane, Pane::Joint);
        screen.cycle_pane(&plan, true);
        assert_eq!(screen.pane, Pane::Social);
        screen.cycle_pane(&plan, false);
        assert_eq!(screen.pane, Pane::Joint);
    }

    #[test]
    fn selection_is_clamped_per_column() {
        let plan = plan(&[
            Some(Category::Health),
            Some(Category::Health),
            None,
            Some(Category::Social),
        ]);
        let mut screen = PlanScreen::new(0, Some(&plan));
        screen.move_need(&plan, 5);
        assert_eq!(screen.selected_need(&plan), Some(1));
        screen.cycle_pane(&plan, true);
        assert_eq!(screen.selected_need(&plan), Some(3));
        screen.cycle_pane(&plan, true);
        assert_eq!(screen.selected_need(&plan), Some(2));
    }
}
