//! Non-interactive subcommands: `check`, `set`, `due`, `summary`, `history`.

pub mod check;
pub mod due;
pub mod history;
pub mod set;
pub mod summary;
