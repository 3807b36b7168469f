//! What partly translated languages show from their fallbacks.
//!
//! A language with a `fallback` in `site.yaml` may lack texts: its pages show
//! them from down its chain, marked with their language (see
//! [`crate::lang`]). That is not an error, but nor is it done: `faro check`
//! says so as warnings, one per file and language with how many texts it
//! lacks, so that `--strict` fails until the translation is complete, and a
//! translator sees where the work is.
//!
//! `faro build` says less: one line per partly translated language, at its
//! `fallback:` in `site.yaml`. An editor adding a language builds it many
//! times while its texts are still missing; a warning per file on every
//! build (and every save in the preview) would bury the warnings that need
//! acting on now, while one line still says the site is not fully
//! translated and where to look.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::{Localized, pick};
use crate::site::Site;
use crate::source::SourceFile;
use crate::stats::STATS_DIR;
use crate::yaml::locate;

/// The texts one language lacks in one file.
#[derive(Debug, Default)]
struct Lacking {
    count: usize,
    /// The languages visitors read them in instead.
    shown_in: BTreeSet<String>,
    /// The first one, to point at, when the file is known by its text.
    first: Option<(SourceFile, std::ops::Range<usize>)>,
    /// What kind of texts they are, for the message.
    what: &'static str,
    /// Whether the file exists (a theme file may be missing altogether).
    exists: bool,
    /// How to add the missing file.
    how_to_add: String,
}

/// Each partly translated language's missing texts, by file.
fn lacking(site: &Site) -> BTreeMap<(String, String), Lacking> {
    let config = &site.config;
    let mut found: BTreeMap<(String, String), Lacking> = BTreeMap::new();
    for lang in config.language_codes().filter(|l| config.is_partial(l)) {
        for strings in site.theme.strings.missing.iter().filter(|m| m.lang == lang) {
            let chain = config.fallback_chain(lang);
            let entry = found.entry((strings.file.clone(), lang.to_string())).or_default();
            entry.count += strings.keys.len();
            entry.what = "interface strings";
            entry.exists = strings.file_exists;
            entry.how_to_add = strings.how_to_add.clone();
            entry.shown_in.extend(chain.iter().skip(1).take(1).map(|l| l.to_string()));
        }
        let mut count = |file: String, what: &'static str, texts: &Localized, at: Option<(&SourceFile, usize)>| {
            if texts.get(lang).is_some_and(|t| !t.trim().is_empty()) {
                return;
            }
            let entry =
                found.entry((file, lang.to_string())).or_insert_with(|| Lacking { exists: true, ..Lacking::default() });
            entry.count += 1;
            entry.what = what;
            if let Some((shown, _)) = pick(config, texts, lang) {
                entry.shown_in.insert(shown.to_string());
            }
            if entry.first.is_none()
                && let Some((file, start)) = at
            {
                entry.first = Some((file.clone(), start..start));
            }
        };
        for region in &site.directory.regions {
            count(crate::directory::REGIONS_FILE.to_string(), "region names", &region.name, None);
        }
        for entry in &site.directory.entries {
            let file = &entry.file;
            let name_at = |key: &str| Some((file, locate::key_or(&file.text, entry.span.clone(), key).start));
            count(file.display_path(), "directory texts", &entry.name, name_at("name"));
            count(file.display_path(), "directory texts", &entry.description, name_at("description"));
            for contact in entry.contacts.iter().filter(|c| !c.note.is_empty()) {
                count(file.display_path(), "directory texts", &contact.note, name_at("contacts"));
            }
        }
        for set in site.stats.sets.values() {
            let file = format!("{STATS_DIR}/{}.yaml", set.name);
            let texts = [&set.title, &set.unit, &set.source.name, &set.source.period];
            let labels = set.series.iter().map(|p| &p.label);
            let note = (!set.note.is_empty()).then_some(&set.note);
            for texts in texts.into_iter().chain(note).chain(labels) {
                count(file.clone(), "statistics texts", texts, None);
            }
        }
    }
    found
}

/// For `faro check`: one warning per file and partly translated language,
/// with how many texts it lacks there.
pub fn fallbacks(site: &Site) -> Vec<Diagnostic> {
    lacking(site)
        .into_iter()
        .map(|((file, lang), lacking)| {
            let shown_in = lacking.shown_in.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(" or ");
            let message = if lacking.exists {
                format!(
                    "`{lang}` lacks {} {} of this file; its pages show them in {shown_in}",
                    lacking.count, lacking.what
                )
            } else {
                format!("`{lang}` has no {file}: its pages show its {} {} in {shown_in}", lacking.count, lacking.what)
            };
            let help = if lacking.exists {
                format!("translate them: add `{lang}: …` beside the other languages' texts")
            } else {
                lacking.how_to_add.clone()
            };
            let d = Diagnostic::warning(Code::PartlyTranslated, message).help(format!(
                "{help}; until then visitors read them in the fallback language, marked as such for screen readers"
            ));
            match lacking.first {
                Some((source, span)) => d.at(&source, span, format!("the first text without `{lang}`")),
                None => d.in_file(file),
            }
        })
        .collect()
}

/// For `faro build`: one line per partly translated language, at its
/// `fallback:` in `site.yaml` (see the module's doc for why).
pub fn summary(site: &Site) -> Vec<Diagnostic> {
    let mut per_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for ((_, lang), lacking) in lacking(site) {
        let (texts, files) = per_lang.entry(lang).or_default();
        *texts += lacking.count;
        *files += 1;
    }
    per_lang
        .into_iter()
        .map(|(lang, (texts, files))| {
            let chain = site.config.fallback_chain(&lang)[1..].join(" → ");
            let d = Diagnostic::warning(Code::PartlyTranslated, format!(
                "`{lang}` is partly translated: {texts} texts in {files} files are shown from its fallback ({chain})"
            ))
            .help("`faro check` lists them file by file; translate them, or leave them while the translation goes on");
            match site.config.fallback_span(&lang) {
                Some(span) => d.at(&site.config.file, span, "falls back here"),
                None => d.in_file(crate::config::SITE_FILE),
            }
        })
        .collect()
}
