//! `faro i18n export` and `faro i18n import`: files for translators, and
//! their translations written back into the site (see `faro::translate`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use faro::Diagnostics;
use faro::translate::export::{ExportError, Format};
use faro::translate::import::ImportError;
use faro::translate::units::Kind;

use super::{EXIT_CONTENT, EXIT_USAGE, SiteArgs, print_diagnostics};

#[derive(Debug, Args)]
pub struct I18nArgs {
    #[command(subcommand)]
    pub command: I18nCommand,
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Write every text a language needs into a PO or XLIFF file for translators
    Export(ExportArgs),
    /// Write the translations of a PO or XLIFF file back into the site's files
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The language to translate into (a code from content/site.yaml, or a new one)
    #[arg(long, value_name = "CODE")]
    pub lang: String,
    /// The file format: po (Poedit, Weblate) or xliff (OmegaT, Weblate, Trados)
    #[arg(long, value_enum, default_value = "po")]
    pub format: Format,
    /// Where to write the file [default: <lang>.po or <lang>.xlf in the current folder]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The translated PO or XLIFF file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub fn run(args: I18nArgs) -> ExitCode {
    match args.command {
        I18nCommand::Export(args) => export(args),
        I18nCommand::Import(args) => import(args),
    }
}

fn export(args: ExportArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    let exported = match faro::translate::export::export(&args.site.root, &args.lang, args.format) {
        Ok(exported) => exported,
        Err(ExportError::Content(problems)) => return content_failure(problems),
        Err(ExportError::Usage(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let output = args.output.unwrap_or_else(|| PathBuf::from(format!("{}.{}", args.lang, args.format.extension())));
    if let Err(err) = std::fs::write(&output, &exported.text) {
        eprintln!("error: cannot write {}: {err}", output.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let (total, translated, stale) = exported.counts.total();
    eprintln!("wrote {}: {total} texts to translate into `{}`", output.display(), args.lang);
    eprintln!("  {:<18} {:>6} {:>11} {:>12}", "", "texts", "translated", "out of date");
    for kind in Kind::ALL {
        if let Some((n, t, s)) = exported.counts.by_kind.get(&kind) {
            eprintln!("  {:<18} {n:>6} {t:>11} {s:>12}", kind.name());
        }
    }
    eprintln!("  {:<18} {total:>6} {translated:>11} {stale:>12}", "all");
    if exported.builtin_theme {
        eprintln!(
            "note: this site uses the theme built into Faro, so its interface strings are not in the file; \
             copy Faro's themes/default/ into the site to translate them here"
        );
    }
    if exported.unlisted {
        eprintln!(
            "note: `{}` is not in content/site.yaml yet; add it under `languages:` (with a `fallback:`) to publish it",
            args.lang
        );
    }
    eprintln!("translate it in Poedit, Weblate or OmegaT, then run `faro i18n import {}`", output.display());
    ExitCode::SUCCESS
}

fn import(args: ImportArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    match faro::translate::import::import(&args.site.root, &args.file) {
        Ok(imported) => {
            eprintln!(
                "imported {} `{}` text(s) into {} file(s); they are recorded as current",
                imported.texts,
                imported.lang,
                imported.files.len()
            );
            for file in &imported.files {
                eprintln!("  {file}");
            }
            if imported.awaiting_review > 0 {
                eprintln!(
                    "left alone: {} text(s) still marked for review (fuzzy) and unchanged",
                    imported.awaiting_review
                );
            }
            for page in &imported.pages_not_created {
                eprintln!("not created yet: {page}: translate its title and its body to create it");
            }
            ExitCode::SUCCESS
        }
        Err(ImportError::Content(problems)) => {
            let code = content_failure(problems);
            eprintln!("nothing was imported; no file of the site was changed");
            code
        }
        Err(ImportError::Usage(err)) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn content_failure(problems: Vec<faro::Diagnostic>) -> ExitCode {
    let mut diags = Diagnostics::new();
    diags.extend(problems);
    diags.sort();
    print_diagnostics(&diags);
    ExitCode::from(EXIT_CONTENT)
}
