//! Non-interactive subcommands: `check`.

pub mod check;
pub mod due;
pub mod set;
pub mod summary;
