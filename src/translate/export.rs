//! `faro i18n export`: every text a language needs, in a file that
//! translators' tools open: gettext PO (Poedit, Weblate, Lokalize) or XLIFF
//! 1.2 (OmegaT, Trados, memoQ, Weblate; 1.2 is the version those tools read
//! most widely).
//!
//! Each text carries its id (PO `msgctxt`, XLIFF `id`), the source text, the
//! translation in the site if any, whether it is out of date (PO `fuzzy`,
//! XLIFF `state="needs-review-translation"`), where the source is, and a
//! digest of the translation as it was at export (`faro-base`), by which
//! `faro i18n import` tells that the site changed in the meantime.
//!
//! The site does not need to build: a language with no file of its own yet
//! exports every text with an empty translation.

use std::collections::BTreeMap;
use std::io::BufWriter;
use std::path::Path;

use polib::catalog::Catalog;
use polib::message::Message;
use polib::metadata::CatalogMetadata;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::record::{Change, Record, State};
use super::units::{self, Kind, Unit};
use super::{Languages, digest, markup};
use crate::diagnostic::Diagnostic;

/// A file format translators' tools read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// gettext PO
    Po,
    /// XLIFF 1.2
    Xliff,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
        }
    }
}

/// How many texts of each kind were exported, and how they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// By kind: (texts, translated, out of date).
    pub by_kind: BTreeMap<Kind, (usize, usize, usize)>,
}

impl Counts {
    pub fn total(&self) -> (usize, usize, usize) {
        self.by_kind.values().fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    }
}

/// An exported file's text and what it holds.
#[derive(Debug)]
pub struct Exported {
    pub text: String,
    pub counts: Counts,
    /// The site's theme is built into Faro: its strings are not exported.
    pub builtin_theme: bool,
    /// The language is not (yet) listed in `site.yaml`.
    pub unlisted: bool,
}

/// Why nothing was exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the site's files have problems")]
    Content(Vec<Diagnostic>),
    #[error("{0}")]
    Usage(String),
}

/// One exported text: the unit and how it stands.
pub struct Entry<'a> {
    pub unit: &'a Unit,
    pub state: State,
}

/// Exports every text of the site at `root` for `lang`.
pub fn export(root: &Path, lang: &str, format: Format) -> Result<Exported, ExportError> {
    let langs = Languages::load(root).map_err(ExportError::Content)?;
    if !crate::config::is_language_code(lang) {
        return Err(ExportError::Usage(format!(
            "`{lang}` is not a language code; use a BCP 47 code such as `pt` or `ht`"
        )));
    }
    if lang == langs.source {
        return Err(ExportError::Usage(format!(
            "`{lang}` is the language translations are made from (default_language); name another language"
        )));
    }
    let record = Record::load(root).map_err(ExportError::Content)?;
    let collection = units::collect(root, &langs, lang);
    if !collection.problems.is_empty() {
        return Err(ExportError::Content(collection.problems));
    }
    let entries: Vec<Entry> =
        collection.units.iter().map(|unit| Entry { unit, state: record.state(lang, unit) }).collect();
    let mut counts = Counts::default();
    for entry in &entries {
        let row = counts.by_kind.entry(entry.unit.kind).or_default();
        row.0 += 1;
        row.1 += usize::from(entry.unit.translation.is_some());
        row.2 += usize::from(entry.state.is_stale());
    }
    let text = match format {
        Format::Po => po(&langs, lang, &entries),
        Format::Xliff => xliff(&langs, lang, &entries),
    };
    Ok(Exported {
        text,
        counts,
        builtin_theme: collection.builtin_theme,
        unlisted: !langs.codes.iter().any(|c| c == lang),
    })
}

/// The digest of the translation as exported, or `-` for none.
pub fn base_of(translation: Option<&str>) -> String {
    translation.map_or_else(|| "-".to_string(), digest)
}

/// Notes for the translator: what the text is, and what changed.
fn notes(langs: &Languages, entry: &Entry) -> Vec<String> {
    let unit = entry.unit;
    let mut notes = vec![unit.kind.name().trim_end_matches('s').to_string()];
    if unit.markdown {
        notes[0].push_str(" (Markdown: keep link targets and ```chart blocks as they are)");
    }
    let source_name = langs.name_of(&langs.source);
    match &entry.state {
        State::Stale(Change::Text) => notes.push(format!("out of date: the {source_name} text changed")),
        State::Stale(Change::Paragraphs { changed, removed }) => {
            let mut what = Vec::new();
            if !changed.is_empty() {
                let list: Vec<String> = changed.iter().map(usize::to_string).collect();
                what.push(format!("paragraph(s) {} of the {source_name} text changed", list.join(", ")));
            }
            if *removed > 0 {
                what.push(format!("{removed} paragraph(s) removed"));
            }
            notes.push(format!("out of date: {}", what.join("; ")));
        }
        _ => {}
    }
    let fixed = markup::fixed_parts(&unit.source, unit.markdown);
    if !fixed.is_empty() {
        notes.push(format!("keep: {}", fixed.keys().cloned().collect::<Vec<_>>().join(", ")));
    }
    notes
}

fn source_ref(unit: &Unit) -> String {
    let (file, span) = &unit.source_at;
    format!("{}:{}", file.display_path(), file.line_col(span.start).0)
}

