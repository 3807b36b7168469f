//! Statistics: the data sets in `content/stats/*.yaml`, checked, and drawn as
//! accessible charts at build time.
//!
//! Figures are published as charts so visitors can see them at a glance, but a
//! chart alone fails screen-reader users and printers, so every chart is
//! followed by its data table and its source. This module loads and checks the
//! files (YAML syntax, unknown keys, missing translations, a declared `total`
//! that the values do not add up to) and reports every problem with file, line
//! and column; [`svg`] draws the charts and [`format`] writes numbers the way
//! each language reads them. Pages embed a data set with a ```` ```chart ````
//! block naming the file's stem (see [`crate::render::markdown`]).

pub mod fields;
pub mod format;
pub mod svg;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Checked, Code, Diagnostic, Diagnostics};
use crate::read::read_source;
use crate::source::SourceFile;
use crate::suggest;
use crate::yaml::locate;

/// The largest value a data set may hold: a million million. Counts of
/// people and amounts of money in this field stay far below it, and a larger
/// number is almost always a typing slip (a pasted ID, an exponent) that
/// would draw every other bar at zero.
pub const MAX_VALUE: f64 = 1e12;

pub use crate::layout::STATS_DIR;

/// Text written once per language (`{en: …, es: …}`).
pub type Localized = BTreeMap<String, String>;

/// How a data set is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One horizontal bar per value, the value and label written beside it.
    Bar,
    /// One bar split into each value's share of the whole, with a text legend.
    Stacked,
}

/// Where the figures come from.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: Localized,
    pub url: String,
    /// The time the figures cover, as the source states it.
    pub period: Localized,
}

/// One labelled value.
#[derive(Debug, Clone)]
pub struct Point {
    pub label: Localized,
    pub value: f64,
}

/// One checked data set.
#[derive(Debug, Clone)]
pub struct DataSet {
    /// The file's stem, which pages use to embed it.
    pub name: String,
    pub title: Localized,
    /// What the values count ("victims", "cases").
    pub unit: Localized,
    pub source: Source,
    pub note: Localized,
    pub chart: ChartKind,
    pub total: Option<f64>,
    pub series: Vec<Point>,
    /// Not yet published: drawn only by `build --drafts` and `serve --drafts`.
    pub draft: bool,
}

impl DataSet {
    /// The sum of the values, which stacked charts and shares are relative to.
    pub fn sum(&self) -> f64 {
        self.series.iter().map(|p| p.value).sum()
    }
}

/// Every data set of the site, by name.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub sets: BTreeMap<String, DataSet>,
    /// Data sets marked `draft: true`, left out of a build without drafts.
    pub held_back: BTreeSet<String>,
    /// Data sets whose file has errors (reported where the file is read), so
    /// that a page embedding one points there instead of saying it is missing.
    pub failed: BTreeSet<String>,
}

impl Stats {
    /// Leaves out the data sets marked as drafts, remembering their names so
    /// that a page embedding one is told why it cannot.
    pub fn hold_back_drafts(&mut self) {
        let drafts: Vec<String> = self.sets.values().filter(|s| s.draft).map(|s| s.name.clone()).collect();
        for name in drafts {
            self.sets.remove(&name);
            self.held_back.insert(name);
        }
    }

    pub fn get(&self, name: &str) -> Option<&DataSet> {
        self.sets.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sets.keys().map(String::as_str)
    }
}

