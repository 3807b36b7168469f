//! A help-directory file: any text as a list of entries, checked against the
//! regions of the `valid` fixture site, or (when the first byte is odd) as
//! `regions.yaml` itself. Parsing must return entries or diagnostics, never
//! panic, and every diagnostic must render.

#![no_main]

use std::sync::LazyLock;

use faro::directory::{self, Region, entry, regions};
use faro::source::SourceFile;
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

static LANGUAGES: LazyLock<Vec<String>> = LazyLock::new(|| vec!["en".to_string(), "es".to_string()]);

/// The fixture's regions, which entries name in `areas`.
static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/sites/valid/content/directory/regions.yaml");
    let text = std::fs::read_to_string(path).expect("the valid fixture site has a regions.yaml");
    let regions = regions::parse(&SourceFile::new(directory::REGIONS_FILE, text), &LANGUAGES);
    assert!(regions.problems.is_empty(), "the fixture's regions.yaml has problems");
    regions.value
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let problems = if selector % 2 == 1 {
        regions::parse(&SourceFile::new(directory::REGIONS_FILE, text), &LANGUAGES).problems
    } else {
        let cx = entry::Context {
            languages: &LANGUAGES,
            site_languages: &LANGUAGES,
            regions: &REGIONS,
            today: Date::constant(2026, 11, 22),
        };
        directory::entries_of(&SourceFile::new("content/directory/lines.yaml", text), &cx).problems
    };
    for problem in problems {
        problem.render(false);
    }
});
