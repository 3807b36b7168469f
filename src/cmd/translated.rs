//! `faro translated`: records translations as brought up to date with
//! their source, so `faro check` stops warning about them (see
//! `faro::translate`).

use std::process::ExitCode;

use clap::Args;
use faro::Diagnostics;
use faro::translate::stale::MarkError;

use super::{EXIT_CONTENT, EXIT_USAGE, SiteArgs, print_diagnostics};

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["paths", "all"])))]
pub struct TranslatedArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Translations to mark current: a page's translation (content/learn/signs.es.md),
    /// a directory or statistics file, or a theme strings file
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Mark every translation of the site current (the first time, to start following changes)
    #[arg(long)]
    pub all: bool,
    /// Only this language
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

pub fn run(args: TranslatedArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    match faro::translate::stale::mark(&args.site.root, &args.paths, args.all, args.lang.as_deref()) {
        Ok(marked) => {
            let total: usize = marked.by_lang.values().sum();
            let per_lang: Vec<String> = marked.by_lang.iter().map(|(l, n)| format!("{n} in `{l}`")).collect();
            eprintln!(
                "recorded {total} translated text(s) as current{} in {}",
                if per_lang.is_empty() { String::new() } else { format!(" ({})", per_lang.join(", ")) },
                faro::translate::RECORD_FILE
            );
            ExitCode::SUCCESS
        }
        Err(MarkError::Content(problems)) => {
            let mut diags = Diagnostics::new();
            diags.extend(problems);
            diags.sort();
            print_diagnostics(&diags);
            ExitCode::from(EXIT_CONTENT)
        }
        Err(MarkError::Usage(err)) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
