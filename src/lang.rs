//! Texts that know which language they are in.
//!
//! A language may be partly translated (`fallback:` in `site.yaml`): a text
//! it lacks (a directory entry's name, a region name, a theme string) is taken
//! from the first language of its chain ([`Config::fallback_chain`]) that has
//! it. A screen reader must then read that text with the other language's
//! voice (WCAG 2.2, 3.1.2 Language of Parts), so the element showing it needs
//! that language's `lang` attribute.
//!
//! Rather than trusting every template to remember, texts reach templates as
//! a [`Text`]: the words, the language they are in, and the language of the
//! page. Printed in a template it is already marked up: the escaped words
//! alone when they are in the page's language (so complete languages render
//! exactly as plain strings do), or wrapped in `<span lang="…">` when they
//! came from a fallback. Rust code that needs the bare words (a `<title>`, an
//! attribute, JSON-LD) asks for [`Text::as_str`].

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::config::Config;

/// Words in a language, to be shown on a page in a (maybe other) language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The words, unescaped.
    text: String,
    /// The same words as HTML: escaped, with any part in another language
    /// than `lang` already marked (see [`Text::fill`]).
    html: String,
    /// The language the words are in.
    lang: String,
    /// The language of the page that shows them.
    page_lang: String,
}

impl Text {
    /// `text`, written in `lang`, on a page in `page_lang`.
    pub fn new(text: impl Into<String>, lang: &str, page_lang: &str) -> Text {
        let text = text.into();
        Text { html: escape(&text), text, lang: lang.to_string(), page_lang: page_lang.to_string() }
    }

    /// Markup a theme wrote (a note with links), in `lang`, trusted as the
    /// theme's templates are.
    pub fn trusted_html(html: impl Into<String>, lang: &str, page_lang: &str) -> Text {
        let html = html.into();
        Text { text: html.clone(), html, lang: lang.to_string(), page_lang: page_lang.to_string() }
    }

    /// Words in the page's own language (numbers, codes, composed figures).
    pub fn native(text: impl Into<String>, page_lang: &str) -> Text {
        Text::new(text, page_lang, page_lang)
    }

    /// The bare words, for places that cannot carry markup.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The language the words are in.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether the words are not in the page's language.
    pub fn is_fallback(&self) -> bool {
        self.lang != self.page_lang
    }

    /// The words as HTML for the page: marked with their language when it is
    /// not the page's.
    pub fn to_html(&self) -> String {
        marked(&self.html, &self.lang, &self.page_lang)
    }

    /// Replaces `placeholder` (`{region}`) with `part`, which may be in
    /// another language than this text: the HTML marks it as such.
    pub fn fill(mut self, placeholder: &str, part: &Text) -> Text {
        self.text = self.text.replace(placeholder, &part.text);
        self.html = self.html.replace(&escape(placeholder), &marked(&part.html, &part.lang, &self.lang));
        self
    }

    /// Joins texts with a separator, each part and the separator marked
    /// where they are in another language than the page's.
    pub fn join(parts: &[Text], separator: &Text) -> Text {
        let page_lang = &separator.page_lang;
        let text = parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(&separator.text);
        let html =
            parts.iter().map(|p| marked(&p.html, &p.lang, page_lang)).collect::<Vec<_>>().join(&separator.to_html());
        Text { text, html, lang: page_lang.clone(), page_lang: page_lang.clone() }
    }
}

/// In a template a text prints as its HTML, marked where needed; nothing else
/// reads it, so a theme cannot show fallback words without their language.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tera::Value::safe_string(&self.to_html()).serialize(serializer)
    }
}

/// Escaped as Tera escapes what it prints, so a text renders byte for byte
/// as the plain string did.
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn marked(html: &str, lang: &str, around: &str) -> String {
    if lang == around { html.to_string() } else { format!("<span lang=\"{}\">{html}</span>", escape(lang)) }
}

/// Texts written once per language (`{en: …, es: …}`).
pub type Localized = BTreeMap<String, String>;

