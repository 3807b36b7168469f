//! Translations whose source changed since they were last brought up to
//! date, for `faro check`; and `faro translated`, which says they are
//! current again.
//!
//! A page's translation gets one warning naming its source file and what
//! changed there (front-matter keys, paragraphs by number and line); a
//! directory, statistics, region, site or theme text gets one warning at the
//! translation itself. Translations with no record say nothing (see the
//! module doc of [`crate::translate`]).

use std::collections::BTreeMap;
use std::path::Path;

use super::record::{Change, Record, State};
use super::units::{self, Place, Unit};
use super::{Error, Languages, markup};
use crate::diagnostic::{Code, Diagnostic};

/// Warnings for every stale translation of the site at `root`.
pub fn warnings(root: &Path) -> Vec<Diagnostic> {
    let Ok(langs) = Languages::load(root) else { return Vec::new() };
    let record = match Record::load(root) {
        Ok(record) => record,
        Err(problems) => return problems,
    };
    let mut out = Vec::new();
    // Reading every text of the site is left out for a language with no
    // recorded translation, which has none out of date.
    for lang in langs.targets().filter(|lang| record.records(lang)) {
        let collection = units::collect(root, &langs, lang);
        let mut pages: BTreeMap<&str, Vec<(&Unit, Change)>> = BTreeMap::new();
        for unit in &collection.units {
            let State::Stale(change) = record.state(lang, unit) else { continue };
            match &unit.place {
                Place::PageText { file, .. } => pages.entry(file.as_str()).or_default().push((unit, change)),
                _ => out.push(text_warning(&langs, lang, unit)),
            }
        }
        for (file, changes) in pages {
            out.push(page_warning(&langs, file, &changes));
        }
    }
    out
}

fn text_warning(langs: &Languages, lang: &str, unit: &Unit) -> Diagnostic {
    let source_name = langs.name_of(&langs.source);
    let (what, mark) = match &unit.place {
        Place::LangMap { file, path } => (format!("`{}`", path.join(".")), file.clone()),
        Place::ThemeKey { key, file, .. } => (format!("`{key}`"), file.clone()),
        Place::PageText { file, .. } => (String::new(), file.clone()),
    };
    let (file, span) = unit.translation_at.clone().unwrap_or_else(|| unit.source_at.clone());
    Diagnostic::warning(
        Code::OutdatedTranslation,
        format!(
            "out-of-date translation: the {source_name} text of {what} changed after its `{lang}` translation was made"
        ),
    )
    .at(&file, span, format!("made from an older {source_name} text"))
    .also_at(&unit.source_at.0, unit.source_at.1.clone(), format!("the {source_name} text now"))
    .help(format!("bring the translation up to date, then run `faro translated {mark}`"))
}

fn page_warning(langs: &Languages, file: &str, changes: &[(&Unit, Change)]) -> Diagnostic {
    let source_name = langs.name_of(&langs.source);
    let (first, _) = changes[0];
    let source_file = first.place.source_file();
    let mut parts = Vec::new();
    let mut at = first.source_at.clone();
    for (unit, change) in changes {
        let Place::PageText { field, .. } = &unit.place else { continue };
        match change {
            Change::Paragraphs { changed, removed } => {
                let (source_file, body_start) = (&unit.source_at.0, unit.source_at.1.start);
                let blocks = markup::blocks(&unit.source);
                let lines: Vec<String> = changed
                    .iter()
                    .filter_map(|&n| {
                        let block = blocks.get(n - 1)?;
                        let (line, _) = source_file.line_col(body_start + block.start);
                        Some(format!("{n} (line {line})"))
                    })
                    .collect();
                if let Some(&n) = changed.first()
                    && let Some(block) = blocks.get(n - 1)
                {
                    let start = body_start + block.start;
                    at = (source_file.clone(), source_file.line_range(start));
                }
                match lines.len() {
                    0 => {}
                    1 => parts.push(format!("paragraph {}", lines[0])),
                    _ => parts.push(format!("paragraphs {}", lines.join(", "))),
                }
                if *removed > 0 {
                    parts.push(format!("{removed} paragraph(s) removed"));
                }
            }
            Change::Text => parts.push(format!("`{}`", field.key())),
        }
    }
    let (target, span) = first.translation_at.clone().unwrap_or_else(|| first.source_at.clone());
    let target_span = target.line_range(span.start.min(target.text.len()));
    Diagnostic::warning(
        Code::OutdatedTranslation,
        format!(
            "out-of-date translation: {source_file} changed after this translation was made ({})",
            parts.join("; ")
        ),
    )
    .at(&target, target_span, format!("made from an older {source_name} text"))
    .also_at(&at.0, at.1, "changed here")
    .help(format!("bring the translation up to date, then run `faro translated {file}`"))
}

