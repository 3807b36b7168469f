//! Reading a data set field by field.
//!
//! Serde stops at the first field it cannot read and words the problem in
//! Rust's terms ("unknown variant `line`", "expected f64"). A data set is
//! short and an editor fixes it in one sitting, so after the YAML itself is
//! read, each field is read on its own from the parsed value: every mistake
//! comes out in one run, in plain words, with help that fits it (a number
//! written with a thousands separator or in quotes, a chart Faro does not
//! draw, a text written once instead of once per language, a key that is
//! missing or misspelt).
//!
//! The keys each part accepts are listed here ([`DATA_SET_KEYS`],
//! [`SOURCE_KEYS`], [`POINT_KEYS`]), which is also what the editor's field
//! reference is checked against.

use std::ops::Range;

use serde_yaml::{Mapping, Value};

use super::{ChartKind, Localized, Point, Source};
use crate::diagnostic::{Checked, Code, Diagnostic};
use crate::source::SourceFile;
use crate::suggest;
use crate::yaml::{self, locate};

/// The keys of a data set file.
pub const DATA_SET_KEYS: &[&str] = &["title", "unit", "source", "note", "chart", "total", "series", "draft"];
/// The keys of its `source`.
pub const SOURCE_KEYS: &[&str] = &["name", "url", "period"];
/// The keys of each point of its `series`.
pub const POINT_KEYS: &[&str] = &["label", "value"];

/// The chart kinds, as written in `chart:`, with what each draws.
const CHART_KINDS: &[(&str, ChartKind, &str)] = &[
    ("bar", ChartKind::Bar, "one bar per value"),
    ("stacked", ChartKind::Stacked, "one bar split into each value's share"),
];

/// A data set as far as its fields could be read; `None` where a required
/// field is missing or could not be read (a problem says which).
#[derive(Debug, Default)]
pub struct Read {
    pub title: Option<Localized>,
    pub unit: Option<Localized>,
    pub source: Option<Source>,
    pub note: Localized,
    pub chart: Option<ChartKind>,
    pub total: Option<f64>,
    pub series: Option<Vec<Point>>,
    pub draft: bool,
    /// The byte range of each point in the file, when it is written one
    /// `- ` item per point (see [`super::series_items`]).
    pub items: Option<Vec<Range<usize>>>,
}

/// Where a value sits in the file, for the caret.
#[derive(Clone)]
struct Place {
    /// The value, or the closest thing found (its key, the enclosing part).
    value: Range<usize>,
    /// The part the value belongs to, to look for its own keys in.
    within: Range<usize>,
}

struct Reader<'a> {
    file: &'a SourceFile,
    /// The site's languages, for examples of texts written in each.
    languages: &'a [String],
    problems: Vec<Diagnostic>,
    /// Keys suggested for a misspelt one, by part: their absence is the
    /// same mistake, reported once.
    suggested: Vec<(String, &'static str)>,
}

/// Reads every field of the data set in `file`, collecting every problem.
/// A YAML syntax error is the one problem that stops the reading.
pub fn read(file: &SourceFile, languages: &[String]) -> Checked<Read> {
    let whole = 0..file.text.len();
    let value = match yaml::parse::<Value>(file, whole.clone(), "data set") {
        Ok(value) => value,
        Err(d) => return Checked::new(Read::default(), vec![d]),
    };
    let mut reader = Reader { file, languages, problems: Vec::new(), suggested: Vec::new() };
    let read = reader.data_set(&value, whole);
    Checked::new(read, reader.problems)
}