/// Loads every data set under `root`, collecting every problem. A data set
/// with an error is left out; warnings keep it.
pub fn load(root: &Path, config: &Config) -> (Stats, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut stats = Stats::default();
    let dir = root.join(STATS_DIR);
    if !dir.is_dir() {
        return (stats, diags);
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(items) => items
            .flatten()
            // Anything but a folder: reading reports special files by name.
            .filter(|i| !i.path().is_dir())
            .map(|i| i.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
            .map(|n| Path::new(STATS_DIR).join(n))
            .collect(),
        Err(err) => {
            diags.push(
                Diagnostic::error(Code::UnreadableFile, format!("cannot read this folder: {err}")).in_file(STATS_DIR),
            );
            return (stats, diags);
        }
    };
    files.sort();
    // Texts are required in the languages without a fallback (crate::lang).
    let languages: Vec<String> = config.complete_languages().map(str::to_string).collect();
    for rel in files {
        let name = rel.file_stem().unwrap_or_default().to_string_lossy().trim_end_matches(".yaml").to_string();
        let file = match read_source(root, &rel) {
            Ok(file) => file,
            Err(problems) => {
                diags.extend(problems);
                stats.failed.insert(name);
                continue;
            }
        };
        let Checked { value: set, problems } = parse(&file, &name, &languages);
        diags.extend(problems);
        match set {
            Some(set) => {
                stats.sets.insert(name, set);
            }
            None => {
                stats.failed.insert(name);
            }
        }
    }
    (stats, diags)
}

/// Parses and checks one data set file: each field on its own
/// ([`fields`]), then what the fields mean together.
pub fn parse(file: &SourceFile, name: &str, languages: &[String]) -> Checked<Option<DataSet>> {
    let Checked { value: read, mut problems } = fields::read(file, languages);
    let whole = 0..file.text.len();
    let text = &file.text;
    let items = read.items.clone();
    // Where the `n`th `key` is, searched in the point's own lines when they
    // are known, so a data set with thousands of points is not searched from
    // its start for each.
    let point_key = |key: &str, i: usize| match &items {
        Some(items) => locate::nth_key(text, items[i].clone(), key, 0),
        None => locate::nth_key(text, whole.clone(), key, i),
    };
    let mut missing = |key_path: &[(&str, usize)], texts: &Localized, what: &str| {
        let absent: Vec<&String> =
            languages.iter().filter(|lang| texts.get(*lang).is_none_or(|t| t.trim().is_empty())).collect();
        if absent.is_empty() {
            return;
        }
        let mut within = whole.clone();
        for (depth, (key, n)) in key_path.iter().enumerate() {
            let found = if depth == 0 && *key == "label" {
                point_key(key, *n)
            } else {
                locate::nth_key(text, within.clone(), key, *n)
            };
            let Some(found) = found else {
                break;
            };
            within = locate::key_and_value(text, found);
        }
        for lang in absent {
            problems.push(
                Diagnostic::error(Code::MissingLanguageText, format!("the {what} has no `{lang}` text"))
                    .at(file, locate::first_line(text, within.clone()), format!("no `{lang}` text here"))
                    .help(format!(
                        "add `{lang}: …` here: every text of a data set is written in each language of the site"
                    )),
            );
        }
    };
    if let Some(title) = &read.title {
        missing(&[("title", 0)], title, "title");
    }
    if let Some(unit) = &read.unit {
        missing(&[("unit", 0)], unit, "unit");
    }
    if !read.note.is_empty() {
        missing(&[("note", 0)], &read.note, "note");
    }
    if let Some(source) = &read.source {
        missing(&[("source", 0), ("name", 0)], &source.name, "source name");
        missing(&[("source", 0), ("period", 0)], &source.period, "source period");
    }
    for (i, point) in read.series.iter().flatten().enumerate() {
        missing(&[("label", i)], &point.label, "label");
    }

    if let Some(source) =
        read.source.as_ref().filter(|s| !(s.url.starts_with("https://") || s.url.starts_with("http://")))
    {
        problems.push(
            Diagnostic::error(Code::BadWebAddress, format!("`{}` is not a web address", source.url))
                .at(file, locate::value_or(text, whole.clone(), "url"), "not a URL")
                .help("give the address of the published source, starting with https://"),
        );
    }
    if read.series.as_ref().is_some_and(Vec::is_empty) {
        problems.push(
            Diagnostic::error(Code::EmptyList, "this data set has no values")
                .at(file, locate::key_or(text, whole.clone(), "series"), "empty")
                .help("list at least one `{label: {en: …, es: …}, value: …}` under `series`"),
        );
    }
    for (i, point) in read.series.iter().flatten().enumerate() {
        let place = || {
            point_key("value", i)
                .map_or_else(|| locate::key_or(text, whole.clone(), "series"), |k| locate::value_of(text, k))
        };
        if !point.value.is_finite() || point.value < 0.0 {
            problems.push(
                Diagnostic::error(Code::NegativeValue, format!("`{}` cannot be drawn as a bar", point.value))
                    .at(file, place(), "not a count")
                    .help("values are counts or amounts of zero or more"),
            );
        } else if point.value > MAX_VALUE {
            problems.push(too_large(file, place(), point.value));
        }
    }
    if let Some(total) = read.total.filter(|t| !t.is_finite() || t.abs() > MAX_VALUE) {
        problems.push(too_large(file, locate::value_or(text, whole.clone(), "total"), total));
    }
    let fields::Read {
        title: Some(title),
        unit: Some(unit),
        source: Some(source),
        chart: Some(chart),
        series: Some(series),
        note,
        total,
        draft,
        ..
    } = read
    else {
        return Checked::new(None, problems);
    };
    let set = DataSet { name: name.to_string(), title, unit, source, note, chart, total, series, draft };
    if set.chart == ChartKind::Stacked && set.sum() <= 0.0 && !set.series.is_empty() {
        problems.push(
            Diagnostic::error(Code::EmptyStack, "a stacked chart needs values that add up to more than zero")
                .at(file, locate::key_or(text, whole.clone(), "series"), "these values")
                .help("use `chart: bar`, or give the values"),
        );
    }
    if let Some(total) = set.total {
        let sum = set.sum();
        if (sum - total).abs() > 1e-9 {
            let en = languages.first().map_or("en", String::as_str);
            problems.push(
                Diagnostic::warning(
                    Code::TotalMismatch,
                    format!(
                        "the values add up to {}, not the declared total {}",
                        format::number(sum, en),
                        format::number(total, en)
                    ),
                )
                .at(file, locate::value_or(text, whole.clone(), "total"), "declared here")
                .help("check each value against the source, or correct `total`"),
            );
        }
    }
    let has_errors = problems.iter().any(Diagnostic::is_error);
    Checked::new(if has_errors { None } else { Some(set) }, problems)
}

/// The byte range of each item of the block list under `series:`, when the
/// file writes one item per `- ` line at one indentation and the count matches
/// the parsed points; `None` for any other shape (then keys are searched in
/// the whole file).
fn series_items(text: &str, expected: usize) -> Option<Vec<Range<usize>>> {
    let key = locate::nth_key(text, 0..text.len(), "series", 0)?;
    let block = locate::value_of(text, key);
    let mut starts = Vec::new();
    let mut indent = None;
    // From the start of the block's first line, so every line shows its indentation.
    let mut offset = text[..block.start].rfind('\n').map_or(0, |i| i + 1);
    for line in text.get(offset..block.end)?.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let this_indent = line.len() - content.len();
        if (content.starts_with("- ") || content.trim_end() == "-") && *indent.get_or_insert(this_indent) == this_indent
        {
            starts.push(offset + this_indent);
        }
        offset += line.len();
    }
    if starts.len() != expected {
        return None;
    }
    let ends = starts.iter().skip(1).copied().chain([block.end]);
    Some(starts.iter().zip(ends).map(|(&start, end)| start..end).collect())
}

