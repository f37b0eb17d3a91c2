//! Every action the app can take, with its keys and words: the one list behind the keymap,
//! the hint bar and the help overlay, so they cannot disagree.

use crossterm::event::KeyCode;

mod key;
mod lists;
pub use key::Key;
pub use lists::{PlanTab, SortKey};

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
    /// The sort the other way round.
    ReverseSort,
    /// On the diff: remove the comments the changes may have left out of date.
    DropStaleComments,
    /// Exact filters by ICB, local authority and care coordinator.
    OpenFilters,
    /// Enter in the filters: apply them.
    ApplyFilters,
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
    /// Record a new qualifying detention: the current episode moves into the history.
    NewDetention,
    StartReview,
    ShowPending,
    Undo,
    NewPlan,
    /// The register: money paid now per ICB and per local authority.
    ShowRegister,
    /// The plan header's money totals per week, or per year.
    ToggleMoneyPeriod,
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
    /// Export the plan (the person's copy, the review record, FHIR) to a file.
    ExportPlan,
    ExportWrite,
    ExportCancel,
    /// A merge conflict recorded in the plan: keep this plan's value.
    KeepOurs,
    /// A merge conflict recorded in the plan: take the other change's value.
    TakeTheirs,
    /// Share commits with the team's git server and take theirs (`aftercare sync`).
    Sync,
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
            Action::ReverseSort => info(
                const { &[Key::char('S')] },
                None,
                "reverse the sort (plans without the value stay last)",
            ),
            Action::OpenFilters => info(
                const { &[Key::char('f')] },
                Some("filter"),
                "only the plans of one ICB, local authority or care coordinator",
            ),
            Action::DropStaleComments => info(
                const { &[Key::char('x')] },
                // Said on the diff's own frame, only when a comment may be out of date.
                None,
                "remove a comment the change may have made out of date (kept unless you press x)",
            ),
            Action::ApplyFilters => info(
                const { &[Key::code(K::Enter)] },
                Some("apply"),
                "apply the filters (an empty field is no filter)",
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
            Action::EditReviewDate => info(
                const { &[Key::char('d')] },
                Some("date"),
                "set a review date: the need's, or the plan's next review on the header (k to it)",
            ),
            Action::EditStatus => info(
                const { &[Key::char('s')] },
                None,
                "change the selected need's status",
            ),
            Action::EditCategory => info(
                const { &[Key::char('c')] },
                Some("category"),
                "category and funding split of the selected need (joint asks the ICB share)",
            ),
            Action::EditNeed => info(
                const { &[Key::char('e')] },
                Some("edit"),
                "edit the selected need's text, provider, cost, delivery and top-up",
            ),
            Action::AddNeed => info(
                const { &[Key::char('a')] },
                Some("add need"),
                "add a need (the next free id N<n>)",
            ),
            Action::EndNeed => info(
                const { &[Key::char('x')] },
                None,
                "mark the selected need ended (the reason goes into its notes)",
            ),
            Action::EditDispute => info(
                const { &[Key::char('D')] },
                None,
                "open an ICB/LA dispute (interim funder required), or resolve the open one",
            ),
            Action::EndAftercare => info(
                const { &[Key::char('E')] },
                None,
                "end S117 aftercare: date, ICB and LA decision makers, reasons",
            ),
            Action::NewDetention => info(
                const { &[Key::char('N')] },
                None,
                "new detention (s3, 37, 45A, 47, 48): the current one moves into the history; ICB and LA asked again",
            ),
            Action::KeepOurs => info(
                const { &[Key::char('O')] },
                None,
                "merge conflict (above the tabs): keep this plan's value",
            ),
            Action::TakeTheirs => info(
                const { &[Key::char('T')] },
                None,
                "merge conflict (above the tabs): take the other change's value",
            ),
            Action::Sync => info(
                const { &[Key::char('Y')] },
                None,
                "sync with the team's git server: fetch, merge, push",
            ),
            Action::StartReview => info(
                const { &[Key::char('r')] },
                Some("review"),
                "guided review: meeting, each need, new needs, voice, outcome, next review",
            ),
            Action::ShowPending => info(
                const { &[Key::char('w')] },
                Some("write"),
                "show the diff of the pending changes, then write them (y)",
            ),
            Action::Undo => info(
                const { &[Key::char('u')] },
                Some("undo"),
                "take back the last pending change (before it is written)",
            ),
            Action::NewPlan => info(
                const { &[Key::char('n')] },
                Some("new"),
                "new plan: a short form, written as a new file after showing it",
            ),
            Action::ShowRegister => info(
                const { &[Key::char('$')] },
                None,
                "register: per ICB and LA, plans, needs, weekly cost paid now, disputes, top-ups",
            ),
            Action::ToggleMoneyPeriod => info(
                const { &[Key::char('$')] },
                None,
                "money on the plan header: what each body pays now per week (again: per year)",
            ),
            Action::FormInput(_) => info(const { &[] }, None, "type into the field"),
            Action::FormBackspace => info(
                const { &[Key::code(K::Backspace)] },
                None,
                "delete the character before the cursor",
            ),
            Action::FormClear => info(const { &[Key::ctrl('u')] }, None, "clear the field"),
            Action::FormLeft => info(
                const { &[Key::code(K::Left)] },
                None,
                "cursor left; previous option of a choice",
            ),
            Action::FormRight => info(
                const { &[Key::code(K::Right)] },
                None,
                "cursor right; next option of a choice",
            ),
            Action::FormHome => info(
                const { &[Key::code(K::Home), Key::ctrl('a')] },
                None,
                "start of the field",
            ),
            Action::FormEnd => info(
                const { &[Key::code(K::End), Key::ctrl('e')] },
                None,
                "end of the field",
            ),
            Action::FormNext => info(
                const { &[Key::code(K::Tab), Key::code(K::Down)] },
                Some("field"),
                "next field",
            ),
            Action::FormPrevious => info(
                const { &[Key::code(K::BackTab), Key::code(K::Up)] },
                None,
                "previous field (in the review, on the first field: the previous step)",
            ),
            Action::FormSubmit => info(
                const { &[Key::code(K::Enter)] },
                Some("next"),
                "next field; on the last one, done (refused while a value is wrong)",
            ),
            Action::FormCancel => info(
                const { &[Key::code(K::Esc)] },
                Some("cancel"),
                "cancel (asks first when something was typed)",
            ),
            Action::StepBack => info(
                const { &[Key::code(K::PageUp)] },
                Some("back"),
                "previous step (nothing typed is lost)",
            ),
            Action::StepForward => info(const { &[Key::code(K::PageDown)] }, None, "next step"),
            Action::WriteConfirm => info(
                const { &[Key::char('y')] },
                Some("write"),
                "write the changes shown to the file",
            ),
            Action::WriteCancel => info(
                const { &[Key::char('n'), Key::code(K::Esc)] },
                Some("back"),
                "back to the plan; the changes stay pending",
            ),
            Action::GuardWrite => info(
                const { &[Key::char('w')] },
                Some("write"),
                "show the diff and write the pending changes",
            ),
            Action::GuardDiscard => info(
                const { &[Key::char('d')] },
                Some("discard"),
                "discard the pending changes",
            ),
            Action::GuardCancel => info(
                const { &[Key::code(K::Esc), Key::char('c')] },
                Some("cancel"),
                "stay, with the changes kept",
            ),
            Action::ConfirmYes => info(const { &[Key::char('y')] }, Some("yes"), "yes"),
            Action::ConfirmNo => info(
                const { &[Key::char('n'), Key::code(K::Esc)] },
                Some("no"),
                "no: back to where you were",
            ),
            Action::ReloadReapply => info(
                const { &[Key::char('r')] },
                Some("reload"),
                "read the file again and re-apply the pending changes that still apply",
            ),
            Action::ExportPlan => info(
                const { &[Key::char('p')] },
                Some("export"),
                "export: the person's copy, the review record or FHIR, to a file",
            ),
            Action::ExportWrite => info(
                const { &[Key::code(K::Enter)] },
                Some("write"),
                "write the export to the file named (inside the plans folder: asks again)",
            ),
            Action::ExportCancel => info(
                const { &[Key::code(K::Esc)] },
                Some("cancel"),
                "close without writing",
            ),
            Action::Paste(_) => info(
                const { &[] },
                None,
                "paste text into the search or the field (as text, never as keys)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_cycles_through_every_key() {
        let mut sort = SortKey::default();
        for _ in 0..5 {
            sort = sort.next();
        }
        assert_eq!(sort, SortKey::NextReview);
    }
}
