//! Phone numbers in page text: a number of a directory contact becomes its
//! link where it works from the page's country, a number the directory does
//! not hold is a warning at its page and line, an obsolete one is an error,
//! and a page that still shows a contact's old digits after the directory
//! changed is reported.

use std::fs;
use std::path::Path;

use crate::common::{build, copy_dir, fixture, main_of, read};
use faro::{BuildError, Diagnostics, LoadOptions};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("prose-numbers"), dir.path());
    dir
}

fn check(root: &Path) -> Diagnostics {
    faro::check(root, &LoadOptions::default())
}

/// The rendered diagnostics about numbers (other lints left out).
fn about_numbers(diags: &Diagnostics) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.message.contains("number") || d.message.contains("prefix"))
        .map(|d| d.render(false))
        .collect()
}

#[test]
fn known_numbers_become_links_of_their_kind() {
    let site = site();
    build(site.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let home = read(site.path(), "en/index.html");
    let main = main_of(&home);
    for link in [
        "<strong><a href=tel:+18883737888>1-888-373-7888</a></strong>",
        "<strong><a href=sms:233733>233733</a></strong>",
        "<strong><a href=tel:+528005533000>800 5533 000</a></strong>",
        // The text names WhatsApp alone: the WhatsApp link.
        "<a href=https://wa.me/528005533000>800 5533 000</a>",
        "<a href=tel:911>911</a>",
    ] {
        assert!(main.contains(link), "{link} in {main}");
    }
    // A code span and a link's text are left as written; figures and years too.
    assert!(main.contains("<code>1-888-373-7888</code>"), "{main}");
    assert!(main.contains("<a href=https://example.org/hotline>1-888-373-7888</a>"), "{main}");
    assert!(main.contains("2015–2018 the line heard about 2,552 victims, 911,000 calls"), "{main}");
    assert_eq!(main.matches("href=tel:").count(), 3, "{main}");
    let es = read(site.path(), "es/index.html");
    for link in ["<a href=tel:+528005533000>800 5533 000</a>", "<a href=tel:+18883737888>1-888-373-7888</a>"] {
        assert!(main_of(&es).contains(link), "{link}");
    }
    assert!(main_of(&es).contains("<a href=sms:233733>233733</a>"), "un texto: sms");
    assert!(about_numbers(&check(site.path())).is_empty(), "every number is in the directory");
}

#[test]
fn a_page_for_one_country_links_only_what_works_from_there() {
    let site = site();
    build(site.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let page = read(site.path(), "en/learn/mexico/index.html");
    let main = main_of(&page);
    assert!(main.contains("<a href=tel:+528005533000>800 5533 000</a>"), "{main}");
    // Toll-free and short codes of the U.S. cannot be dialled from Mexico.
    assert!(main.contains("The U.S. line, 1-888-373-7888, does not"), "{main}");
    assert!(main.contains("neither does 233733."), "{main}");
    assert!(main.contains("<a href=tel:+19155550123>+1 915 555 0123</a>"), "geographic: {main}");
    let shelter = read(site.path(), "en/learn/shelter/index.html");
    assert!(main_of(&shelter).contains("<a href=tel:+19155550123>(915) 555-0123</a>"));
}

#[test]
fn an_unknown_number_is_a_warning_with_page_and_line() {
    let site = site();
    let page = site.path().join("content/learn/unknown.en.md");
    fs::write(&page, "---\ntitle: Unknown\n---\nIntro.\n\nCall our line at 1-888-555-0199 or 915 555 0177.\n").unwrap();
    let found = about_numbers(&check(site.path()));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("warning[W0414]: no directory entry has the number `1-888-555-0199`"), "{}", found[0]);
    assert!(found[0].contains("content/learn/unknown.en.md:6:18"), "{}", found[0]);
    assert!(found[1].contains("`915 555 0177`") && found[1].contains("unknown.en.md:6:36"), "{}", found[1]);
    // A warning: the site still builds.
    build(site.path()).unwrap_or_else(|e| panic!("{e:?}"));
}

#[test]
fn an_obsolete_number_is_an_error_unless_struck_through() {
    let site = site();
    let page = site.path().join("content/learn/old.en.md");
    fs::write(
        &page,
        "---\ntitle: Old\n---\nOld posters say ~~01 800 5533 000~~.\n\nCall 01 800 5533 000 from Mexico.\n",
    )
    .unwrap();
    let found = about_numbers(&check(site.path()));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("error[E0510]: `01 800 5533 000` starts with the obsolete prefix 01"), "{}", found[0]);
    assert!(found[0].contains("content/learn/old.en.md:6:6"), "{}", found[0]);
    assert!(found[0].contains("write it as \"800 5533 000\""), "{}", found[0]);
    match build(site.path()) {
        Err(BuildError::Content(d)) => assert!(d.has_errors()),
        other => panic!("an obsolete number must fail the build: {other:?}"),
    }
}

#[test]
fn changing_a_contact_s_number_reports_every_page_with_the_old_digits() {
    let site = site();
    assert!(about_numbers(&check(site.path())).is_empty());
    let lines = site.path().join("content/directory/lines.yaml");
    let yaml = fs::read_to_string(&lines).unwrap();
    fs::write(&lines, yaml.replace("\"1-888-373-7888\"", "\"1-877-373-7888\"")).unwrap();
    let found = about_numbers(&check(site.path()));
    let places: Vec<&str> = found
        .iter()
        .map(|d| d.lines().find(|l| l.contains("--> ")).unwrap().trim().trim_start_matches("--> "))
        .collect();
    assert_eq!(
        places,
        ["content/_index.en.md:4:8", "content/_index.es.md:4:69", "content/learn/mexico.en.md:5:52"],
        "{found:#?}"
    );
    assert!(found.iter().all(|d| d.contains("`1-888-373-7888`")), "{found:#?}");
}
