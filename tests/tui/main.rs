//! The app's tests, in one binary (one link of the library instead of one per file): key
//! scripts against the app drawn into memory, snapshots of every screen, the app's git
//! features, and what reaches the screen (meeting mode, escapes, pasted text). Tests here run
//! on threads of one process, so none may change the environment, the current directory or
//! other process-wide state; a test that needs to runs the `aftercare` binary instead. The
//! real terminal is tested here too (`tui_pty`: the binary in a pseudo-terminal). A new file
//! here is one more `mod` line below.

mod architecture;
#[path = "../common/mod.rs"]
mod common;
mod export_app;
mod input_safety;
mod meeting_privacy;
mod team_resolve;
mod team_sync_app;
mod terminal_safety;
mod tui_commit_jobs;
mod tui_detention;
mod tui_edit;
mod tui_edit_jobs;
mod tui_edit_snapshots;
mod tui_git;
mod tui_history;
mod tui_keys;
mod tui_money_edit;
mod tui_plan_money;
mod tui_pty;
mod tui_register;
mod tui_review;
mod tui_search;
mod tui_snapshots;
mod tui_themes;
mod tui_wales;
mod tui_warm_start;
