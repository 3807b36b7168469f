//! The theme's interface strings ("Exit this page", "Skip to content"), one
//! YAML file per language in `i18n/<lang>.yaml`, plus optional files by area
//! (`i18n/help.<lang>.yaml`).
//!
//! A language without a `fallback` in `site.yaml` must define every string,
//! so no visitor meets a label in a language they did not choose; what it
//! lacks is an error, one per file when the whole file is missing (one
//! "file missing", not one error per key). A partly translated language
//! (with a `fallback`) may lack strings or whole files: each is taken from
//! the first language down its chain that has it and marked with that
//! language (see [`crate::lang`]); `faro check` counts them per file
//! ([`Strings::missing`]).

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::source::SourceFile;
use crate::yaml;

use super::Files;

/// Strings by language, then by key, each language complete once loaded.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Every key in every language: a partial language's missing keys hold
    /// the text of the first language down its chain that has one.
    resolved: BTreeMap<String, BTreeMap<String, String>>,
    /// The language a resolved string is in, for the strings taken from a
    /// fallback only.
    borrowed: BTreeMap<String, BTreeMap<String, String>>,
    /// Per language, the strings as templates get them (`t`): those taken
    /// from a fallback already marked with their language.
    for_templates: BTreeMap<String, tera::Value>,
    /// What partly translated languages lack, by the file it belongs in.
    pub missing: Vec<MissingStrings>,
}

/// The strings a partly translated language lacks from one theme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingStrings {
    pub lang: String,
    /// The file they belong in, as the editor would create it
    /// (`themes/default/i18n/help.pt.yaml`).
    pub file: String,
    /// Whether that file exists at all.
    pub file_exists: bool,
    /// How the editor adds it: a file in the site's theme folder, or first
    /// a copy of the theme when the site uses the built-in one.
    pub how_to_add: String,
    pub keys: Vec<String>,
}

impl Strings {
    /// All strings of one language, unmarked, for places that cannot carry
    /// markup (attributes, data files).
    pub fn of(&self, lang: &str) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.resolved.get(lang).unwrap_or(&EMPTY)
    }

    /// The languages that have strings.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.resolved.keys().map(String::as_str)
    }

    /// All strings of one language for templates (`t`), fallback strings
    /// marked with their language.
    pub fn for_templates(&self, lang: &str) -> tera::Value {
        self.for_templates.get(lang).cloned().unwrap_or_else(|| tera::Value::from_serializable(&self.of(lang)))
    }

    /// One string, unmarked; the key itself when missing (never happens
    /// after `load` for keys the theme's files define).
    pub fn get(&self, lang: &str, key: &str) -> String {
        self.of(lang).get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// One string with the language it is in, for a page in `lang`.
    pub fn text(&self, lang: &str, key: &str) -> Text {
        let found = self.borrowed.get(lang).and_then(|b| b.get(key)).map_or(lang, String::as_str);
        Text::new(self.get(lang, key), found, lang)
    }

    /// One string that a theme may leave out (a note for one country only).
    pub fn lookup(&self, lang: &str, key: &str) -> Option<&str> {
        self.of(lang).get(key).map(String::as_str)
    }

    /// [`Strings::lookup`] with the language it is in.
    pub fn lookup_text(&self, lang: &str, key: &str) -> Option<Text> {
        self.lookup(lang, key).map(|_| self.text(lang, key))
    }
}

