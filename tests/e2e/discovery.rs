//! The discovery files, on the valid fixture site: `sitemap.xml` valid
//! against the sitemaps.org schema (with its `xhtml:link` alternates) and
//! listing every page with its translations, `robots.txt` naming it, and the
//! Atom feed, well-formed and listing the stories newest first. (The shipped
//! site's own are checked in `tests/repo/discovery.rs`.)

use std::fs;
use std::path::Path;

use crate::common::{build, read as read_in, site_with, valid_built, valid_file as read, xmllint};

fn public() -> std::path::PathBuf {
    valid_built().join("public")
}

#[test]
fn the_sitemap_is_valid_against_the_sitemap_schema() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sitemap/sitemap-with-alternates.xsd");
    let sitemap = public().join("sitemap.xml");
    let result = xmllint(&["--noout", "--schema", schema.to_str().unwrap(), sitemap.to_str().unwrap()]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));

    // The schema check itself rejects what it should.
    let broken = tempfile::NamedTempFile::new().unwrap();
    fs::write(
        broken.path(),
        read("sitemap.xml").replacen("<loc>", "<location>", 1).replacen("</loc>", "</location>", 1),
    )
    .unwrap();
    let result = xmllint(&["--noout", "--schema", schema.to_str().unwrap(), broken.path().to_str().unwrap()]);
    assert!(!result.status.success(), "a sitemap with an unknown element passed the schema");
}

#[test]
fn the_sitemap_lists_every_page_once_with_its_translations() {
    let sitemap = read("sitemap.xml");
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap()).collect();
    // Alias pages (old addresses that send the visitor on) are not pages of
    // their own and stay out of the sitemap.
    let is_redirect = |path: &Path| {
        let html = fs::read_to_string(path).unwrap();
        html.contains("http-equiv=refresh") || html.contains("http-equiv=\"refresh\"")
    };
    let pages: Vec<String> = walkdir::WalkDir::new(public())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html" && !is_redirect(e.path()))
        .map(|e| {
            let rel = e.path().parent().unwrap().strip_prefix(public()).unwrap().to_string_lossy().replace('\\', "/");
            if rel.is_empty() { "https://example.org/".to_string() } else { format!("https://example.org/{rel}/") }
        })
        .collect();
    let mut sorted_locs: Vec<&str> = locs.clone();
    sorted_locs.sort();
    sorted_locs.dedup();
    assert_eq!(sorted_locs.len(), locs.len(), "a page is listed twice");
    let mut sorted_pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    sorted_pages.sort();
    assert_eq!(sorted_locs, sorted_pages, "the sitemap lists exactly the pages of the site");
    assert!(!sitemap.contains("404.html"), "the not-found page is not listed");

    let signs = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/es/aprende/senales/</loc>"))
        .expect("the Spanish signs page");
    for alternate in [
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/learn/signs/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="es" href="https://example.org/es/aprende/senales/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/en/learn/signs/"/>"#,
    ] {
        assert!(signs.contains(alternate), "{alternate} in {signs}");
    }
    // The page's old address keeps working, as an alias that is not listed
    // itself.
    assert!(!sitemap.contains("/en/old-signs/"), "an old address is listed");
    let old_signs = public().join("en/old-signs/index.html");
    assert!(is_redirect(&old_signs), "/en/old-signs/ sends the visitor on");
    assert!(read("en/old-signs/index.html").contains("/en/learn/signs/"), "to the new address");
    let texas = sitemap.split("<url>").find(|u| u.contains("<loc>https://example.org/es/help/us-tx/</loc>"));
    assert!(
        texas.expect("the Spanish Texas page").contains(r#"hreflang="en" href="https://example.org/en/help/us-tx/""#)
    );
}

#[test]
fn robots_txt_names_the_sitemap() {
    assert_eq!(read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
}

/// A second story, newer than the fixture's own, so the order shows.
const NEWER_STORY: &str = "---\ntitle: Ben's story\ndate: 2025-03-10\nconsent: true\n\
consent_source: {name: Example Aid, url: \"https://example.org/ben\"}\ncontent_note: Mentions debt.\n\
summary: Ben left a job that kept his papers.\n---\nBen wrote to the Mexican line.\n";

#[test]
fn a_language_with_stories_has_a_feed_newest_first() {
    let site = site_with(None);
    fs::write(site.path().join("content/stories/ben.en.md"), NEWER_STORY).unwrap();
    build(site.path()).unwrap();
    // The fixture's stories are in English only, so Spanish has no feed.
    assert!(!site.path().join("public/es/stories/atom.xml").exists());
    let (rel, section) = ("en/stories/atom.xml", "/en/stories/");
    let path = site.path().join("public").join(rel);
    let result = xmllint(&["--noout", path.to_str().unwrap()]);
    assert!(result.status.success(), "{rel} is not well-formed: {}", String::from_utf8_lossy(&result.stderr));
    let feed = read_in(site.path(), rel);
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#));
    assert!(feed.contains(&format!("<id>https://example.org{section}atom.xml</id>")));
    assert!(feed.contains("<author><name>"), "a feed needs an author");
    let entries: Vec<(&str, &str)> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let field = |tag: &str| e.split(&format!("<{tag}>")).nth(1).unwrap().split('<').next().unwrap();
            (field("title"), field("updated"))
        })
        .collect();
    assert_eq!(
        entries,
        [("Ben's story", "2025-03-10T00:00:00Z"), ("Ana's story", "2024-05-01T00:00:00Z")],
        "the published stories newest first, not the one without consent"
    );
    let index = read_in(site.path(), &format!("{}index.html", &section[1..]));
    assert!(
        index.contains(&format!("<link href={section}atom.xml rel=alternate title=Stories type=application/atom+xml>")),
        "{section} links its feed"
    );
}
