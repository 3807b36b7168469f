//! The shipped site as a whole: it builds without errors, its `sitemap.xml`
//! is valid against the sitemaps.org schema, `robots.txt` names it at the
//! site's address, and every Atom feed is well-formed with its entries newest
//! first. Nothing here names a page, so adding or removing one keeps it passing.

use std::path::Path;

use crate::common::{shipped, shipped_file, xmllint};

#[test]
fn the_shipped_site_builds_without_errors() {
    // `shipped()` builds it once and fails on any error.
    assert!(shipped().join("index.html").is_file());
}

#[test]
fn the_sitemap_is_valid_against_the_sitemap_schema_and_named_in_robots_txt() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sitemap/sitemap-with-alternates.xsd");
    let sitemap = shipped().join("sitemap.xml");
    let result = xmllint(&["--noout", "--schema", schema.to_str().unwrap(), sitemap.to_str().unwrap()]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let site = crate::help::site();
    let robots = shipped_file("robots.txt");
    assert!(robots.contains(&format!("Sitemap: {}sitemap.xml\n", site.config.base_url.url)), "{robots}");
}

#[test]
fn every_feed_is_well_formed_and_newest_first() {
    let feeds: Vec<_> = walkdir::WalkDir::new(shipped())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "atom.xml")
        .map(|e| e.into_path())
        .collect();
    assert!(!feeds.is_empty(), "the stories have no feed");
    for path in feeds {
        let result = xmllint(&["--noout", path.to_str().unwrap()]);
        assert!(result.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&result.stderr));
        let feed = std::fs::read_to_string(&path).unwrap();
        let updated: Vec<&str> = feed
            .split("<entry>")
            .skip(1)
            .map(|e| e.split("<updated>").nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert!(updated.windows(2).all(|w| w[0] >= w[1]), "{}: not newest first: {updated:?}", path.display());
    }
}
