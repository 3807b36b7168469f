//! Charts drawn at build time as inline SVG, each inside a `<figure>` with its
//! data table and source, so the page needs no script and no chart library.
//!
//! Accessibility decides the drawing: the SVG is one image (`role="img"`)
//! named by its `<title>` and described by a `<desc>` that reads out every
//! value; each value and label is written as text beside its bar, so nothing
//! depends on colour; the bar colours are dark enough for 3:1 against a light
//! page and for white text on them. The `viewBox` is 320 units wide with
//! 20-unit text, so the text stays over 12 px down to a chart 192 CSS pixels
//! wide (a 320 px phone, less the page's padding and a figure's default
//! margins). No `style`
//! attributes are used (the Content-Security-Policy forbids them): only SVG
//! presentation attributes and a few classes for the theme.

use super::format::{number, percent};
use super::{ChartKind, DataSet, in_lang};
use crate::html::escape_html;
use crate::theme::Strings;

/// Width of the drawing in viewBox units.
const WIDTH: u32 = 320;
/// Text size in viewBox units.
const FONT: u32 = 20;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: f64 = 72.0;
/// Fills for bars and segments, in order; each has at least 3:1 against
/// white and takes white text at 4.5:1 or more.
const FILLS: &[&str] = &["#1d4f91", "#8a3b12", "#2e6b30", "#5b3c88", "#6b4f00"];

/// The words a chart needs, in the page's language: the theme's
/// `i18n/chart.<lang>.yaml`, so a language the theme adds translates them too.
pub struct Words {
    bar_chart: String,
    stacked_chart: String,
    category: String,
    share: String,
    total: String,
    table: String,
    source: String,
    period: String,
    draft: String,
}

impl Words {
    pub fn of(strings: &Strings, lang: &str) -> Words {
        let get = |key: &str| strings.get(lang, &format!("chart_{key}"));
        Words {
            bar_chart: get("bar"),
            stacked_chart: get("stacked"),
            category: get("category"),
            share: get("share"),
            total: get("total"),
            table: get("table"),
            source: get("source"),
            period: get("period"),
            draft: get("draft"),
        }
    }
}

/// The chart, its data table and its source, as one `<figure>`.
pub fn figure(set: &DataSet, lang: &str, w: &Words) -> String {
    let id = element_id(&set.name);
    let title = escape_html(in_lang(&set.title, lang));
    let draft = if set.draft { format!("<strong class=\"draft-mark\">{}</strong> ", w.draft) } else { String::new() };
    let mut out = format!("<figure class=\"chart\" id=\"{id}\">\n<figcaption>{draft}{title}</figcaption>\n");
    out.push_str(&svg(set, lang, w));
    out.push_str(&table(set, lang, w));
    let source = &set.source;
    out.push_str(&format!(
        "<p class=\"chart-source\">{}: <a href=\"{}\">{}</a>. {}: {}.</p>\n",
        w.source,
        escape_html(&source.url),
        escape_html(in_lang(&source.name, lang)),
        w.period,
        escape_html(in_lang(&source.period, lang)),
    ));
    if !set.note.is_empty() {
        out.push_str(&format!("<p class=\"chart-note\">{}</p>\n", escape_html(in_lang(&set.note, lang))));
    }
    out.push_str("</figure>\n");
    out
}

/// The chart alone, as an inline `<svg>` element.
pub fn svg(set: &DataSet, lang: &str, w: &Words) -> String {
    let id = element_id(&set.name);
    let (height, body) = match set.chart {
        ChartKind::Bar => bars(set, lang),
        ChartKind::Stacked => stacked(set, lang),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         font-size=\"{FONT}\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{body}</svg>\n",
        escape_html(in_lang(&set.title, lang)),
        escape_html(&description(set, lang, w)),
    )
}

