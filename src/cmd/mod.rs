//! Command-line definitions (clap) and dispatch. Flags shared by several
//! subcommands live in [`SiteArgs`]; each subcommand is one module with one
//! entry function.

mod build;
mod check;
mod i18n;
mod new;
mod serve;
mod translated;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use faro::Diagnostics;

/// Exit code for content errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code for usage and I/O errors.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "faro", version, about = "Build bilingual, accessible anti-trafficking help sites")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only when everything succeeded)
    Build(build::BuildArgs),
    /// Load and validate everything, lint the content; write nothing
    ///
    /// Every page's text is read and checked as a build reads it. The theme's
    /// templates are tried with a sample of the pages: in each language, one
    /// page of each kind and of each combination of what it has or lacks
    /// (a date, a summary, a parent section, a translation…). A template
    /// mistake that only one page's particular values bring out is reported
    /// by `faro build`, which renders every page.
    Check(check::CheckArgs),
    /// Preview the site, rebuilding and reloading pages on every save
    Serve(serve::ServeArgs),
    /// Create a page, a story or a directory entry in every language
    New(new::NewArgs),
    /// Files for translators: export a language's texts, import their translations
    I18n(i18n::I18nArgs),
    /// Mark translations as brought up to date with their source
    Translated(translated::TranslatedArgs),
}

/// Where the site is.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's root folder (holding content/)
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(args),
        Command::I18n(args) => i18n::run(args),
        Command::Translated(args) => translated::run(args),
    }
}

/// `--base-url`, for `build` and `check` alike.
pub fn parse_base_url(raw: &str) -> Result<faro::config::BaseUrl, String> {
    faro::config::BaseUrl::parse(raw)
}

/// Colours only on a terminal, and never when NO_COLOR is set.
pub fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr, then a one-line count.
pub fn print_diagnostics(diags: &Diagnostics) {
    if diags.is_empty() {
        return;
    }
    eprint!("{}", diags.render(use_color()));
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    eprintln!("{errors} error(s), {warnings} warning(s)");
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
