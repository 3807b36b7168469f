//! `faro check`: load and validate everything, write nothing.

use std::process::ExitCode;

use clap::Args;
use faro::LoadOptions;

use super::{EXIT_CONTENT, EXIT_USAGE, SiteArgs, print_diagnostics};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: CheckArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    let diags = faro::check(&args.site.root, &LoadOptions::default());
    print_diagnostics(&diags);
    if diags.has_errors() || (args.strict && !diags.is_empty()) {
        ExitCode::from(EXIT_CONTENT)
    } else {
        eprintln!("no errors found");
        ExitCode::SUCCESS
    }
}
