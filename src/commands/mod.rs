//! Non-interactive subcommands: `check`.

pub mod check;
