//! The shipped statistics (this repository's `content/stats/`): the page
//! that shows them has, in both languages, one chart and one data table for
//! each published data set. The expected figures come from the data files
//! themselves, so an editor who corrects a figure changes one file.

use std::path::Path;

/// The published data sets' file stems.
fn published() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/stats");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| !std::fs::read_to_string(p).unwrap().lines().any(|l| l.trim() == "draft: true"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_statistics_page_has_a_chart_and_a_table_per_data_set_in_both_languages() {
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = faro::BuildOptions { out: Some(out.path().join("public")), ..faro::BuildOptions::new(root) };
    if let Err(faro::BuildError::Content(d)) = faro::build(&options) {
        panic!("{}", d.render(false));
    }
    let sets = published();
    assert!(!sets.is_empty());
    for rel in ["en/stats/index.html", "es/estadisticas/index.html"] {
        let html =
            std::fs::read_to_string(out.path().join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for name in &sets {
            let id = format!("chart-{name}");
            let start = html.find(&format!("<figure class=chart id={id}>")).unwrap_or_else(|| panic!("{rel}: no {id}"));
            let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
            assert_eq!(figure.matches("role=img").count(), 1, "{rel} {id}");
            assert_eq!(figure.matches("<table").count(), 1, "{rel} {id}");
        }
    }
}
