//! The theme: Tera templates, UI strings per language, styles and scripts.
//!
//! A site uses `themes/<name>/` under its root when that folder exists. The
//! default theme is also built into the binary, so a site with no `themes/`
//! folder (a new site, a test fixture) still builds with it.

mod embedded;
pub mod i18n;
pub mod styles;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::read::read_source;
use crate::source::{SourceFile, display_path};

pub use i18n::Strings;

/// Templates every theme must have; pages pick one by kind or by `template:`.
pub const REQUIRED_TEMPLATES: &[&str] =
    &["base.html", "home.html", "section.html", "page.html", "story.html", "404.html", "landing.html", "alias.html"];

/// A loaded, checked theme.
pub struct Theme {
    pub tera: tera::Tera,
    pub strings: Strings,
    /// Minified CSS for every page, inlined into each so a page is one request.
    pub css: String,
    /// Minified page bundles by name, inlined by the templates that need them.
    pub page_css: std::collections::BTreeMap<String, String>,
    /// Scripts for every page, inlined for the same reason.
    pub script: String,
    /// Where the theme came from, for messages.
    pub origin: String,
    /// The theme's files, to point template errors at their lines.
    pub files: Files,
    /// The Content-Security-Policy of its pages, made once on first use
    /// (see `render::policy`): it hashes every style sheet and script.
    pub policy: std::sync::OnceLock<String>,
    /// What every page's template context holds of the theme, made on first use.
    shared: std::sync::OnceLock<SharedValues>,
}

/// The theme's parts that every page's template context holds, made into
/// template values once and shared by every page rather than copied into
/// each: the style sheets and the script are tens of kilobytes, the strings
/// a few hundred per language.
struct SharedValues {
    css: tera::Value,
    page_css: tera::Value,
    script: tera::Value,
    /// `t` and `t_plain` by language (see [`Theme::strings_values`]).
    strings: BTreeMap<String, (tera::Value, tera::Value)>,
}

impl Theme {
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    fn shared(&self) -> &SharedValues {
        self.shared.get_or_init(|| SharedValues {
            css: tera::Value::from_serializable(&self.css),
            page_css: tera::Value::from_serializable(&self.page_css),
            script: tera::Value::from_serializable(&self.script),
            strings: self.strings.languages().map(|lang| (lang.to_string(), self.make_strings_values(lang))).collect(),
        })
    }

    /// [`Theme::css`], [`Theme::page_css`] and [`Theme::script`] as template values.
    pub fn style_values(&self) -> [tera::Value; 3] {
        let shared = self.shared();
        [shared.css.clone(), shared.page_css.clone(), shared.script.clone()]
    }

    /// A language's strings as template values: `t` for element content,
    /// fallback strings marked with their language, and `t_plain`.
    pub fn strings_values(&self, lang: &str) -> (tera::Value, tera::Value) {
        match self.shared().strings.get(lang) {
            Some((t, plain)) => (t.clone(), plain.clone()),
            None => self.make_strings_values(lang),
        }
    }

    fn make_strings_values(&self, lang: &str) -> (tera::Value, tera::Value) {
        let t = tera::Value::from_serializable(&self.strings.for_templates(lang));
        (t, tera::Value::from_serializable(self.strings.of(lang)))
    }
}

/// Theme files by path relative to the theme folder (`templates/base.html`).
pub type Files = BTreeMap<String, SourceFile>;

