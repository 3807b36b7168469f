//! The help directory end to end: each kind of mistake an editor can make in
//! it produces the exact diagnostics they would read (snapshots). (The shipped
//! directory's own rules are checked in `tests/repo/directory.rs`.)

use std::path::{Path, PathBuf};

use faro::config::{Config, SITE_FILE};
use faro::directory::{self, Directory};
use faro::read::read_source;
use faro::{Code, Diagnostics};
use jiff::civil::Date;

/// The day the fixtures' dates are judged against, so snapshots never age.
const TODAY: Date = Date::constant(2026, 12, 2);

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(root: &Path) -> (Directory, Diagnostics) {
    let file = read_source(root, Path::new(SITE_FILE)).expect("site.yaml is readable");
    let config = Config::parse(file).expect("site.yaml is valid");
    directory::load_on(root, &config, TODAY)
}

/// The diagnostics of a fixture site as an editor reads them, after checking
/// that they have the `codes` expected, in order.
fn diagnostics_of(fixture: &str, codes: &[Code]) -> String {
    let root = repo_root().join("tests/sites/invalid").join(format!("directory-{fixture}"));
    let (_, diags) = load(&root);
    let found: Vec<Code> = diags.iter().map(|d| d.code).collect();
    assert_eq!(found, codes, "{fixture}");
    diags.render(false)
}

fn ids<'a>(entries: impl IntoIterator<Item = &'a directory::Entry>) -> Vec<&'a str> {
    entries.into_iter().map(|e| e.id.as_str()).collect()
}

// What editors read for each kind of mistake.

#[test]
fn bad_number() {
    insta::assert_snapshot!(diagnostics_of("bad-number", &[Code::BadPhoneNumber; 3]));
}

#[test]
fn obsolete_prefix() {
    insta::assert_snapshot!(diagnostics_of("obsolete-prefix", &[Code::ObsoletePhonePrefix; 3]));
}

#[test]
fn unknown_region() {
    // Each field is checked on its own: the bad number after the bad regions
    // is reported in the same run.
    let out = diagnostics_of(
        "unknown-region",
        &[
            Code::UnknownRegion,
            Code::UnknownRegion,
            Code::UnknownRegion,
            Code::UnknownRegion,
            Code::UnknownRegion,
            Code::BadPhoneNumber,
        ],
    );
    assert!(out.contains("`+1 469-919-526` is not a valid phone number"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn duplicate_id() {
    insta::assert_snapshot!(diagnostics_of("duplicate-id", &[Code::DuplicateId]));
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!(diagnostics_of("unknown-field", &[Code::UnknownKey, Code::UnknownKey]));
}

#[test]
fn missing_language() {
    insta::assert_snapshot!(diagnostics_of(
        "missing-language",
        &[Code::MissingLanguageText, Code::MissingLanguageText]
    ));
}

#[test]
fn unknown_kind() {
    insta::assert_snapshot!(diagnostics_of("unknown-kind", &[Code::UnknownValue; 3]));
}

#[test]
fn stale_date() {
    insta::assert_snapshot!(diagnostics_of("stale-date", &[Code::StaleEntry, Code::FutureVerifiedDate, Code::BadDate]));
}

#[test]
fn bad_hours() {
    insta::assert_snapshot!(diagnostics_of(
        "bad-hours",
        &[Code::BadTimeZone, Code::BadHours, Code::BadHours, Code::BadHours, Code::BadHours]
    ));
}

#[test]
fn problems_stop_only_the_entries_they_are_in() {
    let root = repo_root().join("tests/sites/invalid/directory-unknown-field");
    let (d, diags) = load(&root);
    assert_eq!(diags.error_count(), 2);
    // The unknown key in the first entry hides neither of the others; the
    // second entry's mistake is its own.
    assert_eq!(ids(&d.entries), ["us-three"]);
}