/// Loads the strings of every language; `builtin` when the theme is the one
/// built into the binary (a site without a `themes/` folder), which the
/// editor cannot add a file to.
pub(super) fn load(files: &Files, config: &Config, builtin: bool) -> Result<Strings, Vec<Diagnostic>> {
    let how_to_add = |path: &str, model: &str| {
        if builtin {
            format!(
                "the site uses the built-in theme: copy Faro's themes/default folder into the site (it then \
                 replaces the built-in one) and add {path} there, translated from {model}"
            )
        } else {
            format!("copy {model} to {path} and translate it")
        }
    };
    let mut by_lang: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    // The theme file (its path in the theme) each key of each language is
    // defined in, to point at it.
    let mut defined_in: BTreeMap<(String, String), &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for lang in config.language_codes() {
        let main = format!("i18n/{lang}.yaml");
        if !files.contains_key(&main) && !config.is_partial(lang) {
            problems.push(
                Diagnostic::error(Code::MissingThemeFile, format!("the theme has no interface strings for `{lang}`"))
                    .at(&config.file, language_span(config, lang), "this language")
                    .help(format!(
                        "{}, or give `{lang}` a `fallback:` to show the missing strings in another language meanwhile",
                        how_to_add(
                            &theme_path(files, &main),
                            &theme_path(files, &format!("i18n/{}.yaml", config.default_language))
                        )
                    )),
            );
            continue;
        }
        let suffix = format!(".{lang}.yaml");
        let lang_files = files.iter().filter(|(path, _)| {
            *path == &main || (path.starts_with("i18n/") && path.ends_with(&suffix) && !path[5..].contains('/'))
        });
        let strings = by_lang.entry(lang.to_string()).or_default();
        for (path, file) in lang_files {
            match yaml::parse::<BTreeMap<String, String>>(file, 0..file.text.len(), "interface strings") {
                Ok(map) => {
                    for (key, value) in map {
                        if let Some(first) = defined_in.get(&(lang.to_string(), key.clone())) {
                            let first = &files[*first];
                            problems.push(
                                Diagnostic::error(
                                    Code::DuplicateInterfaceString,
                                    format!("the interface string `{key}` is defined twice"),
                                )
                                .at(file, key_span(file, &key), "defined again here")
                                .also_at(first, key_span(first, &key), "first defined here")
                                .help("keep one of the two"),
                            );
                            continue;
                        }
                        defined_in.insert((lang.to_string(), key.clone()), path.as_str());
                        strings.insert(key, value);
                    }
                }
                Err(d) => problems.push(d),
            }
        }
    }

    // What each language lacks, by the file it belongs in: the file that
    // defines the key in another language, with this language's suffix.
    let mut missing = Vec::new();
    for (lang, strings) in &by_lang {
        let mut lacking: BTreeMap<String, Vec<(&str, &str, &str)>> = BTreeMap::new();
        for ((other, key), path) in &defined_in {
            if other != lang && !strings.contains_key(key) {
                let expected = same_file_in(path, other, lang);
                let keys = lacking.entry(expected).or_default();
                if !keys.iter().any(|(k, _, _)| k == key) {
                    keys.push((key.as_str(), path, other.as_str()));
                }
            }
        }
        for (expected, keys) in lacking {
            let file_exists = files.contains_key(&expected);
            if config.is_partial(lang) {
                let (_, model, _) = keys[0];
                missing.push(MissingStrings {
                    lang: lang.clone(),
                    file: theme_path(files, &expected),
                    file_exists,
                    how_to_add: how_to_add(&theme_path(files, &expected), &files[model].display_path()),
                    keys: keys.iter().map(|(k, _, _)| k.to_string()).collect(),
                });
            } else if !file_exists {
                let (_, model, _) = keys[0];
                let model_file = &files[model];
                problems.push(
                    Diagnostic::error(
                        Code::MissingThemeFile,
                        format!("the theme has no {}", theme_path(files, &expected)),
                    )
                    .at(&config.file, language_span(config, lang), format!("`{lang}` needs it"))
                    .also_at(model_file, 0..0, format!("its {} strings in another language", keys.len()))
                    .help(format!(
                        "{} ({} strings), or give `{lang}` a `fallback:`",
                        how_to_add(&theme_path(files, &expected), &model_file.display_path()),
                        keys.len()
                    )),
                );
            } else {
                for (key, path, other) in keys {
                    let other_file = &files[path];
                    problems.push(
                        Diagnostic::error(
                            Code::MissingInterfaceString,
                            format!("the interface string `{key}` is missing in `{lang}`"),
                        )
                        .at(other_file, key_span(other_file, key), format!("defined in `{other}` here"))
                        .help(format!("add `{key}: …` to {}", theme_path(files, &expected))),
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // Every language complete, each missing key from down its chain.
    let all_keys: Vec<&String> = {
        let mut keys: Vec<&String> = by_lang.values().flat_map(|m| m.keys()).collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let mut resolved = BTreeMap::new();
    let mut borrowed: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut for_templates = BTreeMap::new();
    for lang in config.language_codes() {
        let chain = config.fallback_chain(lang);
        let mut strings = BTreeMap::new();
        let mut marked: BTreeMap<String, tera::Value> = BTreeMap::new();
        for key in &all_keys {
            let Some((found, value)) = chain.iter().find_map(|l| by_lang.get(*l)?.get(*key).map(|v| (*l, v))) else {
                continue;
            };
            let text = Text::new(value.as_str(), found, lang);
            let shown = if text.is_fallback() {
                borrowed.entry(lang.to_string()).or_default().insert(key.to_string(), found.to_string());
                tera::Value::safe_string(&text.to_html())
            } else {
                tera::Value::from(value.as_str())
            };
            marked.insert(key.to_string(), shown);
            strings.insert(key.to_string(), value.clone());
        }
        resolved.insert(lang.to_string(), strings);
        for_templates.insert(lang.to_string(), tera::Value::from(marked));
    }
    Ok(Strings { resolved, borrowed, for_templates, missing })
}

/// `i18n/help.es.yaml` for `pt`: `i18n/help.pt.yaml`.
fn same_file_in(path: &str, lang: &str, other: &str) -> String {
    if path == format!("i18n/{lang}.yaml") {
        return format!("i18n/{other}.yaml");
    }
    match path.strip_suffix(&format!(".{lang}.yaml")) {
        Some(stem) => format!("{stem}.{other}.yaml"),
        None => path.to_string(),
    }
}

/// A path in the theme as the editor sees it (`themes/default/i18n/pt.yaml`).
fn theme_path(files: &Files, in_theme: &str) -> String {
    let origin = files
        .iter()
        .find_map(|(path, file)| file.display_path().strip_suffix(path.as_str()).map(str::to_string))
        .unwrap_or_default();
    format!("{origin}{in_theme}")
}

/// Where `lang` is listed in `site.yaml`.
fn language_span(config: &Config, lang: &str) -> std::ops::Range<usize> {
    let text = &*config.file.text;
    let list = crate::yaml::locate::key(text, 0..text.len(), "languages");
    let within = list.clone().map_or(0..text.len(), |k| crate::yaml::locate::key_and_value(text, k));
    crate::yaml::locate::token(text, within.clone(), within.start, lang).unwrap_or(list.unwrap_or(0..0))
}

fn key_span(file: &SourceFile, key: &str) -> std::ops::Range<usize> {
    yaml::top_level_keys(file, 0..file.text.len()).into_iter().find(|(k, _)| k == key).map_or(0..0, |(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(languages: &str) -> Config {
        let text = format!("title: {{en: T, es: T, pt: T}}\nbase_url: https://example.org/\nlanguages:\n{languages}");
        Config::parse(SourceFile::new(crate::config::SITE_FILE, text)).unwrap()
    }

    fn theme(files: &[(&str, &str)]) -> Files {
        files
            .iter()
            .map(|(path, text)| (path.to_string(), SourceFile::new(format!("themes/t/{path}"), *text)))
            .collect()
    }

    const THREE: &str =
        "  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}\n";

    #[test]
    fn a_missing_file_is_one_error_not_one_per_key() {
        let config =
            site("  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português}\n");
        let files = theme(&[
            ("i18n/en.yaml", "a: A\n"),
            ("i18n/es.yaml", "a: Á\n"),
            ("i18n/pt.yaml", "a: Ã\n"),
            ("i18n/help.en.yaml", "b: B\nc: C\nd: D\n"),
            ("i18n/help.es.yaml", "b: B\nc: C\nd: D\n"),
        ]);
        let problems = load(&files, &config, false).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["the theme has no themes/t/i18n/help.pt.yaml"]);
        assert_eq!(problems[0].position().map(|(f, l, _)| (f, l)), Some(("content/site.yaml".into(), 6)));

        let files = theme(&[("i18n/en.yaml", "a: A\n"), ("i18n/es.yaml", "a: Á\n")]);
        let problems = load(&files, &config, false).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "the theme has no interface strings for `pt`");
    }

    #[test]
    fn a_partial_language_takes_what_it_lacks_from_its_chain() {
        let config = site(THREE);
        let files = theme(&[
            ("i18n/en.yaml", "a: A\nb: B\n"),
            ("i18n/es.yaml", "a: Á\nb: Bé\n"),
            ("i18n/pt.yaml", "a: Ã\n"),
            ("i18n/help.en.yaml", "c: C\n"),
            ("i18n/help.es.yaml", "c: Cé\n"),
        ]);
        let strings = load(&files, &config, false).unwrap();
        assert_eq!(strings.get("pt", "a"), "Ã");
        assert_eq!(strings.get("pt", "b"), "Bé");
        assert_eq!(strings.text("pt", "b").to_html(), "<span lang=\"es\">Bé</span>");
        assert_eq!(strings.text("pt", "a").to_html(), "Ã");
        assert_eq!(strings.text("es", "b").to_html(), "Bé");
        let missing: Vec<(&str, bool, usize)> =
            strings.missing.iter().map(|m| (m.file.as_str(), m.file_exists, m.keys.len())).collect();
        assert_eq!(missing, [("themes/t/i18n/help.pt.yaml", false, 1), ("themes/t/i18n/pt.yaml", true, 1)]);

        // A string the partial language defines must exist in the complete ones.
        let files = theme(&[("i18n/en.yaml", "a: A\n"), ("i18n/es.yaml", "a: Á\n"), ("i18n/pt.yaml", "a: Ã\nz: Z\n")]);
        let problems = load(&files, &config, false).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the interface string `z` is missing in `en`", "the interface string `z` is missing in `es`"]
        );
    }
}
