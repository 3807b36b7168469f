//! The shipped help directory (this repository's `content/directory/`), kept
//! apart from the generator's own tests: an editor's change to the content
//! can fail these, never `tests/e2e`. Every entry is traceable to the pages
//! its facts come from and has a contact, every number links in E.164, each
//! country has an emergency number and a national line, `regions.yaml` lists
//! every ISO 3166-2 subdivision of the countries it names, the border states
//! are the ten on the border, and each has services of its own.

use faro::directory::{Directory, iso3166};
use std::collections::BTreeSet;

/// The shipped directory as a build without drafts sees it: the loaded
/// site's, so it is checked exactly as the site publishes it.
fn published() -> Directory {
    crate::help::site().directory
}

#[test]
fn every_entry_has_a_source_a_verified_date_and_says_who_answers() {
    let dir = published();
    for e in &dir.entries {
        assert!(!e.sources.is_empty(), "{} names no source", e.id);
        assert!(e.sources.iter().all(|s| s.starts_with("https://") || s.starts_with("http://")), "{}", e.id);
        assert!(e.verified.year() >= 2025, "{} verified {}", e.id, e.verified);
    }
}

#[test]
fn every_border_state_has_at_least_two_services_of_its_own() {
    let dir = published();
    let border: Vec<_> = dir.regions.iter().filter(|r| r.border).collect();
    assert_eq!(border.len(), 10, "the ten states on the U.S.–Mexico border");
    for region in border {
        let own = dir.services_in(&region.code);
        assert!(
            own.len() >= 2,
            "{} lists {} service(s) of its own: {:?}",
            region.code,
            own.len(),
            own.iter().map(|e| &e.id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_entry_has_a_contact_and_every_number_links_in_e164() {
    let dir = published();
    for entry in &dir.entries {
        assert!(!entry.contacts.is_empty(), "{} has no contact", entry.id);
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
fn every_country_has_an_emergency_number_and_a_national_line() {
    let dir = published();
    assert!(dir.countries().next().is_some(), "no country");
    for country in dir.countries() {
        assert!(!dir.emergency_for(&country.code).is_empty(), "{} has no emergency number", country.code);
        assert!(!dir.national_for(&country.code).is_empty(), "{} has no national line", country.code);
    }
}

#[test]
fn every_country_lists_every_iso_3166_2_subdivision_named_in_every_language() {
    let dir = published();
    let languages: Vec<String> = crate::help::site().config.languages.iter().map(|l| l.code.clone()).collect();
    for country in dir.countries() {
        let ours: BTreeSet<&str> = dir.regions_of_country(&country.code).iter().map(|r| r.code.as_str()).collect();
        let iso: BTreeSet<&str> = iso3166::subdivisions_of(&country.code).map(|(code, _)| code).collect();
        assert!(!iso.is_empty(), "{} has no subdivisions in ISO 3166-2", country.code);
        assert_eq!(ours, iso, "{}: regions.yaml and ISO 3166-2 differ", country.code);
    }
    for region in &dir.regions {
        for lang in &languages {
            assert!(region.name.get(lang).is_some_and(|n| !n.is_empty()), "{} has no {lang} name", region.code);
        }
    }
}

#[test]
fn the_border_states_are_the_ten_that_touch_the_border() {
    let dir = published();
    let border: BTreeSet<&str> = dir.regions.iter().filter(|r| r.border).map(|r| r.code.as_str()).collect();
    // A fact of geography: the four U.S. states and six Mexican states on the line.
    let touching: BTreeSet<&str> =
        ["MX-BCN", "MX-SON", "MX-CHH", "MX-COA", "MX-NLE", "MX-TAM", "US-CA", "US-AZ", "US-NM", "US-TX"].into();
    assert_eq!(border, touching);
}