fn po(langs: &Languages, lang: &str, entries: &[Entry]) -> String {
    let metadata = CatalogMetadata {
        project_id_version: "Faro site".into(),
        mime_version: "1.0".into(),
        content_type: "text/plain; charset=UTF-8".into(),
        content_transfer_encoding: "8bit".into(),
        language: lang.into(),
        ..CatalogMetadata::default()
    };
    let mut catalog = Catalog::new(metadata);
    catalog.preheader = vec![
        format!("Texts of this site to translate into {} ({lang}), made by `faro i18n export`.", langs.name_of(lang)),
        "Translate each msgstr; an entry marked fuzzy is out of date: review it and clear the mark.".into(),
        "Bring the file back with `faro i18n import FILE`.".into(),
    ];
    for entry in entries {
        let unit = entry.unit;
        let mut comments = notes(langs, entry);
        comments.push(format!("faro-base: {}", base_of(unit.translation.as_deref())));
        let mut flags = polib::message::MessageFlags::new();
        if entry.state.is_stale() {
            flags.add_flag("fuzzy");
        }
        let message = Message::build_singular()
            .with_extracted_comments(comments.join("\n"))
            .with_source(source_ref(unit))
            .with_flags(flags)
            .with_msgctxt(unit.id.clone())
            .with_msgid(unit.source.clone())
            .with_msgstr(unit.translation.clone().unwrap_or_default())
            .done();
        catalog.append_or_update(message);
    }
    let mut out = BufWriter::new(Vec::new());
    // Writing to memory cannot fail.
    let _ = polib::po_file::write(&catalog, &mut out);
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The XLIFF namespace of version 1.2.
const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";

fn xliff(langs: &Languages, lang: &str, entries: &[Entry]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: std::io::Result<()> = (|| {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer.create_element("xliff").with_attributes([("version", "1.2"), ("xmlns", XLIFF_NS)]).write_inner_content(
            |w| {
                w.create_element("file")
                    .with_attributes([
                        ("original", "faro-site"),
                        ("datatype", "plaintext"),
                        ("source-language", langs.source.as_str()),
                        ("target-language", lang),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("body").write_inner_content(|w| {
                            for entry in entries {
                                trans_unit(w, langs, entry)?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            },
        )?;
        Ok(())
    })();
    // Writing to memory cannot fail.
    debug_assert!(result.is_ok());
    let mut text = String::from_utf8(writer.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

fn trans_unit(w: &mut Writer<Vec<u8>>, langs: &Languages, entry: &Entry) -> std::io::Result<()> {
    let unit = entry.unit;
    let state = match (&entry.state, unit.translation.is_some()) {
        (_, false) => "new",
        (State::Stale(_), true) => "needs-review-translation",
        _ => "translated",
    };
    let approved = if matches!(state, "translated") { "yes" } else { "no" };
    w.create_element("trans-unit")
        .with_attributes([("id", unit.id.as_str()), ("approved", approved), ("xml:space", "preserve")])
        .write_inner_content(|w| {
            w.create_element("source").write_text_content(BytesText::new(&unit.source))?;
            let target = unit.translation.as_deref().unwrap_or("");
            w.create_element("target").with_attribute(("state", state)).write_text_content(BytesText::new(target))?;
            let base = base_of(unit.translation.as_deref());
            for note in notes(langs, entry) {
                w.create_element("note").with_attribute(("from", "faro")).write_text_content(BytesText::new(&note))?;
            }
            w.create_element("note")
                .with_attribute(("from", "faro-source"))
                .write_text_content(BytesText::new(&source_ref(unit)))?;
            w.create_element("note").with_attribute(("from", "faro-base")).write_text_content(BytesText::new(&base))?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::translate::import;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "content/site.yaml",
                "title: {en: T, es: Te}\nbase_url: https://example.org/\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n",
            ),
            ("content/directory/lines.yaml", "- id: a\n  name: {en: \"A & <b>\", es: \"Á\"}\n"),
            ("content/a.en.md", "---\ntitle: A\n---\nOne \"quoted\" line\nand another.\n\nTwo, with a tab\there.\n"),
        ];
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn both_formats_read_back_as_exported() {
        let dir = site();
        for (format, name) in [(Format::Po, "es.po"), (Format::Xliff, "es.xlf")] {
            let exported = export(dir.path(), "es", format).unwrap();
            assert_eq!(exported.counts.total(), (4, 2, 0), "{format:?}");
            let read = import::read(&SourceFile::new(name, exported.text.as_str())).unwrap();
            assert_eq!(read.lang, "es");
            let got: Vec<(&str, &str, &str, Option<&str>)> = read
                .entries
                .iter()
                .map(|e| (e.id.as_str(), e.source.as_str(), e.target.as_str(), e.base.as_deref()))
                .collect();
            let a_digest = digest("Á");
            assert_eq!(
                got,
                [
                    ("content/site.yaml#title", "T", "Te", Some(digest("Te").as_str())),
                    ("content/directory/lines.yaml#a.name", "A & <b>", "Á", Some(a_digest.as_str())),
                    ("content/a.es.md#title", "A", "", Some("-")),
                    (
                        "content/a.es.md#body",
                        "One \"quoted\" line\nand another.\n\nTwo, with a tab\there.",
                        "",
                        Some("-")
                    ),
                ],
                "{format:?}:\n{}",
                exported.text
            );
        }
    }

    #[test]
    fn the_source_language_and_non_codes_are_refused() {
        let dir = site();
        assert!(matches!(export(dir.path(), "en", Format::Po), Err(ExportError::Usage(_))));
        assert!(matches!(export(dir.path(), "Portuguese", Format::Po), Err(ExportError::Usage(_))));
        assert!(export(dir.path(), "pt", Format::Po).unwrap().unlisted);
    }
}
