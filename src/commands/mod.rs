//! Non-interactive subcommands: `check`, `set`, `due`, `summary`.

pub mod check;
pub mod due;
pub mod set;
pub mod summary;
