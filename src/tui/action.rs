//! Every action the app can take, with its keys and words: the one list behind the keymap,
//! the hint bar and the help overlay, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::store::folder::PlanFile;

mod edit_keys;
use edit_keys::edit_info;

/// A key as the user presses it: a code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn char(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    pub const fn code(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Does a key press from the terminal mean this key? Shift is part of the character
    /// (`G`), so it is not compared; Alt combinations are never ours.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        if event.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        ctrl == self.ctrl && self.code == event.code
    }

    /// A plain character key: one that types text in a text field.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl
    }

    /// How the key is written in hints and help: `j`, `Down`, `Ctrl-c`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "Up".to_owned(),
            KeyCode::Down => "Down".to_owned(),
            KeyCode::Left => "Left".to_owned(),
            KeyCode::Right => "Right".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

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

/// Everything that can change the app's state: what keys mean, and what the loader reports.
#[derive(Debug, Clone)]
pub enum Action {
    MoveUp,
    MoveDown,
    MoveTop,
    MoveBottom,
    PageUp,
    PageDown,
    Open,
    OpenPlanAnyway,
    Back,
    NextPane,
    PreviousPane,
    NextTab,
    PreviousTab,
    ShowTab(PlanTab),
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchAccept,
    SearchCancel,
    CycleSort,
    ToggleOverdue,
    ToggleDisputed,
    ShowHelp,
    CloseHelp,
    /// Meeting mode on, or (after asking) off.
    ToggleMeeting,
    LeaveMeeting,
    StayInMeeting,
    Quit,
    // Editing a plan: each opens a prompt (or the review) and queues a pending change.
    EditReviewDate,
    EditStatus,
    EditCategory,
    EditNeed,
    AddNeed,
    EndNeed,
    EditDispute,
    EndAftercare,
    StartReview,
    ShowPending,
    Undo,
    NewPlan,
    /// Text pasted into the terminal: typed into the search or the focused field as text
    /// (never read as keys), cleaned for one line on the way in.
    Paste(String),
    // In a prompt or the review.
    FormInput(char),
    FormBackspace,
    FormClear,
    FormLeft,
    FormRight,
    FormHome,
    FormEnd,
    FormNext,
    FormPrevious,
    FormSubmit,
    FormCancel,
    StepBack,
    StepForward,
    // The diff before a write, and the dialogs around it.
    WriteConfirm,
    WriteCancel,
    GuardWrite,
    GuardDiscard,
    GuardCancel,
    ConfirmYes,
    ConfirmNo,
    ReloadReapply,
    // A plan's history, and committing after a write.
    ShowHistory,
    ShowSinceReview,
    CommitYes,
    CommitNo,
    /// The terminal now has this many columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
    /// The folder scan found this many plan files to load.
    LoadStarted {
        total: usize,
    },
    /// A batch of files has been read (in any order).
    PlansLoaded(Vec<PlanFile>),
    /// Every file has been read: folder-wide rules can run.
    LoadFinished,
    /// The folder itself could not be read.
    LoadFailed(String),
    /// What git says about the folder (repository, uncommitted plans), or why it cannot.
    GitChecked(super::git_status::GitState),
    /// A history job's answer: commits, a diff, or the diff since the last review.
    HistoryNews(super::history_jobs::HistoryNews),
    /// An edit job's answer: the plan read, a preview, or a reload.
    EditNews(Box<super::preview_jobs::EditNews>),
}

/// What the help and the hint bar say about an action.
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub keys: &'static [Key],
    /// Short word for the hint bar; `None` keeps the action out of it.
    pub hint: Option<&'static str>,
    /// How the keys are written in the hint bar when not the first key (`1-5`).
    pub hint_keys: Option<&'static str>,
    /// One line for the help overlay.
    pub help: &'static str,
}

const fn info(keys: &'static [Key], hint: Option<&'static str>, help: &'static str) -> ActionInfo {
    ActionInfo {
        keys,
        hint,
        hint_keys: None,
        help,
    }
}

const INTERNAL: ActionInfo = info(const { &[] }, None, "");

