//! Non-interactive subcommands: `check`, `set`, `due`, `summary`, `themes`.

pub mod check;
pub mod due;
pub mod set;
pub mod summary;
pub mod themes;
