//! Everything that touches the disk: scanning the plans folder, editing and writing plan files.

pub mod cache;
pub mod create;
pub mod diff;
pub mod edit;
pub mod folder;
pub mod git;
pub mod merge;
pub mod pending;
pub mod sync;
pub mod write;