fn too_large(file: &SourceFile, place: Range<usize>, value: f64) -> Diagnostic {
    Diagnostic::error(Code::ValueTooLarge, format!("`{value:e}` is too large for a chart"))
        .at(file, place, "more than a million million")
        .help(format!(
            "check the value against the source; values may be at most {} (in a larger unit, such as \
             millions, write the unit in `unit`)",
            format::number(MAX_VALUE, "en")
        ))
}

/// The help line for a chart name that names no data set.
pub fn unknown_chart_help(stats: &Stats, typed: &str) -> String {
    let known: Vec<&str> = stats.names().collect();
    if known.is_empty() {
        return format!("add a data set as {STATS_DIR}/{typed}.yaml");
    }
    let list = known.join(", ");
    match suggest::nearest(typed, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`? Known data sets (files in {STATS_DIR}/): {list}"),
        None => format!("name one of the data sets in {STATS_DIR}/: {list}"),
    }
}

/// The text of `texts` in `lang`, or in any language when it is missing.
pub(crate) fn in_lang<'a>(texts: &'a Localized, lang: &str) -> &'a str {
    texts.get(lang).or_else(|| texts.values().next()).map_or("", String::as_str)
}

/// The language a chart is drawn in on a page in `lang`: the first language
/// down the chain in which the data set has every text, so that a chart
/// never mixes languages (its words, labels and number formats agree); the
/// page marks the figure with it when it is not the page's.
pub fn chart_language<'a>(config: &'a Config, set: &DataSet, lang: &'a str) -> &'a str {
    let has = |texts: &Localized, code: &str| texts.get(code).is_some_and(|t| !t.trim().is_empty());
    let complete = |code: &str| {
        [&set.title, &set.unit, &set.source.name, &set.source.period].into_iter().all(|t| has(t, code))
            && (set.note.is_empty() || has(&set.note, code))
            && set.series.iter().all(|p| has(&p.label, code))
    };
    config.fallback_chain(lang).into_iter().find(|code| complete(code)).unwrap_or(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
title: {en: Victims, es: Víctimas}
unit: {en: victims, es: víctimas}
source:
  name: {en: A report, es: Un informe}
  url: https://example.org/report
  period: {en: 2015 to 2018, es: 2015 a 2018}
chart: bar
total: 10
series:
  - {label: {en: One, es: Uno}, value: 6}
  - {label: {en: Two, es: Dos}, value: 4}
";

    fn check(text: &str) -> (Option<DataSet>, Vec<(usize, String)>) {
        let file = SourceFile::new("content/stats/x.yaml", text);
        let Checked { value: set, problems } = parse(&file, "x", &["en".to_string(), "es".to_string()]);
        let found = problems.iter().map(|d| (d.position().unwrap().1, d.message.clone())).collect();
        (set, found)
    }

    #[test]
    fn a_good_data_set_loads() {
        let (set, problems) = check(GOOD);
        assert!(problems.is_empty(), "{problems:?}");
        let set = set.unwrap();
        assert_eq!(set.series.len(), 2);
        assert_eq!(set.sum(), 10.0);
    }

    #[test]
    fn values_too_large_to_mean_anything_are_refused() {
        let text = GOOD.replace("value: 4}", "value: 1.8e17}").replace("total: 10", "total: 180000000000000006");
        let (set, problems) = check(&text);
        assert!(set.is_none());
        let errors: Vec<&(usize, String)> = problems.iter().filter(|(_, m)| m.contains("too large")).collect();
        assert_eq!(errors.len(), 2, "{problems:?}");
        assert_eq!(errors[0], &(11, "`1.8e17` is too large for a chart".to_string()), "{problems:?}");
        assert_eq!(errors[1].0, 8, "{problems:?}");
        let (set, problems) = check(&GOOD.replace("value: 4}", "value: 1000000000000}").replace("total: 10", ""));
        assert!(set.is_some() && problems.is_empty(), "a million million is allowed: {problems:?}");
    }

    #[test]
    fn each_point_is_found_in_its_own_lines() {
        let items = series_items(GOOD, 2).unwrap();
        assert!(GOOD[items[0].clone()].starts_with("- {label: {en: One"), "{:?}", &GOOD[items[0].clone()]);
        assert!(GOOD[items[1].clone()].starts_with("- {label: {en: Two"), "{:?}", &GOOD[items[1].clone()]);
        let block = GOOD.replace(
            "  - {label: {en: Two, es: Dos}, value: 4}",
            "  - label: {en: Two, es: Dos}\n    # four\n    value: -4",
        );
        assert_eq!(series_items(&block, 2).map(|i| i.len()), Some(2));
        let (_, problems) = check(&block);
        assert_eq!(problems[0].0, 13, "{problems:?}");
        assert_eq!(series_items(GOOD, 3), None, "a count that does not match falls back to the whole file");
    }

    #[test]
    fn each_mistake_is_reported_at_its_line() {
        let cases: &[(&str, &str, usize, &str)] = &[
            ("chart: bar", "chart: pie", 7, "`pie` is not a chart Faro draws"),
            ("total: 10", "totl: 10", 8, "unknown key `totl` in data set"),
            ("{label: {en: Two, es: Dos}, value: 4}", "{label: {en: Two}, value: 4}", 11, "the label has no `es` text"),
            (
                "period: {en: 2015 to 2018, es: 2015 a 2018}",
                "period: {en: 2015 to 2018}",
                6,
                "the source period has no `es` text",
            ),
            ("  url: https", "  urll: https", 5, "unknown key `urll` in data set (in `source`)"),
        ];
        for (from, to, line, message) in cases {
            let (set, problems) = check(&GOOD.replace(from, to));
            assert!(set.is_none(), "{to}");
            assert_eq!(problems.len(), 1, "{to}: {problems:?}");
            assert_eq!(problems[0].0, *line, "{to}: {problems:?}");
            assert!(problems[0].1.starts_with(message), "{to}: {problems:?}");
        }
    }

    #[test]
    fn a_total_that_does_not_add_up_is_a_warning() {
        let (set, problems) = check(&GOOD.replace("total: 10", "total: 12"));
        assert!(set.is_some());
        assert_eq!(problems, [(8, "the values add up to 10, not the declared total 12".to_string())]);
    }
}
