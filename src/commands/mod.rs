//! Non-interactive subcommands: `check`.

pub mod check;
pub mod due;
pub mod summary;
