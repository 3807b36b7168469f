//! The help directory end to end: the shipped data loads cleanly and answers
//! the "who to call" questions correctly, `regions.yaml` matches ISO 3166-2 as
//! published by Debian's iso-codes, and each kind of mistake an editor can make
//! produces the exact diagnostics they would read (snapshots).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use faro::config::{Config, SITE_FILE};
use faro::directory::{self, ContactKind, Directory, Kind};
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

// The shipped data.

#[test]
fn shipped_directory_loads_without_errors() {
    let (directory, diags) = load(&repo_root());
    // Judged on a fixed day, so this stays true; `faro check` warns as entries age.
    assert!(diags.is_empty(), "{}", diags.render(false));
    assert!(directory.entries.len() >= 10, "{} entries", directory.entries.len());
    for entry in &directory.entries {
        assert!(!entry.sources.is_empty(), "{} has no source", entry.id);
        assert!(!entry.contacts.is_empty(), "{} has no contact", entry.id);
    }
}

#[test]
fn shipped_directory_answers_who_to_call() {
    let (d, _) = load(&repo_root());

    assert_eq!(ids(d.emergency_for("US")), ["us-911"]);
    assert_eq!(ids(d.emergency_for("MX")), ["mx-911"]);
    assert!(ids(d.national_for("US")).contains(&"us-nhth"));
    assert!(ids(d.national_for("MX")).contains(&"mx-lnctp"));

    // Texas: its own line and the national ones, never another state's.
    let texas = ids(d.entries_for("US-TX"));
    for expected in ["us-911", "us-nhth", "us-tx-abuse-hotline"] {
        assert!(texas.contains(&expected), "US-TX lacks {expected}: {texas:?}");
    }
    for foreign in ["us-ca-cast", "us-az-trafficking-hotline", "mx-lnctp", "mx-911"] {
        assert!(!texas.contains(&foreign), "US-TX shows {foreign}");
    }
    assert!(ids(d.services_in("US-TX")).contains(&"us-tx-abuse-hotline"));

    // Tlaxcala has no line of its own: the national lines apply.
    let tlaxcala = ids(d.entries_for("MX-TLA"));
    assert!(tlaxcala.contains(&"mx-lnctp") && tlaxcala.contains(&"mx-911"));
    assert!(d.services_in("MX-TLA").is_empty());
    assert!(!tlaxcala.contains(&"mx-coa-075"));

    // The other side of the border: lines a caller abroad can reach.
    let from_us = ids(d.other_side("US"));
    assert!(from_us.contains(&"mx-lnctp"), "{from_us:?}");
    assert!(!from_us.contains(&"mx-089"), "089 is a short code: {from_us:?}");
    assert!(ids(d.other_side("MX")).contains(&"us-nhth"));
}

#[test]
fn shipped_numbers_link_in_e164() {
    let (d, _) = load(&repo_root());
    let nhth = d.entry("us-nhth").expect("us-nhth");
    let hrefs: Vec<(ContactKind, &str)> = nhth.contacts.iter().map(|c| (c.kind, c.href.as_str())).collect();
    assert_eq!(
        &hrefs[..3],
        [(ContactKind::Phone, "tel:+18883737888"), (ContactKind::Sms, "sms:233733"), (ContactKind::Tty, "tel:711"),]
    );
    let lnctp = d.entry("mx-lnctp").expect("mx-lnctp");
    let phone = lnctp.contacts[0].number.as_ref().expect("a number");
    assert_eq!(phone.e164.as_deref(), Some("+528005533000"));
    assert_eq!(phone.display_for(Some("US")), "+52 800 553 3000");
    assert_eq!(lnctp.contacts[1].href, "https://wa.me/528005533000");
    assert_eq!(d.entry("us-mx-ciam").map(|e| e.kind), Some(Kind::Consulate));
    for entry in &d.entries {
        for contact in &entry.contacts {
            if let Some(number) = &contact.number {
                let ok = match &number.e164 {
                    Some(e164) => contact.href.ends_with(e164.trim_start_matches('+')),
                    None => number.short_code,
                };
                assert!(ok, "{}: {} links to {}", entry.id, contact.written, contact.href);
            }
        }
    }
}

#[test]
fn shipped_regions_name_every_state_and_the_border() {
    let (d, _) = load(&repo_root());
    assert_eq!(d.regions_of_country("US").len(), 57);
    assert_eq!(d.regions_of_country("MX").len(), 32);
    let border: BTreeSet<&str> = d.regions.iter().filter(|r| r.border).map(|r| r.code.as_str()).collect();
    let expected: BTreeSet<&str> =
        ["MX-BCN", "MX-SON", "MX-CHH", "MX-COA", "MX-NLE", "MX-TAM", "US-CA", "US-AZ", "US-NM", "US-TX"]
            .into_iter()
            .collect();
    assert_eq!(border, expected);
    for region in &d.regions {
        for lang in ["en", "es"] {
            assert!(region.name.get(lang).is_some_and(|n| !n.is_empty()), "{} has no {lang} name", region.code);
        }
    }
}

/// Every code in regions.yaml is a real ISO 3166 code, and every subdivision
/// ISO lists for those countries is there: checked against Debian's iso-codes
/// JSON, installed by scripts/install-test-deps.sh.
#[test]
fn regions_match_iso_3166_from_iso_codes() {
    let dir = Path::new("/usr/share/iso-codes/json");
    let read = |name: &str| -> serde_json::Value {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
            panic!(
                "cannot read {} ({err}): run scripts/install-test-deps.sh to install Debian's iso-codes",
                path.display()
            )
        });
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
    };
    let codes = |json: &serde_json::Value, list: &str, field: &str| -> BTreeSet<String> {
        json[list]
            .as_array()
            .unwrap_or_else(|| panic!("no `{list}` list in iso-codes"))
            .iter()
            .filter_map(|item| item[field].as_str().map(str::to_string))
            .collect()
    };
    let countries = codes(&read("iso_3166-1.json"), "3166-1", "alpha_2");
    let subdivisions = codes(&read("iso_3166-2.json"), "3166-2", "code");
    assert!(countries.contains("MX") && subdivisions.contains("MX-TLA"), "iso-codes data looks wrong");

    let (d, diags) = load(&repo_root());
    assert!(!diags.has_errors(), "{}", diags.render(false));
    for country in d.countries() {
        assert!(countries.contains(&country.code), "{} is not an ISO 3166-1 code", country.code);
        let ours: BTreeSet<String> = d.regions_of_country(&country.code).iter().map(|r| r.code.clone()).collect();
        let prefix = format!("{}-", country.code);
        let iso: BTreeSet<String> = subdivisions.iter().filter(|c| c.starts_with(&prefix)).cloned().collect();
        let not_iso: Vec<_> = ours.difference(&iso).collect();
        let missing: Vec<_> = iso.difference(&ours).collect();
        assert!(not_iso.is_empty(), "not ISO 3166-2 codes: {not_iso:?}");
        assert!(missing.is_empty(), "{} lacks {missing:?}", country.code);
    }
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