impl Reader<'_> {
    fn text(&self) -> &str {
        &self.file.text
    }

    fn error(&mut self, code: Code, at: Range<usize>, message: String, label: &str, help: String) {
        let at = locate::first_line(self.text(), at);
        self.problems.push(Diagnostic::error(code, message).at(self.file, at, label.to_string()).help(help));
    }

    /// Where `key` and its value are inside `within`; the part's first line
    /// when the key cannot be found.
    fn place_of(&self, within: &Range<usize>, key: &str) -> Place {
        match locate::key(self.text(), within.clone(), key) {
            Some(k) => {
                Place { value: locate::value_of(self.text(), k.clone()), within: locate::key_and_value(self.text(), k) }
            }
            None => Place { value: locate::first_line(self.text(), within.clone()), within: within.clone() },
        }
    }

    fn key_place(&self, within: &Range<usize>, key: &str) -> Range<usize> {
        locate::key_or(self.text(), within.clone(), key)
    }

    /// The mapping of a part, with each unknown key reported; `None` (with a
    /// problem) when the part is not a mapping.
    fn mapping<'v>(
        &mut self,
        value: &'v Value,
        place: &Place,
        known: &[&'static str],
        part: &str,
        example: &str,
    ) -> Option<&'v Mapping> {
        let Some(map) = value.as_mapping() else {
            self.error(
                Code::WrongType,
                place.value.clone(),
                format!("{part} is not a list of keys"),
                "expected keys here",
                format!("write it as keys and values, for example {example}"),
            );
            return None;
        };
        for key in map.keys() {
            let name = scalar_text(key).unwrap_or_default();
            if known.contains(&name.as_str()) {
                continue;
            }
            let at = self.key_place(&place.within, &name);
            let whose = if part == "the data set" { String::new() } else { format!(" (in {part})") };
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
                // `value: 1,234` inside `{…}`: the comma cut the number in two.
                self.error(
                    Code::NotANumber,
                    at,
                    format!("a number is cut in two at its comma{whose}"),
                    "read as a key of its own",
                    "inside `{…}` a comma separates keys: write the number without separators (1234, not 1,234)"
                        .to_string(),
                );
                continue;
            }
            if let Some(near) = suggest::nearest(&name, known.iter().copied()) {
                self.suggested.push((part.to_string(), near));
            }
            self.error(
                Code::UnknownKey,
                at,
                format!("unknown key `{name}` in data set{whose}"),
                "not a known key",
                suggest::unknown_name_help(&name, known),
            );
        }
        Some(map)
    }

    /// A required key: reports it missing at the part's first line.
    fn required<'v>(
        &mut self,
        map: &'v Mapping,
        place: &Place,
        key: &str,
        part: &str,
        example: &str,
    ) -> Option<&'v Value> {
        let found = map.get(key);
        let misspelt = self.suggested.iter().any(|(p, k)| p == part && *k == key);
        if found.is_none() && !misspelt {
            self.error(
                Code::MissingKey,
                place.within.clone(),
                format!("{part} has no `{key}`"),
                &format!("`{key}` is missing"),
                format!("add `{key}: {example}`"),
            );
        }
        found
    }

    fn data_set(&mut self, value: &Value, whole: Range<usize>) -> Read {
        let top = Place { value: whole.clone(), within: whole.clone() };
        let mut read = Read::default();
        let part = "the data set";
        let Some(map) = self.mapping(value, &top, DATA_SET_KEYS, part, "`title: {en: …, es: …}` on the first line")
        else {
            return read;
        };
        let texts = "{en: …, es: …}";
        if let Some(v) = self.required(map, &top, "title", part, texts) {
            read.title = self.localized(v, self.place_of(&whole, "title"), "title");
        }
        if let Some(v) = self.required(map, &top, "unit", part, "{en: victims, es: víctimas} (what the values count)")
        {
            read.unit = self.localized(v, self.place_of(&whole, "unit"), "unit");
        }
        if let Some(v) = map.get("note") {
            read.note = self.localized(v, self.place_of(&whole, "note"), "note").unwrap_or_default();
        }
        if let Some(v) = self.required(map, &top, "source", part, "with its `name`, `url` and `period` below it") {
            read.source = self.source(v, self.place_of(&whole, "source"));
        }
        if let Some(v) = self.required(map, &top, "chart", part, "bar") {
            read.chart = self.chart(v, self.place_of(&whole, "chart"));
        }
        if let Some(v) = map.get("total").filter(|v| !v.is_null()) {
            read.total = self.number(v, self.place_of(&whole, "total"), "`total`");
        }
        if let Some(v) = map.get("draft") {
            match v.as_bool() {
                Some(b) => read.draft = b,
                None => {
                    let at = self.place_of(&whole, "draft").value;
                    self.error(
                        Code::WrongType,
                        at,
                        "`draft` is either `true` or `false`".to_string(),
                        "not true or false",
                        "write `draft: true` to keep the data set off the site, or remove the line".to_string(),
                    );
                }
            }
        }
        if let Some(v) =
            self.required(map, &top, "series", part, "followed by one `- {label: …, value: …}` line per value")
        {
            let place = self.place_of(&whole, "series");
            (read.series, read.items) = self.series(v, place, &whole);
        }
        read
    }

    fn source(&mut self, value: &Value, place: Place) -> Option<Source> {
        let part = "`source`";
        let map = self.mapping(
            value,
            &place,
            SOURCE_KEYS,
            part,
            "`name:`, `url:` and `period:` on their own lines below it",
        )?;
        let name = self
            .required(map, &place, "name", part, "{en: …, es: …} (who published the figures)")
            .and_then(|v| self.localized(v, self.place_of(&place.within, "name"), "source name"));
        let url = self.required(map, &place, "url", part, "https://… (the page the figures come from)").and_then(|v| {
            let at = self.place_of(&place.within, "url").value;
            match scalar_text(v) {
                Some(url) => Some(url),
                None => {
                    self.error(
                        Code::BadWebAddress,
                        at,
                        "the source's `url` is not a web address".to_string(),
                        "not a URL",
                        "give the address of the published source, starting with https://".to_string(),
                    );
                    None
                }
            }
        });
        let period = self
            .required(map, &place, "period", part, "{en: 2015 to 2018, es: 2015 a 2018} (the time the figures cover)")
            .and_then(|v| self.localized(v, self.place_of(&place.within, "period"), "source period"));
        Some(Source { name: name?, url: url?, period: period? })
    }

    fn chart(&mut self, value: &Value, place: Place) -> Option<ChartKind> {
        let typed = scalar_text(value).unwrap_or_default();
        if let Some((_, kind, _)) = CHART_KINDS.iter().find(|(name, _, _)| *name == typed) {
            return Some(*kind);
        }
        let kinds: Vec<String> = CHART_KINDS.iter().map(|(name, _, what)| format!("`{name}` ({what})")).collect();
        let names = CHART_KINDS.iter().map(|(name, _, _)| *name);
        let help = match suggest::nearest(&typed, names) {
            Some(near) => format!("did you mean `{near}`? Faro draws {}", kinds.join(" and ")),
            None => format!("write one of the charts Faro draws: {}", kinds.join(" and ")),
        };
        self.error(
            Code::UnknownValue,
            place.value,
            format!("`{typed}` is not a chart Faro draws"),
            "unknown chart",
            help,
        );
        None
    }

    /// The points under `series`, each read on its own, with their places.
    fn series(
        &mut self,
        value: &Value,
        place: Place,
        whole: &Range<usize>,
    ) -> (Option<Vec<Point>>, Option<Vec<Range<usize>>>) {
        let Some(list) = value.as_sequence() else {
            self.error(
                Code::WrongType,
                place.value,
                "`series` is not a list".to_string(),
                "expected a list",
                "write one `- {label: {en: …, es: …}, value: …}` line per value below `series:`".to_string(),
            );
            return (None, None);
        };
        let items = super::series_items(self.text(), list.len());
        let mut points = Vec::with_capacity(list.len());
        let mut complete = true;
        for (i, item) in list.iter().enumerate() {
            let within = match &items {
                Some(items) => items[i].clone(),
                None => locate::nth_key(self.text(), whole.clone(), "label", i)
                    .map_or_else(|| place.within.clone(), |k| locate::first_line(self.text(), k)),
            };
            let here = Place { value: within.clone(), within };
            match self.point(item, here, i + 1) {
                Some(point) => points.push(point),
                None => complete = false,
            }
        }
        (complete.then_some(points), items)
    }

    fn point(&mut self, value: &Value, place: Place, n: usize) -> Option<Point> {
        let part = format!("point {n} of `series`");
        let map = self.mapping(value, &place, POINT_KEYS, &part, "`{label: {en: …, es: …}, value: 12}`")?;
        let label = self
            .required(map, &place, "label", &part, "{en: …, es: …}")
            .and_then(|v| self.localized(v, self.place_of(&place.within, "label"), "label"));
        let value = self
            .required(map, &place, "value", &part, "the figure, in digits")
            .and_then(|v| self.number(v, self.place_of(&place.within, "value"), &format!("the value of point {n}")));
        Some(Point { label: label?, value: value? })
    }

    /// A number; a quoted one, one written with separators or words, or an
    /// empty one is a problem with help that fits it.
    fn number(&mut self, value: &Value, place: Place, what: &str) -> Option<f64> {
        if let Some(n) = value.as_f64() {
            return Some(n);
        }
        let typed = match value {
            Value::Null => {
                self.error(
                    Code::NotANumber,
                    place.value,
                    format!("{what} is empty"),
                    "no number here",
                    "write the figure from the source, in digits".to_string(),
                );
                return None;
            }
            other => scalar_text(other).unwrap_or_else(|| "this".to_string()),
        };
        let trimmed = typed.trim();
        let digits: String = trimmed.chars().filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}')).collect();
        let help = if trimmed.parse::<f64>().is_ok() && value.is_string() {
            format!("remove the quotes: write {trimmed}")
        } else if digits != trimmed && digits.parse::<f64>().is_ok() {
            format!("write it without separators, as {digits}: digits only, with a point before any decimals")
        } else if trimmed.contains(',') && trimmed.replacen(',', ".", 1).parse::<f64>().is_ok() {
            format!("write decimals with a point, as {}", trimmed.replacen(',', ".", 1))
        } else {
            "write the figure from the source in digits, such as 1234 or 12.5, with no words or signs".to_string()
        };
        self.error(Code::NotANumber, place.value, format!("{what} `{typed}` is not a number"), "not a number", help);
        None
    }

    /// A text per language; one text for every language is a problem that
    /// says how to write it.
    fn localized(&mut self, value: &Value, place: Place, what: &str) -> Option<Localized> {
        let Some(map) = value.as_mapping() else {
            let typed = scalar_text(value).unwrap_or_default();
            let shown = if typed.is_empty() { String::new() } else { format!(" (`{typed}`)") };
            self.error(
                Code::WrongType,
                place.value,
                format!("the {what}{shown} is not written per language"),
                "one text for every language",
                format!("write it once per language: {}", self.per_language(&typed)),
            );
            return None;
        };
        let mut texts = Localized::new();
        let mut ok = true;
        for (lang, text) in map {
            let lang = scalar_text(lang).unwrap_or_default();
            match text {
                Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_) => {
                    let at = self.place_of(&place.within, &lang).value;
                    self.error(
                        Code::WrongType,
                        at,
                        format!("the `{lang}` {what} is not a text"),
                        "not a text",
                        "write the text on one line; put it in quotes if it contains `: `, `[` or `{`".to_string(),
                    );
                    ok = false;
                }
                other => {
                    texts.insert(lang, scalar_text(other).unwrap_or_default());
                }
            }
        }
        ok.then_some(texts)
    }
}

