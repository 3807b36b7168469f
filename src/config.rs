//! Site settings from `content/site.yaml`: the languages, the title and
//! description in each, the base URL and the neutral site the quick exit goes to.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml;

/// Where the quick exit goes when `site.yaml` does not say: a weather page,
/// which shows nothing personal (GOV.UK's "Exit this page" default).
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.com/weather";

pub use crate::layout::SITE_FILE;

/// One language the site is written in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Language {
    /// BCP 47 code used in file suffixes and URLs (`en`, `es`).
    pub code: String,
    /// The language's name in itself (`English`, `Español`).
    pub name: String,
    /// The language its missing texts are taken from (`fallback: es`), when
    /// it is partly translated. A language without one must be complete; its
    /// chain, like every chain, ends at the default language.
    pub fallback: Option<String>,
}

/// The public address of the site, split into the full URL and its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org/faro/`, always ending in `/`.
    pub url: String,
    /// `/faro/`, always starting and ending in `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL; the error says what is wrong with it.
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("`{raw}` does not start with https:// or http://"))?;
        let unsafe_char = |c: char| c.is_whitespace() || c.is_control() || "?#\\<>\"`{}|^".contains(c);
        if rest.contains(unsafe_char) {
            return Err(format!("`{raw}` must be a plain address without spaces, quotes, `?` or `#`"));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() {
            return Err(format!("`{raw}` has no host name"));
        }
        check_authority(host).map_err(|why| format!("`{raw}` {why}"))?;
        if path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(format!("`{raw}` must not contain `.` or `..` segments"));
        }
        let path = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        let scheme_len = raw.len() - rest.len();
        Ok(BaseUrl { url: format!("{}{host}{path}", &raw[..scheme_len]), path })
    }
}

/// Checks the host and optional port of a base URL: a host name of letters,
/// digits, hyphens and dots, an IPv4 address, or an IPv6 address in brackets
/// (`[::1]`), then `:port` with a port from 1 to 65535. Browsers, feeds and
/// the printed QR codes all need an address that parses.
fn check_authority(authority: &str) -> Result<(), String> {
    if authority.contains('@') {
        return Err("must not contain a user name (`@`)".to_string());
    }
    let (host, port) = split_host_port(authority)?;
    if let Some(literal) = host.strip_prefix('[') {
        let inner = literal.strip_suffix(']').ok_or("has an IPv6 address without its closing `]`")?;
        inner.parse::<std::net::Ipv6Addr>().map_err(|_| format!("has `[{inner}]`, which is not an IPv6 address"))?;
    } else {
        let name = host.strip_suffix('.').unwrap_or(host);
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if name.is_empty() || name.len() > 253 || !name.split('.').all(label_ok) {
            return Err(format!("has `{host}`, which is not a host name"));
        }
    }
    if let Some(port) = port {
        let valid =
            !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p > 0);
        if !valid {
            return Err(format!("has `{port}` as its port, which is not a number from 1 to 65535"));
        }
    }
    Ok(())
}

/// `host[:port]`, with an IPv6 literal kept whole in its brackets.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), String> {
    if authority.starts_with('[') {
        return Ok(match authority.find(']') {
            Some(end) => {
                let (host, rest) = authority.split_at(end + 1);
                match rest.strip_prefix(':') {
                    Some(port) => (host, Some(port)),
                    None if rest.is_empty() => (host, None),
                    None => return Err(format!("has `{rest}` after its IPv6 address")),
                }
            }
            None => (authority, None),
        });
    }
    Ok(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

impl BaseUrl {
    /// The host name, without port (`faro.example.org`, `[::1]`).
    pub fn host(&self) -> &str {
        let rest = self.url.split_once("://").map_or(self.url.as_str(), |(_, rest)| rest);
        let authority = rest.split('/').next().unwrap_or("");
        split_host_port(authority).map_or(authority, |(host, _)| host)
    }

    /// Whether the host is reserved for examples and tests (RFC 2606 and
    /// 6761: `example.org` and its kin, `.test`, `.example`, `.invalid`,
    /// `localhost`): such an address never reaches a published site.
    pub fn is_placeholder(&self) -> bool {
        let host = self.host().trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.rsplit('.').collect();
        match labels.as_slice() {
            ["localhost", ..] | ["test", ..] | ["example", ..] | ["invalid", ..] => true,
            [tld, "example", ..] => matches!(*tld, "com" | "net" | "org"),
            _ => false,
        }
    }
}

/// Everything `site.yaml` says, checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub file: SourceFile,
    pub languages: Vec<Language>,
    pub default_language: String,
    pub title: BTreeMap<String, String>,
    /// The language a title is written in, for a partly translated language
    /// that shows its fallback's title (its header marks it with `lang`).
    pub title_lang: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub base_url: BaseUrl,
    /// Where the quick exit leads: the default language's address.
    pub exit_url: String,
    /// Addresses for other languages, when `exit_url` is given per language
    /// (a Spanish page for Spanish visitors).
    pub exit_urls: BTreeMap<String, String>,
    /// `history: single`: links between the site's pages replace the current
    /// history entry when JavaScript runs, so that after the quick exit the
    /// tab's Back list holds no page of the site.
    pub single_history: bool,
    /// Whether pages may contain raw HTML (`raw_html: allow`).
    pub raw_html: RawHtml,
    pub theme: String,
}

