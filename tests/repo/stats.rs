//! The shipped statistics (this repository's `content/stats/`): in every
//! language, each published data set is shown as one chart with one data
//! table, wherever a page shows it. The expected figures come from the data files
//! themselves, so an editor who corrects a figure changes one file.

use std::path::Path;

use crate::common::shipped;

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

/// The built pages of `lang` that show a chart, with their text.
fn pages_with_charts(lang: &str) -> Vec<(String, String)> {
    walkdir::WalkDir::new(shipped().join(lang))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| (e.path().display().to_string(), std::fs::read_to_string(e.path()).unwrap()))
        .filter(|(_, html)| html.contains("<figure class=chart id=chart-"))
        .collect()
}

#[test]
fn every_data_set_has_a_chart_and_a_table_in_every_language() {
    let sets = published();
    assert!(!sets.is_empty());
    for language in &crate::help::site().config.languages {
        let pages = pages_with_charts(&language.code);
        for name in &sets {
            let id = format!("chart-{name}");
            let figures: Vec<(&str, &str)> = pages
                .iter()
                .filter_map(|(path, html)| {
                    let start = html.find(&format!("<figure class=chart id={id}>"))?;
                    Some((path.as_str(), &html[start..start + html[start..].find("</figure>").unwrap()]))
                })
                .collect();
            assert!(!figures.is_empty(), "{}: no page shows {id}", language.code);
            for (path, figure) in figures {
                assert_eq!(figure.matches("role=img").count(), 1, "{path} {id}");
                assert_eq!(figure.matches("<table").count(), 1, "{path} {id}");
            }
        }
    }
}