/// What the chart shows, read out in full for screen readers.
fn description(set: &DataSet, lang: &str, w: &Words) -> String {
    let unit = in_lang(&set.unit, lang);
    let sum = set.sum();
    let values: Vec<String> = set
        .series
        .iter()
        .map(|p| {
            let label = in_lang(&p.label, lang);
            match set.chart {
                ChartKind::Bar => format!("{label}: {}", number(p.value, lang)),
                ChartKind::Stacked => {
                    format!("{label}: {} ({})", number(p.value, lang), percent(p.value, sum, lang))
                }
            }
        })
        .collect();
    let kind = match set.chart {
        ChartKind::Bar => &w.bar_chart,
        ChartKind::Stacked => &w.stacked_chart,
    };
    format!("{kind} ({unit}). {}.", values.join("; "))
}

/// One row per value: the label above a bar, the value just after its end.
fn bars(set: &DataSet, lang: &str) -> (u32, String) {
    const ROW: u32 = 70;
    const BAR: u32 = 26;
    let longest = set.series.iter().map(|p| p.value).fold(0.0_f64, f64::max);
    let room = f64::from(WIDTH) - VALUE_ROOM;
    let mut body = String::new();
    for (i, point) in set.series.iter().enumerate() {
        let top = i as u32 * ROW;
        let length = if longest > 0.0 { point.value / longest * room } else { 0.0 };
        let length = if point.value > 0.0 { length.max(1.0) } else { 0.0 };
        body.push_str(&format!(
            "<text x=\"0\" y=\"{}\" fill=\"currentColor\">{}</text>\n\
             <rect class=\"chart-bar\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{BAR}\" fill=\"{}\"/>\n\
             <text x=\"{}\" y=\"{}\" fill=\"currentColor\" font-weight=\"bold\">{}</text>\n",
            top + FONT,
            escape_html(in_lang(&point.label, lang)),
            top + FONT + 6,
            units(length),
            FILLS[0],
            units(length + 6.0),
            top + FONT + 6 + 20,
            number(point.value, lang),
        ));
    }
    (set.series.len() as u32 * ROW, body)
}

/// One bar split into shares, each share's percentage written on it when it
/// fits, and a legend below that names every share in text.
fn stacked(set: &DataSet, lang: &str) -> (u32, String) {
    const BAR: u32 = 44;
    const LEGEND_TOP: u32 = 62;
    const LEGEND_ROW: u32 = 56;
    let sum = set.sum();
    let mut body = String::new();
    let mut x = 0.0;
    for (i, point) in set.series.iter().enumerate() {
        let width = if sum > 0.0 { point.value / sum * f64::from(WIDTH) } else { 0.0 };
        let fill = FILLS[i % FILLS.len()];
        // A white edge between segments tells them apart without colour.
        body.push_str(&format!(
            "<rect class=\"chart-bar\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{BAR}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1\"/>\n",
            units(x),
            units(width),
        ));
        if width >= 52.0 {
            body.push_str(&format!(
                "<text x=\"{}\" y=\"29\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                units(x + width / 2.0),
                percent(point.value, sum, lang),
            ));
        }
        x += width;
    }
    // Each legend entry takes two lines, its label then its figures, so
    // labels have the whole width at this text size.
    for (i, point) in set.series.iter().enumerate() {
        let top = LEGEND_TOP + i as u32 * LEGEND_ROW;
        body.push_str(&format!(
            "<rect x=\"0\" y=\"{top}\" width=\"18\" height=\"18\" fill=\"{}\"/>\n\
             <text x=\"28\" y=\"{}\" fill=\"currentColor\">{}</text>\n\
             <text x=\"28\" y=\"{}\" fill=\"currentColor\" font-weight=\"bold\">{} ({})</text>\n",
            FILLS[i % FILLS.len()],
            top + 16,
            escape_html(in_lang(&point.label, lang)),
            top + 16 + 24,
            number(point.value, lang),
            percent(point.value, sum, lang),
        ));
    }
    (LEGEND_TOP + set.series.len() as u32 * LEGEND_ROW, body)
}