/// Whether Markdown pages may carry HTML of their own.
///
/// By default they may not: every page is Markdown, the theme's templates
/// carry the markup, and raw HTML is how a script, an event handler or a
/// frame would reach a page that visitors must be able to trust (the
/// Content-Security-Policy blocks them, but an editor should hear about it).
/// A site that needs HTML in a page says `raw_html: allow`; `faro check`
/// still warns about scripts, event handlers, frames and `javascript:`
/// addresses. HTML comments are not raw HTML for this rule, but an unclosed
/// `<!--` is always an error: it hides the rest of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RawHtml {
    #[default]
    Deny,
    Allow,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: BTreeMap<String, String>,
    #[serde(default)]
    description: BTreeMap<String, String>,
    base_url: String,
    languages: Vec<RawLanguage>,
    default_language: Option<String>,
    exit_url: Option<RawExitUrl>,
    history: Option<String>,
    raw_html: Option<String>,
    theme: Option<String>,
}

/// `exit_url:` is one address, or one per language.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawExitUrl {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    fallback: Option<String>,
}

impl Config {
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    pub fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.code == code)
    }

    /// The quick exit's address on a page in `lang`.
    pub fn exit_url_for(&self, lang: &str) -> &str {
        self.exit_urls.get(lang).map_or(self.exit_url.as_str(), String::as_str)
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Where a text missing in `lang` is looked for, in order: `lang`
    /// itself, the fallbacks its settings name one after the other, then the
    /// default language. The one rule every lookup of a text follows.
    pub fn fallback_chain<'a>(&'a self, lang: &'a str) -> Vec<&'a str> {
        let mut chain: Vec<&str> = Vec::new();
        let mut next = self.language(lang).map(|l| l.code.as_str()).or(Some(lang));
        while let Some(code) = next.filter(|c| !chain.contains(c)) {
            chain.push(code);
            next = self.language(code).and_then(|l| l.fallback.as_deref());
        }
        if !chain.contains(&self.default_language.as_str()) {
            chain.push(&self.default_language);
        }
        chain
    }

    /// Whether `lang` may lack texts, taking them from its fallback chain:
    /// only a language whose settings name a `fallback`. The others must be
    /// complete, and a missing text there is an error.
    pub fn is_partial(&self, lang: &str) -> bool {
        self.language(lang).is_some_and(|l| l.fallback.is_some())
    }

    /// Where `lang`'s `fallback:` is written in `site.yaml`.
    pub fn fallback_span(&self, lang: &str) -> Option<Range<usize>> {
        let index = self.languages.iter().position(|l| l.code == lang && l.fallback.is_some())?;
        fallback_span(&self.file, index)
    }

    /// The languages that must have every text (those without a fallback).
    pub fn complete_languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().filter(|l| l.fallback.is_none()).map(|l| l.code.as_str())
    }

    /// Parses and checks `site.yaml`, returning every problem found.
    pub fn parse(file: SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let whole = 0..file.text.len();
        let raw: RawConfig = yaml::parse(&file, whole.clone(), "site settings").map_err(|d| vec![d])?;
        let keys = yaml::top_level_keys(&file, whole);
        let key_span =
            |name: &str| -> Range<usize> { keys.iter().find(|(k, _)| k == name).map_or(0..0, |(_, r)| r.clone()) };
        let mut problems = Vec::new();

        let mut languages: Vec<Language> = Vec::new();
        if raw.languages.is_empty() {
            problems.push(
                Diagnostic::error(Code::NoLanguages, "no languages configured")
                    .at(&file, key_span("languages"), "this list is empty")
                    .help("list at least one language, for example `- {code: en, name: English}`"),
            );
        }
        let mut fallbacks: Vec<(String, String)> = Vec::new();
        for lang in raw.languages {
            if let Some(fallback) = &lang.fallback {
                fallbacks.push((lang.code.clone(), fallback.clone()));
            }
            if !is_language_code(&lang.code) {
                problems.push(
                    Diagnostic::error(Code::BadLanguageCode, format!("`{}` is not a language code", lang.code))
                        .at(&file, find_value(&file, &lang.code).unwrap_or(key_span("languages")), "not a code")
                        .help("use a lowercase BCP 47 code such as `en` or `es`"),
                );
            } else if languages.iter().any(|l| l.code == lang.code) {
                problems.push(
                    Diagnostic::error(Code::DuplicateLanguage, format!("language `{}` is listed twice", lang.code))
                        .at(&file, key_span("languages"), "in this list")
                        .help("keep one entry per language"),
                );
            } else {
                languages.push(Language { code: lang.code, name: lang.name, fallback: lang.fallback });
            }
        }

        for (field, map, span) in
            [("title", &raw.title, key_span("title")), ("description", &raw.description, key_span("description"))]
        {
            for lang in &languages {
                // A partly translated language shows its fallback's title.
                if field == "title" && !map.contains_key(&lang.code) && lang.fallback.is_none() {
                    problems.push(
                        Diagnostic::error(
                            Code::MissingLanguageText,
                            format!("the site has no {field} in `{}`", lang.code),
                        )
                        .at(&file, span.clone(), format!("no `{}` here", lang.code))
                        .help(format!("add `{}: …` under `{field}`", lang.code)),
                    );
                }
            }
            for code in map.keys() {
                if !languages.iter().any(|l| &l.code == code) {
                    problems.push(
                        Diagnostic::error(
                            Code::UnknownLanguage,
                            format!("`{code}` under `{field}` is not a configured language"),
                        )
                        .at(&file, find_value(&file, code).unwrap_or(span.clone()), "unknown language")
                        .help("add the language to `languages`, or remove this line"),
                    );
                }
            }
        }

        let default_language = match raw.default_language {
            Some(code) if languages.iter().any(|l| l.code == code) => code,
            Some(code) => {
                problems.push(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        format!("default language `{code}` is not in `languages`"),
                    )
                    .at(&file, key_span("default_language"), "not configured")
                    .help("use one of the codes listed under `languages`"),
                );
                code
            }
            None => languages.first().map(|l| l.code.clone()).unwrap_or_default(),
        };

        problems.extend(check_fallbacks(&file, &languages, &default_language));

        let base_url = match BaseUrl::parse(&raw.base_url) {
            Ok(url) => url,
            Err(why) => {
                problems.push(
                    Diagnostic::error(Code::BadBaseUrl, format!("invalid base_url: {why}"))
                        .at(&file, key_span("base_url"), "here")
                        .help("write the site's public address, for example `https://example.org/`"),
                );
                BaseUrl { url: "/".into(), path: "/".into() }
            }
        };

        let mut exit_urls = match raw.exit_url {
            None => BTreeMap::new(),
            Some(RawExitUrl::One(url)) => BTreeMap::from([(default_language.clone(), url)]),
            Some(RawExitUrl::PerLanguage(urls)) => urls,
        };
        for (lang, url) in &exit_urls {
            if !url.starts_with("https://") || url.contains([' ', '"', '<', '>']) {
                problems.push(
                    Diagnostic::error(Code::BadExitUrl, format!("exit_url `{url}` must be an https:// address"))
                        .at(&file, key_span("exit_url"), "here")
                        .help("use a neutral site that shows nothing personal, for example a weather page"),
                );
            }
            if !languages.iter().any(|l: &Language| &l.code == lang) {
                problems.push(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        format!("exit_url names `{lang}`, which is not a language of the site"),
                    )
                    .at(&file, key_span("exit_url"), "here")
                    .help("give one address per language listed under `languages`"),
                );
            }
        }
        let exit_url = exit_urls.remove(&default_language).unwrap_or_else(|| {
            if !exit_urls.is_empty() {
                problems.push(
                    Diagnostic::error(
                        Code::BadExitUrl,
                        format!("exit_url gives no address for the default language `{default_language}`"),
                    )
                    .at(&file, key_span("exit_url"), "here")
                    .help("add an address for the default language; the other languages fall back to it"),
                );
            }
            DEFAULT_EXIT_URL.to_string()
        });
        let single_history = match raw.history.as_deref().map(str::trim) {
            None | Some("normal") => false,
            Some("single") => true,
            Some(other) => {
                problems.push(
                    Diagnostic::error(Code::UnknownValue, format!("unknown history setting `{other}`"))
                        .at(&file, key_span("history"), "here")
                        .help("write `history: single` to keep the whole visit to one entry of the tab's history, or remove the line"),
                );
                false
            }
        };

        let raw_html = match raw.raw_html.as_deref().map(str::trim) {
            None | Some("deny") => RawHtml::Deny,
            Some("allow") => RawHtml::Allow,
            Some(other) => {
                problems.push(
                    Diagnostic::error(Code::UnknownValue, format!("unknown raw_html setting `{other}`"))
                        .at(&file, key_span("raw_html"), "here")
                        .help("write `raw_html: allow` to let pages carry HTML of their own, or remove the line"),
                );
                RawHtml::Deny
            }
        };

        let theme = raw.theme.unwrap_or_else(|| "default".to_string());
        if !crate::url::is_slug(&theme) {
            problems.push(
                Diagnostic::error(Code::BadThemeName, format!("`{theme}` is not a theme name"))
                    .at(&file, key_span("theme"), "here")
                    .help("name a folder under themes/ using lowercase letters, digits and hyphens"),
            );
        }

        if !problems.is_empty() {
            return Err(problems);
        }
        let mut config = Config {
            file,
            languages,
            default_language,
            title: raw.title,
            title_lang: BTreeMap::new(),
            description: raw.description,
            base_url,
            exit_url,
            exit_urls,
            single_history,
            raw_html,
            theme,
        };
        // The title and description of a partly translated language, where it
        // has none, are its fallback's (as every other text it lacks).
        for code in config.languages.iter().filter(|l| l.fallback.is_some()).map(|l| l.code.clone()).collect::<Vec<_>>()
        {
            let chain: Vec<String> = config.fallback_chain(&code).into_iter().map(str::to_string).collect();
            if let Some(from) = borrow_from_chain(&mut config.title, &code, &chain) {
                config.title_lang.insert(code.clone(), from);
            }
            borrow_from_chain(&mut config.description, &code, &chain);
        }
        Ok(config)
    }
}

