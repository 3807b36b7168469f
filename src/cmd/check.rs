//! `faro check`: load and validate everything, lint the content, write
//! nothing; then a summary table of translation coverage and of what was found.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;
use faro::LoadOptions;
use faro::lint::LanguageCoverage;

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
    let report = faro::build::check_site(&args.site.root, &LoadOptions::default());
    let diags = &report.diagnostics;
    print_diagnostics(diags);
    if !report.coverage.is_empty() {
        eprint!("{}", coverage_table(&report.coverage));
    }
    let failed = diags.has_errors() || (args.strict && !diags.is_empty());
    let verdict = match (diags.error_count(), diags.warning_count()) {
        (0, 0) => "no problems found".to_string(),
        (0, w) if !args.strict => format!("no errors; {w} warning(s) to look at"),
        (0, w) => format!("{w} warning(s), which fail the check with --strict"),
        (e, w) => format!("{e} error(s) and {w} warning(s); the site cannot be built until the errors are fixed"),
    };
    eprintln!("{verdict}");
    if failed { ExitCode::from(EXIT_CONTENT) } else { ExitCode::SUCCESS }
}

/// The coverage of each language as a small table, then the pages each
/// language lacks.
fn coverage_table(rows: &[LanguageCoverage]) -> String {
    let mut out = String::from("\ntranslation coverage\n");
    let _ = writeln!(out, "  {:<10} {:>6} {:>8} {:>9}", "language", "pages", "missing", "coverage");
    for row in rows {
        let _ = writeln!(out, "  {:<10} {:>6} {:>8} {:>8}%", row.lang, row.pages, row.missing.len(), row.percent());
    }
    for row in rows.iter().filter(|r| !r.missing.is_empty()) {
        let _ = writeln!(out, "  missing in {}: {}", row.lang, row.missing.join(", "));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_each_language_and_what_it_lacks() {
        let rows = [
            LanguageCoverage { lang: "en".into(), pages: 4, missing: vec![] },
            LanguageCoverage { lang: "es".into(), pages: 3, missing: vec!["learn/signs".into()] },
        ];
        let table = coverage_table(&rows);
        assert!(table.contains("  en              4        0      100%\n"), "{table}");
        assert!(table.contains("  es              3        1       75%\n"), "{table}");
        assert!(table.contains("  missing in es: learn/signs\n"), "{table}");
    }
}
