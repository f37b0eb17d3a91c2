//! The `aftercare` binary: parse the command line and run the TUI or a subcommand.
#![forbid(unsafe_code)]

fn main() {
    println!("aftercare");
}