/// Gives `code` the value of the first language of its fallback `chain`
/// that has one, when it has none of its own; returns that language.
fn borrow_from_chain(map: &mut BTreeMap<String, String>, code: &str, chain: &[String]) -> Option<String> {
    if map.contains_key(code) {
        return None;
    }
    let (from, value) = chain.iter().find_map(|c| Some((c.clone(), map.get(c)?.clone())))?;
    map.insert(code.to_string(), value);
    Some(from)
}

/// Checks each `fallback:`: it names another language of the site, the
/// default language names none (every chain ends there), and following
/// fallbacks from any language never comes back to it.
fn check_fallbacks(file: &SourceFile, languages: &[Language], default: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    for (i, lang) in languages.iter().enumerate() {
        let Some(fallback) = &lang.fallback else { continue };
        let at = fallback_span(file, i).unwrap_or(0..0);
        if !codes.contains(&fallback.as_str()) {
            let help = match crate::suggest::nearest(fallback, codes.iter().copied()) {
                Some(code) => format!("did you mean `{code}`? A fallback is one of the codes listed under `languages`"),
                None => format!("name one of the codes listed under `languages`: {}", codes.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    Code::UnknownLanguage,
                    format!("`{}` falls back to `{fallback}`, which is not a language of the site", lang.code),
                )
                .at(file, at, "not a configured language")
                .help(help),
            );
        } else if lang.code == default {
            problems.push(
                Diagnostic::error(
                    Code::BadFallback,
                    format!("the default language `{default}` cannot fall back to another"),
                )
                .at(file, at, "remove this fallback")
                .help("every text must exist in the default language: the chains of the other languages end there"),
            );
        } else if fallback == &lang.code {
            problems.push(
                Diagnostic::error(Code::BadFallback, format!("`{}` falls back to itself", lang.code))
                    .at(file, at, "the same language")
                    .help(format!("name another language, or remove `fallback:` to fall back to `{default}`")),
            );
        } else {
            // Follow the fallbacks from here; coming back to this language is
            // a cycle, reported once, at the first language of it listed.
            let mut path = vec![lang.code.as_str()];
            let mut next = Some(fallback.as_str());
            while let Some(code) = next {
                if code == lang.code {
                    let earliest = path.iter().filter_map(|c| codes.iter().position(|x| x == c)).min();
                    if earliest == Some(i) {
                        path.push(code);
                        problems.push(
                            Diagnostic::error(
                                Code::BadFallback,
                                format!("the fallbacks go round in a circle: {}", path.join(" → ")),
                            )
                            .at(file, at, "this fallback closes the circle")
                            .help(format!(
                                "remove one of these fallbacks: a language without one falls back to `{default}`"
                            )),
                        );
                    }
                    break;
                }
                if path.contains(&code) {
                    break;
                }
                path.push(code);
                next = languages.iter().find(|l| l.code == code).and_then(|l| l.fallback.as_deref());
            }
        }
    }
    problems
}

