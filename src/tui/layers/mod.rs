//! One folder per screen or overlay (as yazi's layers): its state, its `update`, its view and
//! its key bindings together. The screens are the plans list (`dashboard`), a plan (`plan`)
//! an invalid file's findings (`findings`) and the money
//! register (`register`); the overlays are the help, a prompt, the
//! review, the write and its dialogs (`write`), the commit, the history and leaving meeting
//! mode (`meeting`). `keymap` and `app::update` route keys and actions to the layer on top.

pub mod commit;
pub mod dashboard;
pub mod export;
pub mod findings;
pub mod help;
pub mod history;
pub mod meeting;
pub mod plan;
pub mod prompt;
pub mod register;
pub mod review;
pub mod write;
