//! aftercare: review Section 117 aftercare plans kept as YAML files in a git-friendly folder.
#![forbid(unsafe_code)]

pub mod ascii_fold;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod inert;
pub mod plan;
pub mod store;
pub mod tui;