/// The text of `texts` for a page in `lang`: in `lang` when it has one, else
/// in the first language down its chain that has one. Blank texts count as
/// missing. `None` when no language of the chain has it.
pub fn pick<'a>(config: &Config, texts: &'a Localized, lang: &str) -> Option<(&'a str, &'a str)> {
    config.fallback_chain(lang).into_iter().find_map(|code| {
        texts.get_key_value(code).filter(|(_, t)| !t.trim().is_empty()).map(|(c, t)| (c.as_str(), t.as_str()))
    })
}

/// [`pick`] as a [`Text`] for a page in `lang`; empty when nothing was found.
pub fn text(config: &Config, texts: &Localized, lang: &str) -> Text {
    match pick(config, texts, lang) {
        Some((found, words)) => Text::new(words, found, lang),
        None => Text::native("", lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn config(languages: &str) -> Config {
        let text =
            format!("title: {{en: T, es: T, pt: T, fr: T}}\nbase_url: https://example.org/\nlanguages:\n{languages}");
        Config::parse(SourceFile::new(crate::config::SITE_FILE, text)).unwrap()
    }

    #[test]
    fn a_missing_text_comes_from_the_first_language_down_the_chain() {
        let config = config(
            "  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}\n  - {code: fr, name: Français, fallback: pt}\n",
        );
        assert_eq!(config.fallback_chain("fr"), ["fr", "pt", "es", "en"]);
        assert_eq!(config.fallback_chain("es"), ["es", "en"]);
        assert_eq!(config.fallback_chain("en"), ["en"]);
        let texts: Localized =
            [("en", "Hotline"), ("es", "Línea"), ("pt", "  ")].map(|(l, t)| (l.to_string(), t.to_string())).into();
        let cases = [("en", "en", "Hotline"), ("es", "es", "Línea"), ("pt", "es", "Línea"), ("fr", "es", "Línea")];
        for (page, found, words) in cases {
            assert_eq!(pick(&config, &texts, page), Some((found, words)), "{page}");
        }
        let only_en: Localized = [("en".to_string(), "Hotline".to_string())].into();
        assert_eq!(pick(&config, &only_en, "fr"), Some(("en", "Hotline")));
        assert_eq!(pick(&config, &Localized::new(), "fr"), None);
    }

    #[test]
    fn fallback_words_are_marked_with_their_language() {
        let own = Text::new("Texas & co", "pt", "pt");
        assert_eq!(own.to_html(), "Texas &amp; co");
        assert!(!own.is_fallback());
        let borrowed = Text::new("Línea <1>", "es", "pt");
        assert_eq!(borrowed.to_html(), "<span lang=\"es\">Línea &lt;1&gt;</span>");
        assert_eq!(borrowed.as_str(), "Línea <1>");

        // A sentence in Spanish naming a region in Portuguese: the sentence
        // is marked Spanish, the name inside it Portuguese again.
        let sentence = Text::new("Líneas en {region}", "es", "pt").fill("{region}", &Text::new("Baía", "pt", "pt"));
        assert_eq!(sentence.as_str(), "Líneas en Baía");
        assert_eq!(sentence.to_html(), "<span lang=\"es\">Líneas en <span lang=\"pt\">Baía</span></span>");
        let joined = Text::join(&[Text::new("A", "pt", "pt"), Text::new("B", "es", "pt")], &Text::native(", ", "pt"));
        assert_eq!(joined.to_html(), "A, <span lang=\"es\">B</span>");
    }

    #[test]
    fn templates_print_the_marked_html_and_escape_nothing_twice() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("t.html", "<h3>{{ name }}</h3>").unwrap();
        let render = |text: &Text| {
            let mut ctx = tera::Context::new();
            ctx.insert("name", text);
            tera.render("t.html", &ctx).unwrap()
        };
        assert_eq!(render(&Text::new("A & B", "en", "en")), "<h3>A &amp; B</h3>");
        assert_eq!(render(&Text::new("A & B", "en", "pt")), "<h3><span lang=\"en\">A &amp; B</span></h3>");
        let mut ctx = tera::Context::new();
        ctx.insert("name", "A & B");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), render(&Text::new("A & B", "en", "en")), "same bytes");
    }
}