/// What `faro translated` recorded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Marked {
    /// Texts recorded as current, by language.
    pub by_lang: BTreeMap<String, usize>,
}

/// Records the translations in `paths` (or every translation, with `all`)
/// as made from today's source texts, in `lang` or in every language.
pub fn mark(root: &Path, paths: &[String], all: bool, lang: Option<&str>) -> Result<Marked, MarkError> {
    let langs = Languages::load(root).map_err(MarkError::Content)?;
    let mut record = Record::load(root).map_err(MarkError::Content)?;
    if let Some(lang) = lang
        && !langs.targets().any(|l| l == lang)
    {
        return Err(MarkError::Usage(Error::Usage(format!(
            "`{lang}` is not a translated language of this site (content/site.yaml lists {})",
            langs.targets().collect::<Vec<_>>().join(", ")
        ))));
    }
    let wanted: Vec<String> = paths.iter().map(|p| relative(root, p)).collect();
    let mut matched = vec![false; wanted.len()];
    let mut marked = Marked::default();
    for target in langs.targets().filter(|l| lang.is_none_or(|x| x == *l)) {
        let collection = units::collect(root, &langs, target);
        if !collection.problems.is_empty() {
            return Err(MarkError::Content(collection.problems));
        }
        if all {
            record.clear(target);
        }
        for unit in collection.units.iter().filter(|u| u.translation.is_some()) {
            let hit = wanted.iter().position(|p| p == unit.place.file() || p == unit.place.source_file());
            if let Some(i) = hit {
                matched[i] = true;
            }
            if all || hit.is_some() {
                record.set(target, &unit.id, unit.fingerprint.clone());
                *marked.by_lang.entry(target.to_string()).or_default() += 1;
            }
        }
    }
    if let Some(i) = matched.iter().position(|m| !m) {
        return Err(MarkError::Usage(Error::Usage(format!(
            "{} holds no translated text of this site; name a page's translation (content/learn/signs.es.md), \
             a directory or statistics file, or a theme strings file",
            wanted[i]
        ))));
    }
    super::write_files(root, &[(super::RECORD_FILE.to_string(), record.to_text())]).map_err(MarkError::Usage)?;
    Ok(marked)
}

/// Why `faro translated` recorded nothing.
#[derive(Debug, thiserror::Error)]
pub enum MarkError {
    #[error("the site's files have problems")]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Usage(Error),
}

/// A path as given on the command line, as a path from the site root: a
/// path that exists from the current folder and lies in the site is taken
/// from there (`site/content/a.es.md` with `--root site`), any other is read
/// from the site root (`content/a.es.md`).
fn relative(root: &Path, given: &str) -> String {
    let from_here = std::fs::canonicalize(given)
        .ok()
        .zip(std::fs::canonicalize(root).ok())
        .and_then(|(file, root)| file.strip_prefix(&root).ok().map(Path::to_path_buf));
    let path = from_here.unwrap_or_else(|| Path::new(given).to_path_buf());
    crate::source::display_path(&path).trim_start_matches("./").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_taken_from_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/a.es.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "x").unwrap();
        assert_eq!(relative(dir.path(), file.to_str().unwrap()), "content/a.es.md");
        assert_eq!(relative(dir.path(), "content/a.es.md"), "content/a.es.md");
        assert_eq!(relative(dir.path(), "./content/b.es.md"), "content/b.es.md");
    }
}