impl Action {
    pub fn info(&self) -> ActionInfo {
        use KeyCode as K;
        match self {
            Action::MoveUp => info(
                const { &[Key::char('k'), Key::code(K::Up)] },
                None,
                "move up",
            ),
            Action::MoveDown => info(
                const { &[Key::char('j'), Key::code(K::Down)] },
                None,
                "move down",
            ),
            Action::MoveTop => info(
                const { &[Key::char('g'), Key::code(K::Home)] },
                None,
                "go to the first line",
            ),
            Action::MoveBottom => info(
                const { &[Key::char('G'), Key::code(K::End)] },
                None,
                "go to the last line",
            ),
            Action::PageUp => info(const { &[Key::code(K::PageUp)] }, None, "one page up"),
            Action::PageDown => info(const { &[Key::code(K::PageDown)] }, None, "one page down"),
            Action::Open => info(
                const { &[Key::code(K::Enter)] },
                Some("open"),
                "open the selected plan (an invalid one opens its findings)",
            ),
            Action::OpenPlanAnyway => info(
                const { &[Key::code(K::Enter)] },
                Some("open plan"),
                "open the plan despite its errors (when it could be read)",
            ),
            Action::Back => info(
                const { &[Key::code(K::Esc)] },
                Some("back"),
                "go back; on the plans list, clear the search and filters",
            ),
            Action::NextPane => info(
                const { &[Key::code(K::Tab), Key::code(K::Right)] },
                Some("pane"),
                "next needs column: health, social, joint",
            ),
            Action::PreviousPane => info(
                const { &[Key::code(K::BackTab), Key::code(K::Left)] },
                None,
                "previous needs column",
            ),
            Action::NextTab => info(const { &[Key::char(']')] }, None, "next tab"),
            Action::PreviousTab => info(const { &[Key::char('[')] }, None, "previous tab"),
            Action::ShowTab(tab) => match tab {
                PlanTab::Needs => ActionInfo {
                    hint_keys: Some("1-5"),
                    ..info(
                        const { &[Key::char('1')] },
                        Some("tabs"),
                        "needs: health, social, joint",
                    )
                },
                PlanTab::Voice => info(const { &[Key::char('2')] }, None, "the person's voice"),
                PlanTab::Crisis => info(const { &[Key::char('3')] }, None, "crisis plan"),
                PlanTab::Reviews => info(const { &[Key::char('4')] }, None, "review history"),
                PlanTab::Findings => info(
                    const { &[Key::char('5')] },
                    None,
                    "findings: errors and warnings",
                ),
            },
            Action::StartSearch => info(
                const { &[Key::char('/')] },
                Some("search"),
                "search as you type: id, initials, coordinator, ICB, LA, need text",
            ),
            Action::SearchInput(_) => info(const { &[] }, None, "type to narrow the list"),
            Action::SearchBackspace => info(
                const { &[Key::code(K::Backspace)] },
                None,
                "delete the last character",
            ),
            Action::SearchAccept => info(
                const { &[Key::code(K::Enter)] },
                Some("keep"),
                "keep the search and return to the list",
            ),
            Action::SearchCancel => info(
                const { &[Key::code(K::Esc)] },
                Some("clear"),
                "clear the search",
            ),
            Action::CycleSort => info(
                const { &[Key::char('s')] },
                Some("sort"),
                "sort by next review, id, initials, ICB, local authority",
            ),
            Action::ToggleOverdue => info(
                const { &[Key::char('o')] },
                Some("overdue"),
                "show only plans whose review is overdue (again: all)",
            ),
            Action::ToggleDisputed => info(
                const { &[Key::char('d')] },
                Some("disputes"),
                "show only plans with an ICB/LA dispute (again: all)",
            ),
            Action::ShowHelp => info(
                const { &[Key::char('?'), Key::code(K::F(1))] },
                Some("help"),
                "show the keys of this screen",
            ),
            Action::CloseHelp => info(
                const { &[Key::code(K::Esc), Key::char('?'), Key::char('q')] },
                Some("close"),
                "close the help",
            ),
            Action::ToggleMeeting => info(
                const { &[Key::char('m')] },
                Some("meeting"),
                "meeting mode: large, high contrast, identifiers hidden",
            ),
            Action::LeaveMeeting => info(
                const { &[Key::char('y')] },
                Some("leave"),
                "leave meeting mode: names, NHS numbers and dates of birth show again",
            ),
            Action::StayInMeeting => info(
                const { &[Key::char('n'), Key::code(K::Esc)] },
                Some("stay"),
                "stay in meeting mode",
            ),
            Action::Quit => info(
                const { &[Key::char('q'), Key::ctrl('c')] },
                Some("quit"),
                "quit",
            ),
            Action::ShowHistory => info(
                const { &[Key::char('h')] },
                Some("history"),
                "the plan's history in git: commits, each one's diff, changes since the last review",
            ),
            Action::ShowSinceReview => info(
                const { &[Key::char('s')] },
                Some("since review"),
                "what changed since the commit that recorded the last review (again: the commit)",
            ),
            Action::CommitYes => info(
                const { &[Key::char('y'), Key::code(K::Enter)] },
                Some("commit"),
                "commit the plan file (only it) with the message shown",
            ),
            Action::CommitNo => info(
                const { &[Key::char('n'), Key::code(K::Esc)] },
                Some("not now"),
                "leave it written but uncommitted (marked on the plans list)",
            ),
            other => edit_info(other),
        }
    }

    /// Actions that come from the app itself (resize, loading) rather than from a key.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Action::Resize { .. }
                | Action::LoadStarted { .. }
                | Action::PlansLoaded(_)
                | Action::LoadFinished
                | Action::LoadFailed(_)
                | Action::GitChecked(_)
                | Action::HistoryNews(_)
                | Action::EditNews(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_presses_with_shift_folded_into_the_character() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert!(Key::char('G').matches(&shifted_g));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(Key::ctrl('c').matches(&ctrl_c));
        assert!(!Key::char('c').matches(&ctrl_c));
        let alt_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        assert!(!Key::char('j').matches(&alt_j));
    }

    #[test]
    fn labels_are_plain_ascii() {
        assert_eq!(Key::code(KeyCode::PageDown).label(), "PgDn");
        assert_eq!(Key::ctrl('c').label(), "Ctrl-c");
        assert!(Key::code(KeyCode::BackTab).label().is_ascii());
    }

    #[test]
    fn sort_cycles_through_every_key() {
        let mut sort = SortKey::default();
        for _ in 0..5 {
            sort = sort.next();
        }
        assert_eq!(sort, SortKey::NextReview);
    }
}
