//! Every kind of mistake an editor can make, one fixture each under
//! `tests/sites/invalid/`, laid over the valid site (the help directory's
//! and the statistics' mistakes are there too, and tested in `directory` and
//! `stats`). Each is reported with the
//! file, line, column, a snippet and a help line (snapshotted), and a build
//! with the mistake leaves the previous output exactly as it was.

use crate::common::{build, copy_dir, fixture, site_with, snapshot_tree};
use faro::{BuildError, Code, Diagnostics};

/// Each fixture with the codes of the errors it must produce, in the order
/// they are reported: the messages may be reworded, the codes may not.
const CASES: &[(&str, &[Code])] = &[
    ("yaml-syntax", &[Code::YamlSyntax]),
    ("unknown-key", &[Code::UnknownKey, Code::UnknownKey]),
    ("missing-title", &[Code::MissingKey]),
    ("duplicate-url", &[Code::DuplicateUrl]),
    ("slug-escape", &[Code::BadSlug]),
    ("alias-escape", &[Code::BadAlias]),
    ("broken-link", &[Code::BrokenLink, Code::BrokenLink]),
    ("unknown-language", &[Code::UnknownLanguage]),
    ("not-utf8", &[Code::NotUtf8]),
    ("no-language-suffix", &[Code::NoLanguageSuffix]),
    ("site-settings", &[Code::UnknownKey]),
    ("unknown-template", &[Code::MissingThemeFile]),
    ("bad-date", &[Code::BadDate, Code::BadDate]),
];

fn errors_only(diags: &Diagnostics) -> Diagnostics {
    diags.iter().filter(|d| d.is_error()).cloned().collect()
}

#[test]
fn each_mistake_is_reported_where_it_is_with_a_fix() {
    for (case, codes) in CASES {
        let site = site_with(Some(case));
        let diags = faro::check(site.path(), &faro::LoadOptions::default());
        assert!(diags.has_errors(), "{case} must be an error");
        let errors = errors_only(&diags);
        let found: Vec<Code> = errors.iter().map(|d| d.code).collect();
        assert_eq!(found, *codes, "{case}");
        insta::assert_snapshot!(*case, errors.render(false));
    }
}

#[test]
fn all_mistakes_are_reported_in_one_run() {
    let site = site_with(None);
    for (case, _) in CASES.iter().filter(|(c, _)| *c != "site-settings") {
        copy_dir(&fixture(&format!("invalid/{case}")), site.path());
    }
    let diags = faro::check(site.path(), &faro::LoadOptions::default());
    let files: std::collections::BTreeSet<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .flat_map(|d| {
            d.primary.as_deref().into_iter().chain(&d.related).map(|l| l.file.display_path()).chain(d.path_only.clone())
        })
        .collect();
    for file in [
        "content/learn/hotline.en.md",
        "content/learn/untitled.en.md",
        "content/learn/signs-again.en.md",
        "content/learn/escape.en.md",
        "content/learn/moved.en.md",
        "content/learn/links.en.md",
        "content/learn/signs.fr.md",
        "content/learn/latin1.es.md",
        "content/learn/plain.md",
        "content/learn/special.en.md",
        "content/learn/dated.en.md",
    ] {
        assert!(files.contains(file), "{file} not reported; got {files:?}");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    for (case, _) in CASES {
        let site = site_with(None);
        build(site.path()).expect("the valid site builds");
        let before = snapshot_tree(&site.path().join("public"));
        copy_dir(&fixture(&format!("invalid/{case}")), site.path());
        match build(site.path()) {
            Err(BuildError::Content(_)) => {}
            other => panic!("{case}: expected content errors, got {other:?}"),
        }
        assert!(before == snapshot_tree(&site.path().join("public")), "{case} changed the output");
        let siblings: Vec<_> = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect();
        assert!(siblings.is_empty(), "{case} left {siblings:?}");
    }
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    // The site sits alone in a folder of its own, so anything written beside
    // it shows, whatever other tests do in the system's temporary folder.
    let outer = tempfile::tempdir().unwrap();
    let site = outer.path().join("site");
    for layer in ["valid", "invalid/slug-escape", "invalid/alias-escape"] {
        copy_dir(&fixture(layer), &site);
    }
    assert!(build(&site).is_err());
    let after: Vec<_> = std::fs::read_dir(outer.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(after, ["site"], "only the site itself is beside it");
    assert!(!site.join("public").exists());
}

#[test]
fn directory_mistakes_fail_the_build_and_keep_the_previous_output() {
    for case in
        ["directory-bad-number", "directory-obsolete-prefix", "directory-unknown-region", "directory-duplicate-id"]
    {
        let site = site_with(None);
        build(site.path()).expect("the valid site builds");
        let before = snapshot_tree(&site.path().join("public"));
        copy_dir(
            &fixture(&format!("invalid/{case}")).join("content/directory"),
            &site.path().join("content/directory"),
        );
        match build(site.path()) {
            Err(BuildError::Content(diags)) => {
                let first = diags.iter().find(|d| d.is_error()).expect("an error");
                let (file, line, _) = first.position().expect("a position");
                assert!(file.starts_with("content/directory/") && line > 0, "{case}: {file}:{line}");
            }
            other => panic!("{case}: expected content errors, got {other:?}"),
        }
        assert!(before == snapshot_tree(&site.path().join("public")), "{case} changed the output");
    }
}
