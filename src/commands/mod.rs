//! Subcommands: `check`, `set`, `due`, `summary`, and `new` (questions on the terminal).

pub mod check;
pub mod due;
pub mod new;
pub mod set;
pub mod summary;