/// Loads and checks the theme named in the settings.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let dir = Path::new("themes").join(&config.theme);
    let (files, origin) = if root.join(&dir).is_dir() {
        (read_dir(root, &dir)?, display_path(&dir))
    } else if config.theme == "default" {
        (embedded::files(), "built-in default theme".to_string())
    } else {
        return Err(vec![
            Diagnostic::error(Code::MissingTheme, format!("the theme `{}` does not exist", config.theme))
                .at(&config.file, theme_span(config), "this theme")
                .help(format!("create {} or use `theme: default`", display_path(&dir))),
        ]);
    };

    let mut problems = Vec::new();
    let tera = match templates(&files) {
        Ok(tera) => Some(tera),
        Err(mut errs) => {
            problems.append(&mut errs);
            None
        }
    };
    let strings = match i18n::load(&files, config, !root.join(&dir).is_dir()) {
        Ok(s) => Some(s),
        Err(mut errs) => {
            problems.append(&mut errs);
            None
        }
    };
    let css = match styles::compile(&files) {
        Ok(css) => Some(css),
        Err(mut errs) => {
            problems.append(&mut errs);
            None
        }
    };
    let script = files
        .iter()
        .filter(|(path, _)| path.starts_with("scripts/") && path.ends_with(".js"))
        .map(|(_, f)| without_leading_comment(&f.text).to_string())
        .collect::<Vec<_>>()
        .join("\n");
    match (tera, strings, css) {
        (Some(tera), Some(strings), Some(css)) if problems.is_empty() => Ok(Theme {
            tera,
            strings,
            css: css.main,
            page_css: css.pages,
            script,
            origin,
            files,
            policy: std::sync::OnceLock::new(),
            shared: std::sync::OnceLock::new(),
        }),
        _ => Err(problems),
    }
}

fn theme_span(config: &Config) -> std::ops::Range<usize> {
    config.file.text.find("theme:").map_or(0..0, |i| i..i + 5)
}

fn read_dir(root: &Path, dir: &Path) -> Result<Files, Vec<Diagnostic>> {
    let mut files = Files::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(root.join(dir)).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                problems.push(
                    Diagnostic::error(Code::UnreadableFile, format!("cannot read the theme: {err}"))
                        .in_file(display_path(dir)),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel: PathBuf = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let in_theme = display_path(rel.strip_prefix(dir).unwrap_or(&rel));
        match read_source(root, &rel) {
            Ok(file) => {
                files.insert(in_theme, file);
            }
            Err(mut errs) => problems.append(&mut errs),
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(problems) }
}

fn templates(files: &Files) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let sources: Vec<(&str, &SourceFile)> =
        files.iter().filter_map(|(path, file)| path.strip_prefix("templates/").map(|name| (name, file))).collect();
    let mut problems = Vec::new();
    for name in REQUIRED_TEMPLATES {
        if !sources.iter().any(|(n, _)| n == name) {
            problems.push(
                Diagnostic::error(Code::MissingThemeFile, format!("the theme has no template `{name}`"))
                    .help(format!("add templates/{name} to the theme")),
            );
        }
    }
    if let Err(err) = tera.add_raw_templates(sources.iter().map(|(name, file)| (*name, &*file.text))) {
        problems.push(template_error(&err, files));
    }
    if problems.is_empty() { Ok(tera) } else { Err(problems) }
}

/// Turns a Tera error into a diagnostic pointing into the template file.
pub fn template_error(err: &tera::Error, files: &Files) -> Diagnostic {
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report.and_then(|r| files.get(&format!("templates/{}", r.filename())).map(|f| (r, f))) {
        Some((report, file)) => Diagnostic::error(Code::TemplateError, format!("template error: {}", report.message()))
            .at(file, report.span().range.clone(), "here")
            .help("fix the template; see the Tera 2 documentation for its syntax"),
        None => {
            Diagnostic::error(Code::TemplateError, format!("template error: {err}")).help("fix the theme's templates")
        }
    }
}

/// A script's text without its opening `/* … */` comment, which explains the
/// file to developers but would cost every visitor bytes on every page.
fn without_leading_comment(script: &str) -> &str {
    let trimmed = script.trim();
    match trimmed.strip_prefix("/*").and_then(|rest| rest.find("*/").map(|end| &rest[end + 2..])) {
        Some(rest) => rest.trim(),
        None => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_only_the_opening_comment_of_scripts() {
        assert_eq!(
            without_leading_comment("/* about */\n(function(){ /* keep */ })();\n"),
            "(function(){ /* keep */ })();"
        );
        assert_eq!(without_leading_comment("var a = 1;"), "var a = 1;");
    }
}
