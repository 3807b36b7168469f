//! The discovery files of the shipped site: `sitemap.xml` valid against the
//! sitemaps.org schema (with its `xhtml:link` alternates) and listing every
//! page with its translations, `robots.txt` naming it, and the Atom feeds,
//! well-formed and listing the stories newest first.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{shipped, shipped_file as read};

/// Runs xmllint (Debian's libxml2-utils, installed by scripts/install-test-deps.sh).
fn xmllint(args: &[&str]) -> std::process::Output {
    Command::new("xmllint").args(args).output().unwrap_or_else(|e| {
        panic!("xmllint could not run ({e}); run `bash scripts/install-test-deps.sh` to install libxml2-utils")
    })
}

#[test]
fn the_sitemap_is_valid_against_the_sitemap_schema() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sitemap/sitemap-with-alternates.xsd");
    let sitemap = shipped().join("sitemap.xml");
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
    let pages: Vec<String> = walkdir::WalkDir::new(shipped())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html" && !is_redirect(e.path()))
        .map(|e| {
            let rel = e.path().parent().unwrap().strip_prefix(shipped()).unwrap().to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                "https://faro.example.org/".to_string()
            } else {
                format!("https://faro.example.org/{rel}/")
            }
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
        .find(|u| u.contains("<loc>https://faro.example.org/es/aprenda/senales/</loc>"))
        .expect("the Spanish signs page");
    for alternate in [
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://faro.example.org/en/learn/signs/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="es" href="https://faro.example.org/es/aprenda/senales/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://faro.example.org/en/learn/signs/"/>"#,
    ] {
        assert!(signs.contains(alternate), "{alternate} in {signs}");
    }
    // The section's old Spanish address keeps working, as an alias that is
    // not listed itself.
    assert!(!sitemap.contains("/es/aprende/"), "an old address is listed");
    let old_signs = shipped().join("es/aprende/senales/index.html");
    assert!(is_redirect(&old_signs), "/es/aprende/senales/ sends the visitor on");
    assert!(read("es/aprende/senales/index.html").contains("/es/aprenda/senales/"), "to the new address");
    let texas = sitemap.split("<url>").find(|u| u.contains("<loc>https://faro.example.org/es/ayuda/us-tx/</loc>"));
    assert!(
        texas
            .expect("the Spanish Texas page")
            .contains(r#"hreflang="en" href="https://faro.example.org/en/help/us-tx/""#)
    );
}

#[test]
fn robots_txt_names_the_sitemap() {
    assert_eq!(read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://faro.example.org/sitemap.xml\n");
}

#[test]
fn each_language_has_a_stories_feed_newest_first() {
    for (rel, lang, section) in
        [("en/stories/atom.xml", "en", "/en/stories/"), ("es/historias/atom.xml", "es", "/es/historias/")]
    {
        let path = shipped().join(rel);
        let result = xmllint(&["--noout", path.to_str().unwrap()]);
        assert!(result.status.success(), "{rel} is not well-formed: {}", String::from_utf8_lossy(&result.stderr));
        let feed = read(rel);
        assert!(feed.contains(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">"#)));
        assert!(feed.contains(&format!("<id>https://faro.example.org{section}atom.xml</id>")));
        assert!(feed.contains("<author><name>"), "a feed needs an author");
        let updated: Vec<&str> = feed
            .split("<entry>")
            .skip(1)
            .map(|e| e.split("<updated>").nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(updated.len(), 3, "three published stories in {rel}");
        assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first: {updated:?}");
        let index = read(&format!("{}index.html", &section[1..]));
        assert!(
            index.contains(&format!("href={section}atom.xml rel=alternate type=application/atom+xml")),
            "{section} links its feed"
        );
    }
}
