//! The `faro` command: parses arguments, runs one subcommand, prints its
//! diagnostics and exits 0 (success), 1 (content errors) or 2 (usage or I/O).

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    cmd::run(cli)
}