impl Reader<'_> {
    /// `{en: Two, es: …}`: `text` in the first language, a gap in the others.
    fn per_language(&self, text: &str) -> String {
        let first = if text.is_empty() { "…" } else { text };
        let parts: Vec<String> = self
            .languages
            .iter()
            .enumerate()
            .map(|(i, lang)| format!("{lang}: {}", if i == 0 { first } else { "…" }))
            .collect();
        format!("{{{}}}", parts.join(", "))
    }
}

/// A scalar written as text: strings, numbers and booleans as the editor
/// wrote them; `None` for a list, a mapping or nothing.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, String, String)> {
        let file = SourceFile::new("content/stats/x.yaml", text);
        let problems = read(&file, &["en".to_string(), "es".to_string()]).problems;
        problems
            .iter()
            .map(|d| (d.position().unwrap().1, d.message.clone(), d.help.clone().unwrap_or_default()))
            .collect()
    }

    const START: &str = "title: {en: Cases, es: Casos}\nunit: {en: cases, es: casos}\nsource:\n  name: {en: R, es: R}\n  \
                         url: https://example.org\n  period: {en: 2019, es: 2019}\n";

    #[test]
    fn every_mistake_comes_out_at_once_in_plain_words() {
        let text = format!(
            "{START}chart: line\ntotal: \"1,000\"\nseries:\n  - {{label: {{en: A, es: A}}, value: 1,234}}\n  - \
             {{label: B, value: 5}}\n  - {{label: {{en: C, es: C}}, valeu: 3}}\n"
        );
        let found = problems(&text);
        let lines: Vec<usize> = found.iter().map(|(line, _, _)| *line).collect();
        assert_eq!(lines, [7, 8, 10, 11, 12], "{found:#?}");
        assert_eq!(found[0].1, "`line` is not a chart Faro draws");
        assert_eq!(found[1].1, "`total` `1,000` is not a number");
        assert!(found[1].2.starts_with("write it without separators, as 1000"), "{}", found[1].2);
        assert_eq!(found[2].1, "a number is cut in two at its comma (in point 1 of `series`)");
        assert!(found[3].1.starts_with("the label (`B`) is not written per language"), "{}", found[3].1);
        assert_eq!(found[4].1, "unknown key `valeu` in data set (in point 3 of `series`)");
        assert!(found[4].2.starts_with("did you mean `value`?"), "{}", found[4].2);
    }

    #[test]
    fn a_number_with_separators_in_block_style_is_read_whole() {
        let found = problems(&format!("{START}chart: bar\nseries:\n  - label: {{en: A, es: A}}\n    value: 1,234\n"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].1, "the value of point 1 `1,234` is not a number");
        assert!(found[0].2.starts_with("write it without separators, as 1234"), "{}", found[0].2);
    }

    #[test]
    fn quoted_numbers_and_missing_keys_get_their_own_help() {
        let found = problems(
            "title: {en: Cases, es: Casos}\nchart: bar\nseries:\n  - {label: {en: A, es: A}, value: \"12\"}\n",
        );
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            ["the data set has no `unit`", "the data set has no `source`", "the value of point 1 `12` is not a number"]
        );
        assert_eq!(found[2].2, "remove the quotes: write 12");
    }

    #[test]
    fn a_good_data_set_reads_whole() {
        let file = SourceFile::new(
            "content/stats/x.yaml",
            format!("{START}chart: stacked\nseries:\n  - {{label: {{en: A, es: A}}, value: 1.5}}\n"),
        );
        let Checked { value: read, problems } = read(&file, &["en".to_string(), "es".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(read.chart, Some(ChartKind::Stacked));
        assert_eq!(read.series.unwrap()[0].value, 1.5);
        assert_eq!(read.source.unwrap().period["en"], "2019");
    }
}
