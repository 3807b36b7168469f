//! Mistakes an editor makes in a data set and a page, reported once each,
//! in one run, in plain words: a data set with three mistakes gives three
//! errors, the page drawing it points to them instead of calling the data
//! set missing, and a page whose front matter has a typo counts as written
//! (with errors) in the translation coverage, not as missing; and a mistake
//! in a template that many pages share is one error in a build's report.

use std::fs;
use std::path::Path;

use crate::common::{copy_dir, site_with};

/// A data set with a chart Faro does not draw, a number with a thousands
/// separator, and a label written once for both languages.
const THREE_MISTAKES: &str = "\
title: {en: Victims, es: Víctimas}
unit: {en: victims, es: víctimas}
source:
  name: {en: A report, es: Un informe}
  url: https://example.org/report
  period: {en: 2015 to 2018, es: 2015 a 2018}
chart: line
series:
  - label: {en: One, es: Uno}
    value: 1,234
  - label: Two
    value: 4
";

#[test]
fn a_data_set_with_three_mistakes_reports_all_three_and_the_page_points_to_them() {
    let site = site_with(None);
    let root = site.path();
    fs::create_dir_all(root.join("content/stats")).unwrap();
    fs::write(root.join("content/stats/victims.yaml"), THREE_MISTAKES).unwrap();
    fs::write(
        root.join("content/learn/figures.en.md"),
        "---\ntitle: Figures\n---\n\nThe figures.\n\n```chart\nvictims\n```\n",
    )
    .unwrap();
    let report = faro::build::check_site(root, &faro::LoadOptions::default());
    let out = report.diagnostics.render(false);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        errors,
        [
            "error[E0106]: `line` is not a chart Faro draws",
            "error[E0604]: the value of point 1 `1,234` is not a number",
            "error[E0103]: the label (`Two`) is not written per language",
            "error[E0602]: the data set `victims` has errors (above)",
        ],
        "{out}"
    );
    assert!(!out.contains("no such data set") && !out.contains("invalid YAML"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_page_with_a_front_matter_typo_is_written_with_errors_not_missing() {
    let site = site_with(None);
    let root = site.path();
    let page = root.join("content/learn/signs.es.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("title:", "titel:", 1)).unwrap();
    let report = faro::build::check_site(root, &faro::LoadOptions::default());
    let es = report.coverage.iter().find(|c| c.lang == "es").unwrap();
    assert_eq!(es.with_errors, ["learn/signs"]);
    assert!(!es.missing.contains(&"learn/signs".to_string()), "{:?}", es.missing);
    let out = report.diagnostics.render(false);
    assert!(out.contains("unknown front-matter key `titel`"), "{out}");
}

#[test]
fn a_template_mistake_shared_by_every_page_is_reported_once_by_build() {
    let site = site_with(None);
    let root = site.path();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &root.join("themes/default"));
    let template = root.join("themes/default/templates/page.html");
    let text = fs::read_to_string(&template).unwrap();
    let broken = text.replacen("{{ page.title }}", "{{ page.title }}{{ page.nosuch.field }}", 1);
    assert_ne!(broken, text, "the template changed");
    fs::write(&template, broken).unwrap();
    let Err(faro::BuildError::Content(diags)) = crate::common::build(root) else { panic!("the build passed") };
    let out = diags.render(false);
    let template_errors = out.lines().filter(|l| l.starts_with("error[E0703]")).count();
    assert_eq!(template_errors, 1, "{out}");
    assert_eq!(diags.error_count(), 1, "{out}");
    assert!(!root.join("public").exists(), "nothing was written");
}
