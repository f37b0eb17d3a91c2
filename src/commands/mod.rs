//! Subcommands: `check`, `set`, `due`, `summary`, `history`, `export`, `themes`, `config`, `new`
//! (questions on the terminal), and `open` (no command: the full-screen view). Each owns its
//! arguments (`…Args`) and `execute`, which takes the shared `cli::Context` and writes reports
//! to `out`, errors and refusals to `err`, and returns the exit code (`cli::exit`).

pub mod check;
pub mod config;
pub mod due;
pub mod export;
pub mod history;
pub mod init;
pub mod merge_driver;
pub mod new;
pub mod open;
pub mod set;
pub mod summary;
pub mod sync;
pub mod table;
pub mod themes;
