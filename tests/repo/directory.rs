//! The shipped help directory (this repository's `content/directory/`), kept
//! apart from the generator's own tests: an editor's change to the content
//! can fail these, never `tests/e2e`. Every entry is traceable to the pages
//! its facts come from, and each state on the border has services of its own
//! on its page in every language.

use std::path::{Path, PathBuf};

use faro::config::{Config, SITE_FILE};
use faro::directory::{self, Directory};
use faro::read::read_source;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped directory as a build without drafts sees it.
fn published() -> Directory {
    let file = read_source(&root(), Path::new(SITE_FILE)).expect("site.yaml is readable");
    let config = Config::parse(file).expect("site.yaml is valid");
    let (mut dir, diags) = directory::load(&root(), &config);
    assert!(!diags.has_errors(), "{}", diags.render(false));
    dir.entries.retain(|e| !e.draft);
    dir
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
