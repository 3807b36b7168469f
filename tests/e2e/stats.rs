//! Statistics end to end: a page embedding the valid fixture's data sets, in
//! both languages, has one chart and one data table per data set with their
//! figures, and a chart block naming no data set is an error at its file and
//! line. (The shipped statistics page is checked in `tests/repo`.)

use crate::common::{build, copy_dir, fixture, main_of, read, site_with};

/// The data sets the fixture's page embeds, each with a figure it must show.
const CHARTS: &[(&str, &str)] = &[("chart-cases", "1,250"), ("chart-forms", "651")];

/// The `<figure>` with `id` inside `main`.
fn figure<'a>(main: &'a str, id: &str) -> &'a str {
    let start = main.find(&format!("<figure class=chart id={id}>")).unwrap_or_else(|| panic!("no figure {id}"));
    let end = start + main[start..].find("</figure>").unwrap();
    &main[start..end]
}

#[test]
fn a_page_has_a_chart_and_a_table_per_data_set_in_both_languages() {
    let site = site_with(None);
    build(site.path()).unwrap();
    for (rel, words) in [
        ("en/learn/figures/index.html", ["55%", "Labor trafficking", "Source: <a href=https://example.org/report>"]),
        ("es/aprende/cifras/index.html", ["55%", "Trata laboral", "Fuente: <a href=https://example.org/report>"]),
    ] {
        let html = read(site.path(), rel);
        let main = main_of(&html);
        assert_eq!(main.matches("<svg ").count(), CHARTS.len(), "{rel}");
        assert_eq!(main.matches("<table").count(), CHARTS.len(), "{rel}");
        for (id, number) in CHARTS {
            let fig = figure(main, id);
            assert_eq!(fig.matches("role=img").count(), 1, "{rel} {id}");
            assert!(fig.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")), "{rel} {id}");
            assert!(fig.contains("<th scope=col>"), "{rel} {id}");
            assert!(
                fig.contains(&format!("<td>{number}</td>")) || fig.contains(&format!("<td>{number}<")),
                "{rel} {id}: {number}"
            );
        }
        for word in words {
            assert!(main.contains(word), "{rel}: {word}");
        }
        assert!(!main.contains("style="), "{rel}: inline styles are blocked by the CSP");
    }
}

#[test]
fn a_chart_naming_no_data_set_is_an_error_at_its_line() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), site.path());
    copy_dir(&fixture("invalid/stats-unknown-chart"), site.path());
    let diags = faro::check(site.path(), &faro::LoadOptions::default());
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", diags.render(false));
    let (path, line, column) = errors[0].position().unwrap();
    assert_eq!((path.as_str(), line, column), ("content/figures.en.md", 8, 1));
    assert_eq!(errors[0].code, faro::Code::UnknownDataSet);
    insta::assert_snapshot!("unknown_chart", errors[0].render(false));
}
