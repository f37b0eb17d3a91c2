//! Non-interactive subcommands: `check`, `set`, `due`, `summary`, `history`, `themes`.

pub mod check;
pub mod due;
pub mod history;
pub mod set;
pub mod summary;
pub mod themes;