/// The value of `fallback:` in the `index`-th item of `languages:`.
fn fallback_span(file: &SourceFile, index: usize) -> Option<Range<usize>> {
    use crate::yaml::locate;
    let text = &*file.text;
    let list = locate::key(text, 0..text.len(), "languages").map(|k| locate::key_and_value(text, k))?;
    let start = locate::nth_key(text, list.clone(), "code", index)?.start;
    let item_start = text[..start].rfind('-').filter(|&i| i >= list.start).unwrap_or(start);
    let end = locate::nth_key(text, list.clone(), "code", index + 1)
        .and_then(|next| text[..next.start].rfind('-').filter(|&i| i > start))
        .unwrap_or(list.end);
    let key = locate::key(text, item_start..end, "fallback")?;
    Some(locate::value_of(text, key))
}

/// A BCP 47 tag as far as the site needs: a 2–3 letter lowercase language,
/// then optional subtags (`es`, `es-MX`, `nah`, `zh-Hant`).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Where a value first appears in the file, to point at it.
fn find_value(file: &SourceFile, value: &str) -> Option<Range<usize>> {
    file.text.find(value).map(|i| i..i + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: {en: Faro, es: Faro}\nbase_url: https://example.org/sub\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";

    #[test]
    fn placeholder_hosts_are_the_reserved_ones() {
        for (raw, placeholder) in [
            ("https://example.org/", true),
            ("https://faro.example.org/sub/", true),
            ("http://EXAMPLE.COM:8080/", true),
            ("https://www.example.net/", true),
            ("http://localhost:1111/", true),
            ("https://site.test/", true),
            ("https://help.invalid/", true),
            ("https://help.example/", true),
            ("https://examples.org/", false),
            ("https://example.org.mx/", false),
            ("https://faro-help.github.io/faro/", false),
            ("https://ayuda.gob.mx/", false),
        ] {
            assert_eq!(BaseUrl::parse(raw).unwrap().is_placeholder(), placeholder, "{raw}");
        }
        assert_eq!(BaseUrl::parse("http://EXAMPLE.COM:8080/x").unwrap().host(), "EXAMPLE.COM");
        assert_eq!(BaseUrl::parse("http://[::1]:8080/x").unwrap().host(), "[::1]");
    }

    #[test]
    fn parses_a_good_config() {
        let config = Config::parse(SourceFile::new(SITE_FILE, GOOD)).unwrap();
        assert_eq!(config.default_language, "en");
        assert_eq!(config.base_url.path, "/sub/");
        assert_eq!(config.base_url.url, "https://example.org/sub/");
        assert_eq!(config.exit_url, DEFAULT_EXIT_URL);
        assert!(!config.single_history);
        assert_eq!(config.raw_html, RawHtml::Deny);
        let allowed = format!("{GOOD}raw_html: allow\n");
        assert_eq!(Config::parse(SourceFile::new(SITE_FILE, allowed.as_str())).unwrap().raw_html, RawHtml::Allow);
    }

    #[test]
    fn exit_url_per_language_and_single_history() {
        let text = format!(
            "{GOOD}exit_url: {{en: \"https://weather.example/\", es: \"https://clima.example/\"}}\nhistory: single\n"
        );
        let config = Config::parse(SourceFile::new(SITE_FILE, text.as_str())).unwrap();
        assert_eq!(config.exit_url_for("en"), "https://weather.example/");
        assert_eq!(config.exit_url_for("es"), "https://clima.example/");
        assert!(config.single_history);

        let one = format!("{GOOD}exit_url: https://weather.example/\n");
        let config = Config::parse(SourceFile::new(SITE_FILE, one.as_str())).unwrap();
        assert_eq!(config.exit_url_for("es"), "https://weather.example/", "one address serves every language");

        for bad in [
            "exit_url: {es: \"https://clima.example/\"}\n",
            "exit_url: {en: \"https://a.example/\", pt: \"https://b.example/\"}\n",
            "exit_url: http://weather.example/\n",
            "history: singel\n",
            "raw_html: yes\n",
        ] {
            let text = format!("{GOOD}{bad}");
            assert!(Config::parse(SourceFile::new(SITE_FILE, text.as_str())).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls() {
        let cases = [
            ("https://example.org", Ok("/")),
            ("http://localhost:1111/a/b/", Ok("/a/b/")),
            ("example.org", Err(())),
            ("https:///x", Err(())),
            ("https://e.org/../x", Err(())),
            ("http://[::1]:1111/", Ok("/")),
            ("https://[2001:db8::1]/faro", Ok("/faro/")),
            ("https://ayuda.gob.mx:8443/", Ok("/")),
            ("https://[::1", Err(())),
            ("https://[::1]x/", Err(())),
            ("https://[not-an-ip]/", Err(())),
            ("https://example.org:0/", Err(())),
            ("https://example.org:99999/", Err(())),
            ("https://example.org:/", Err(())),
            ("https://a..b/", Err(())),
            ("https://-a.org/", Err(())),
            ("https://user@example.org/", Err(())),
            ("https://exa<mple.org/", Err(())),
            ("https://example.org/a\"b/", Err(())),
            ("https://example.org/\u{0}/", Err(())),
        ];
        for (raw, expected) in cases {
            assert_eq!(BaseUrl::parse(raw).map(|b| b.path).map_err(|_| ()), expected.map(String::from), "{raw}");
        }
    }

    #[test]
    fn fallbacks_name_a_language_and_never_go_round() {
        let site = |languages: &str| {
            format!("title: {{en: T, es: T, pt: T, fr: T}}\nbase_url: https://example.org/\nlanguages:\n{languages}")
        };
        let good = site(
            "  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}\n  - code: fr\n    name: Français\n",
        );
        let config = Config::parse(SourceFile::new(SITE_FILE, good)).unwrap();
        assert!(config.is_partial("pt") && !config.is_partial("es") && !config.is_partial("fr"));
        assert_eq!(config.complete_languages().collect::<Vec<_>>(), ["en", "es", "fr"]);
        assert_eq!(config.fallback_chain("pt"), ["pt", "es", "en"]);
        assert_eq!(config.fallback_chain("fr"), ["fr", "en"]);
        assert_eq!(config.fallback_span("pt").map(|r| &config.file.text[r]), Some("es"));

        // (languages, message, line, column of the fallback named)
        let cases = [
            (
                "  - {code: en, name: English}\n  - {code: pt, name: Português, fallback: ex}\n",
                "`pt` falls back to `ex`, which is not a language of the site",
                5,
                43,
            ),
            (
                "  - {code: en, name: English, fallback: es}\n  - {code: es, name: Español}\n",
                "the default language `en` cannot fall back to another",
                4,
                41,
            ),
            (
                "  - {code: en, name: English}\n  - {code: pt, name: Português, fallback: pt}\n",
                "`pt` falls back to itself",
                5,
                43,
            ),
            (
                "  - {code: en, name: English}\n  - {code: es, name: Español, fallback: fr}\n  - code: fr\n    name: Français\n    fallback: es\n",
                "the fallbacks go round in a circle: es → fr → es",
                5,
                41,
            ),
        ];
        for (languages, message, line, column) in cases {
            let errs = Config::parse(SourceFile::new(SITE_FILE, site(languages))).unwrap_err();
            let found: Vec<_> = errs
                .iter()
                .filter(|d| !d.message.contains("under `title`"))
                .map(|d| (d.message.as_str(), d.position().map(|(_, l, c)| (l, c))))
                .collect();
            assert_eq!(found, [(message, Some((line, column)))], "{languages}");
        }
    }

    #[test]
    fn a_partial_language_without_a_title_takes_its_fallbacks() {
        let text = GOOD.replace(
            "{code: es, name: Español}",
            "{code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}",
        );
        assert!(text.contains("code: pt"), "{text}");
        let config = Config::parse(SourceFile::new(SITE_FILE, text)).unwrap();
        assert_eq!(config.title.get("pt"), config.title.get("es"));
        assert_eq!(config.title_lang.get("pt").map(String::as_str), Some("es"), "and says so");
        assert_eq!(config.title_lang.get("es"), None);
    }

    #[test]
    fn reports_missing_title_language() {
        let text = GOOD.replace(", es: Faro", "");
        let errs = Config::parse(SourceFile::new(SITE_FILE, text)).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "the site has no title in `es`");
    }
}