/// The figures as a table, for screen readers, print and copying.
fn table(set: &DataSet, lang: &str, w: &Words) -> String {
    let stacked = set.chart == ChartKind::Stacked;
    let sum = set.sum();
    let mut out = format!(
        "<table class=\"chart-table\">\n<caption>{}: {}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        w.table,
        escape_html(in_lang(&set.title, lang)),
        w.category,
        escape_html(&capitalized(in_lang(&set.unit, lang))),
    );
    if stacked {
        out.push_str(&format!("<th scope=\"col\">{}</th>", w.share));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for point in &set.series {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            escape_html(in_lang(&point.label, lang)),
            number(point.value, lang)
        ));
        if stacked {
            out.push_str(&format!("<td>{}</td>", percent(point.value, sum, lang)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    if let Some(total) = set.total {
        out.push_str(&format!("<tfoot><tr><th scope=\"row\">{}</th><td>{}</td>", w.total, number(total, lang)));
        if stacked {
            out.push_str("<td>100%</td>");
        }
        out.push_str("</tr></tfoot>\n");
    }
    out.push_str("</table>\n");
    out
}

/// An id for the chart's elements from its data set's name.
fn element_id(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("chart-{cleaned}")
}

/// A length in viewBox units, with at most one decimal.
fn units(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 { format!("{}", tenths as i64) } else { format!("{tenths:.1}") }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::stats::parse;

    fn data_set(name: &str, text: &str) -> DataSet {
        let file = SourceFile::new(format!("content/stats/{name}.yaml"), text);
        let crate::diagnostic::Checked { value: set, problems } =
            parse(&file, name, &["en".to_string(), "es".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        set.unwrap()
    }

    /// The default theme's chart words.
    fn words(lang: &str) -> Words {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid");
        let file = crate::read::read_source(&root, std::path::Path::new(crate::config::SITE_FILE)).unwrap();
        let config = crate::config::Config::parse(file).unwrap();
        let theme = crate::theme::load(&root, &config).unwrap_or_else(|_| panic!("the default theme loads"));
        Words::of(&theme.strings, lang)
    }

    /// A data set of the valid fixture site.
    fn fixture(name: &str) -> DataSet {
        let path = format!("{}/tests/sites/valid/content/stats/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
        data_set(name, &std::fs::read_to_string(path).unwrap())
    }

    #[test]
    fn bar_chart_svg() {
        insta::assert_snapshot!("cases_en", svg(&fixture("cases"), "en", &words("en")));
        insta::assert_snapshot!("cases_es", svg(&fixture("cases"), "es", &words("es")));
    }

    #[test]
    fn stacked_chart_svg() {
        insta::assert_snapshot!("forms_en", svg(&fixture("forms"), "en", &words("en")));
        insta::assert_snapshot!("forms_es", svg(&fixture("forms"), "es", &words("es")));
    }

    #[test]
    fn figure_has_table_and_source() {
        let html = figure(&fixture("forms"), "es", &words("es"));
        assert!(html.contains("<th scope=\"col\">Porcentaje</th>"), "{html}");
        assert!(html.contains("<td>651</td><td>55%</td>"), "{html}");
        assert!(html.contains("<p class=\"chart-source\">Fuente: <a href=\"https://"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn text_is_escaped_and_ids_are_clean() {
        let set = data_set(
            "A b",
            "title: {en: \"<T & U>\", es: T}\nunit: {en: u, es: u}\nsource: {name: {en: n, es: n}, url: \"https://e.org/?a=1&b=2\", period: {en: p, es: p}}\nchart: bar\nseries:\n  - {label: {en: \"x<y\", es: x}, value: 0}\n",
        );
        let html = figure(&set, "en", &words("en"));
        assert!(html.contains("id=\"chart-a-b\""));
        assert!(html.contains("&lt;T &amp; U&gt;") && html.contains("x&lt;y") && html.contains("a=1&amp;b=2"));
        assert!(html.contains("width=\"0\""), "a zero draws no bar");
    }
}
