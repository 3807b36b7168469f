//! `faro check`: load and validate everything, lint the content, write
//! nothing; then a summary table of translation coverage and of what was found.
//! Templates are rendered with a sample of the pages, not with every page
//! (see `faro::render::check_planned`): the check stays quick on a large
//! site, and `build` still renders, and so checks, every page.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;
use faro::LoadOptions;
use faro::lint::{LanguageCoverage, RegionGap};

use super::{EXIT_CONTENT, EXIT_USAGE, SiteArgs, print_diagnostics};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Public address of the site, overriding base_url in content/site.yaml (as `build` takes it)
    #[arg(long, value_name = "URL", value_parser = super::parse_base_url)]
    pub base_url: Option<faro::config::BaseUrl>,
}

pub fn run(args: CheckArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    let load = LoadOptions { base_url: args.base_url, ..LoadOptions::default() };
    let mut report = faro::build::check_site(&args.site.root, &load);
    report.diagnostics.extend(faro::translate::stale::warnings(&args.site.root));
    report.diagnostics.sort();
    let diags = &report.diagnostics;
    print_diagnostics(diags);
    if !report.coverage.is_empty() {
        eprint!("{}", coverage_table(&report.coverage));
    }
    if !report.gaps.is_empty() {
        eprint!("{}", gaps_list(&report.gaps, report.subdivisions));
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
    let _ = writeln!(out, "  {:<10} {:>6} {:>7} {:>8} {:>9}", "language", "pages", "errors", "missing", "coverage");
    for row in rows {
        let (pages, errors, missing) = (row.pages, row.with_errors.len(), row.missing.len());
        let _ = writeln!(out, "  {:<10} {pages:>6} {errors:>7} {missing:>8} {:>8}%", row.lang, row.percent());
    }
    for row in rows.iter().filter(|r| !r.with_errors.is_empty()) {
        let _ = writeln!(out, "  with errors in {} (above): {}", row.lang, row.with_errors.join(", "));
    }
    for row in rows.iter().filter(|r| !r.missing.is_empty()) {
        let _ = writeln!(out, "  missing in {}: {}", row.lang, row.missing.join(", "));
    }
    out.push('\n');
    out
}

/// The regions whose help page lists no service of their own, border states
/// first: where a sourced entry is most wanted.
fn gaps_list(gaps: &[RegionGap], subdivisions: usize) -> String {
    let mut out = format!("help directory: {} of {subdivisions} regions list no service of their own\n", gaps.len());
    let line =
        |gaps: Vec<&RegionGap>| gaps.iter().map(|g| format!("{} ({})", g.name, g.code)).collect::<Vec<_>>().join(", ");
    let (border, rest): (Vec<&RegionGap>, Vec<&RegionGap>) = gaps.iter().partition(|g| g.border);
    if !border.is_empty() {
        let _ = writeln!(out, "  on the border: {}", line(border));
    }
    if !rest.is_empty() {
        let _ = writeln!(out, "  elsewhere: {}", line(rest));
    }
    out.push_str("  add a service from the organisation's own page with `faro new service ID`\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gaps_list_border_states_first() {
        let gap = |code: &str, name: &str, border| RegionGap { code: code.into(), name: name.into(), border };
        let list = gaps_list(&[gap("MX-SON", "Sonora", true), gap("US-DC", "District of Columbia", false)], 5);
        assert!(list.starts_with("help directory: 2 of 5 regions list no service of their own\n"), "{list}");
        assert!(
            list.contains("  on the border: Sonora (MX-SON)\n  elsewhere: District of Columbia (US-DC)\n"),
            "{list}"
        );
    }

    #[test]
    fn the_table_lists_each_language_and_what_it_lacks() {
        let rows = [
            LanguageCoverage { lang: "en".into(), pages: 4, with_errors: vec![], missing: vec![] },
            LanguageCoverage {
                lang: "es".into(),
                pages: 2,
                with_errors: vec!["learn/what-is".into()],
                missing: vec!["learn/signs".into()],
            },
        ];
        let table = coverage_table(&rows);
        assert!(table.contains("  language    pages  errors  missing  coverage\n"), "{table}");
        assert!(table.contains("  en              4       0        0      100%\n"), "{table}");
        assert!(table.contains("  es              2       1        1       75%\n"), "{table}");
        assert!(table.contains("  with errors in es (above): learn/what-is\n"), "{table}");
        assert!(table.contains("  missing in es: learn/signs\n"), "{table}");
    }
}
