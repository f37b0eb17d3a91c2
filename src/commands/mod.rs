//! Subcommands: `check`, `set`, `due`, `summary`, `history`, `themes`, and `new` (questions on
//! the terminal).

pub mod check;
pub mod due;
pub mod history;
pub mod new;
pub mod set;
pub mod summary;
pub mod themes;
