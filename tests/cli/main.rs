//! The command-line tests, in one binary (one link of the library instead of one per file):
//! the real `aftercare` binary run on sample and temporary folders, and the commands' `run`
//! functions. Tests here run on threads of one process, so none may change the environment,
//! the current directory or other process-wide state; a test that needs to runs the
//! `aftercare` binary instead (with `Command::env`, `Command::current_dir`). A new file here
//! is one more `mod` line below.

#[path = "../common/mod.rs"]
mod common;

mod check_cli;
mod cli_contract;
mod cli_golden;
mod due_cli;
mod export;
mod export_fhir;
mod history_cli;
mod lifecycle_agreement;
mod new_cli;
mod readme_examples;
mod rule_fixtures;
mod set_as_app;
mod set_cmd;
mod summary_money;
mod team_init;
mod team_network;
mod team_support;
mod team_sync;
