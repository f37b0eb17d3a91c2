//! The keys and words of the editing actions (quick edits, the review, prompts, the diff and
//! its dialogs): part of the one Action list behind the keymap, hints and help.

use crossterm::event::KeyCode;

use super::{Action, ActionInfo, INTERNAL, Key, info};

/// Keys and words of the editing actions.
pub(super) fn edit_info(action: &Action) -> ActionInfo {
    use KeyCode as K;
    match action {
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
            "edit the selected need's text and provider",
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
        Action::Resize { .. }
        | Action::LoadStarted { .. }
        | Action::PlansLoaded(_)
        | Action::LoadFinished
        | Action::LoadFailed(_) => INTERNAL,
        _ => INTERNAL,
    }
}
