//! `faro check`'s content lints, one page each laid over the valid fixture
//! site: each is reported at its file, line and column with a help line
//! (snapshotted), and the valid site itself has none of them. The translation
//! coverage counts what each language lacks.

use std::fs;

use crate::common::site_with;
use faro::Diagnostics;

/// The lints reported for one extra English page with this body.
fn lints_of(body: &str) -> String {
    let site = site_with(None);
    let page = site.path().join("content/learn/lint.en.md");
    fs::write(&page, format!("---\ntitle: A page to lint\n---\n{body}")).unwrap();
    let report = faro::build::check_site(site.path(), &faro::LoadOptions::default());
    let mine: Diagnostics = report
        .diagnostics
        .iter()
        .filter(|d| d.position().is_some_and(|(file, _, _)| file.ends_with("lint.en.md")))
        .cloned()
        .collect();
    mine.render(false)
}

#[test]
fn an_image_without_alt_text_is_an_error() {
    let out = lints_of("Intro.\n\n![](../images/faro.png)\n");
    assert!(out.starts_with("error[E0405]: this image has no alt text"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_missing_image_or_file_is_an_error_naming_where_it_should_be() {
    let out = lints_of(
        "![Map](/img/nope.png)\n\n![Logo](/images/faro.png) and [the leaflet](files/leaflet.pdf), \
         [the data](/data/hsds/en/services.csv), [a page](/en/learn/).\n",
    );
    assert_eq!(out.matches("error[E0402]:").count(), 2, "{out}");
    assert!(!out.contains("`/images/faro.png`") && !out.contains("`/data/hsds/en/services.csv`"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_skipped_heading_level_is_a_warning() {
    insta::assert_snapshot!(lints_of("## What to do\n\nText.\n\n#### Details\n\nMore.\n"));
}

#[test]
fn vague_link_text_is_a_warning_in_both_languages() {
    insta::assert_snapshot!(lints_of("For the signs, [click here](signs.md). Para ayuda, [aquí](signs.md).\n"));
}

#[test]
fn a_table_with_an_empty_header_row_is_a_warning() {
    insta::assert_snapshot!(lints_of("| | |\n|---|---|\n| 911 | Emergency |\n"));
}

#[test]
fn a_link_to_a_missing_anchor_is_a_warning() {
    let out =
        lints_of("## Calling\n\nSee [calling](#calling), [the list](#the-list) and [signs](signs.md#no-such-part).\n");
    assert_eq!(out.matches("warning[W0406]:").count(), 2, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn the_valid_site_has_no_lints_and_coverage_counts_missing_translations() {
    let site = site_with(None);
    let report = faro::build::check_site(site.path(), &faro::LoadOptions::default());
    let lints: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.render(false))
        .filter(|r| !r.contains("consent") && !r.contains("not used") && !r.contains("placeholder address"))
        .collect();
    assert!(lints.is_empty(), "{lints:#?}");
    let by_lang: Vec<(&str, usize, Vec<&str>)> = report
        .coverage
        .iter()
        .map(|c| (c.lang.as_str(), c.pages, c.missing.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        by_lang,
        [("en", 7, vec!["learn/only-es"]), ("es", 5, vec!["learn/what-is", "stories/_index", "stories/ana"])],
        "pages per language and what each lacks"
    );
}
