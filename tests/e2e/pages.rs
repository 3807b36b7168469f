//! The `<main>` of one page of each kind the generator writes, built from the
//! valid fixture site and kept as snapshots: an article, a section, a home
//! page, a story, the help index and a region's page, a flyer, a sheet of
//! wallet cards, the bilingual landing page and the 404 page. Only `<main>`,
//! so a change to the page chrome (navigation, head, footer) does not churn
//! every snapshot; the chrome has tests of its own.

use crate::common::{main_of, valid_file};

/// `<main>` with a line break before each block, so a snapshot's diff
/// shows which part of a page changed.
fn readable(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "<h1", "<h2", "<h3", "<p>", "<p ", "<ul", "<ol", "<li", "<section", "<article", "<aside", "<table", "<tr",
        "<figure", "<div", "<nav", "<details", "<form", "</main",
    ];
    let main = main_of(html);
    let mut out = String::with_capacity(main.len() + main.len() / 16);
    for (i, c) in main.char_indices() {
        if c == '<' && i > 0 && BLOCKS.iter().any(|b| main[i..].starts_with(b)) {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_main_of_each_kind_of_page() {
    for (name, rel) in [
        ("article", "en/learn/signs/index.html"),
        ("section", "es/aprende/index.html"),
        ("home", "en/index.html"),
        ("story", "en/stories/ana/index.html"),
        ("chart_page", "es/aprende/cifras/index.html"),
        ("help_index", "en/help/index.html"),
        ("help_region", "es/help/us-tx/index.html"),
        ("flyer", "en/help/us-tx/print/index.html"),
        ("cards", "es/help/mx-chh/cards/index.html"),
        ("landing", "index.html"),
        ("not_found", "404.html"),
    ] {
        insta::assert_snapshot!(name, readable(&valid_file(rel)));
    }
}
