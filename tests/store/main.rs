//! The tests of reading, editing, writing and git, in one binary (one link of the library
//! instead of one per file): format-preserving edits (golden files and properties), writes
//! that race each other, hostile folders, git history and git's output as data, and the fuzz
//! corpus replayed. Tests here run on threads of one process, so none may change the
//! environment, the current directory or other process-wide state; a test that needs to runs
//! the `aftercare` binary instead (`write_crash` runs this binary again, with only its writer
//! test, as the writer it kills). A new file here is one more `mod` line below.

mod cache;
mod cache_cli;
mod cache_listing;
mod cache_props;
#[path = "../common/mod.rs"]
mod common;
mod edit_detention;
mod edit_golden;
mod edit_props;
mod fuzz_corpus;
mod git_history;
mod git_security;
mod hostile_folder;
mod meeting_history;
mod one_parse;
mod write_concurrency;
mod write_crash;
