//! The choices some actions carry: which tab of the plan view, which sort of the plans list.

/// The tabs of the plan view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanTab {
    Needs,
    Voice,
    Crisis,
    Reviews,
    Findings,
}

impl PlanTab {
    pub const ALL: [PlanTab; 5] = [
        PlanTab::Needs,
        PlanTab::Voice,
        PlanTab::Crisis,
        PlanTab::Reviews,
        PlanTab::Findings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PlanTab::Needs => "Needs",
            PlanTab::Voice => "Person's voice",
            PlanTab::Crisis => "Crisis plan",
            PlanTab::Reviews => "Reviews",
            PlanTab::Findings => "Findings",
        }
    }

    /// The title in a word, where the whole one does not fit.
    pub fn short_title(self) -> &'static str {
        match self {
            PlanTab::Voice => "Voice",
            PlanTab::Crisis => "Crisis",
            other => other.title(),
        }
    }

    pub fn position(self) -> usize {
        PlanTab::ALL
            .iter()
            .position(|tab| *tab == self)
            .unwrap_or(0)
    }
}

/// The ways the dashboard can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    NextReview,
    Id,
    Initials,
    Icb,
    LocalAuthority,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::NextReview => SortKey::Id,
            SortKey::Id => SortKey::Initials,
            SortKey::Initials => SortKey::Icb,
            SortKey::Icb => SortKey::LocalAuthority,
            SortKey::LocalAuthority => SortKey::NextReview,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::NextReview => "next review",
            SortKey::Id => "id",
            SortKey::Initials => "initials",
            SortKey::Icb => "ICB",
            SortKey::LocalAuthority => "local authority",
        }
    }
}
