//! The theme's CSS, bundled from `styles/main.css` and its `@import`s and
//! minified by lightningcss for the browsers our visitors carry (old phones
//! included). The result is inlined into every page.
//!
//! Styles only some pages need are page bundles: each `styles/pages/<name>.css`
//! (with its own imports) is compiled the same way, and templates inline it
//! where they need it as `page_css.<name>`, so other pages do not carry it.

use std::path::{Path, PathBuf};

use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::line_start_offset;

use super::Files;

/// The style sheet every page carries, with what it imports.
pub const ENTRY: &str = "styles/main.css";

/// The folder of page bundles.
const PAGES_DIR: &str = "styles/pages/";

/// The theme's compiled CSS.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    /// For every page.
    pub main: String,
    /// Page bundles by name (`help` for `styles/pages/help.css`).
    pub pages: std::collections::BTreeMap<String, String>,
}

/// Bundles and minifies the theme's CSS: the main sheet and each page bundle.
pub(super) fn compile(files: &Files) -> Result<Styles, Vec<Diagnostic>> {
    if !files.contains_key(ENTRY) {
        return Err(vec![
            Diagnostic::error(Code::MissingThemeFile, format!("the theme has no {ENTRY}"))
                .help(format!("add {ENTRY} to the theme")),
        ]);
    }
    let mut problems = Vec::new();
    let mut styles = Styles::default();
    match bundle(files, ENTRY) {
        Ok(css) => styles.main = css,
        Err(mut errs) => problems.append(&mut errs),
    }
    for path in files.keys().filter(|p| p.starts_with(PAGES_DIR) && p.ends_with(".css")) {
        let name = &path[PAGES_DIR.len()..path.len() - ".css".len()];
        if name.contains('/') {
            continue; // imported by a bundle, not one itself
        }
        match bundle(files, path) {
            Ok(css) => {
                styles.pages.insert(name.to_string(), css);
            }
            Err(mut errs) => problems.append(&mut errs),
        }
    }
    if problems.is_empty() { Ok(styles) } else { Err(problems) }
}

/// Oldest browsers the CSS is compiled for: phones several years old.
fn targets() -> Targets {
    let v = |major: u32| Some(major << 16);
    Targets::from(Browsers {
        android: v(80),
        chrome: v(80),
        edge: v(80),
        firefox: v(78),
        ios_saf: v(12),
        safari: v(12),
        samsung: v(12),
        opera: v(67),
        ie: None,
    })
}

struct ThemeSources<'a> {
    files: &'a Files,
}

#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a file of the theme")]
struct MissingStyle(String);

impl SourceProvider for ThemeSources<'_> {
    type Error = MissingStyle;

    fn read<'a>(&'a self, file: &Path) -> Result<&'a str, Self::Error> {
        let key = crate::source::display_path(file);
        self.files.get(&key).map(|f| &*f.text).ok_or(MissingStyle(key))
    }

    fn resolve(&self, specifier: &str, originating_file: &Path) -> Result<ResolveResult, Self::Error> {
        if specifier.contains("://") {
            return Err(MissingStyle(specifier.to_string()));
        }
        let base = originating_file.parent().unwrap_or(Path::new(""));
        let mut path = PathBuf::new();
        for part in base.join(specifier).components() {
            match part {
                std::path::Component::ParentDir => {
                    path.pop();
                }
                std::path::Component::Normal(p) => path.push(p),
                _ => {}
            }
        }
        Ok(ResolveResult::File(path))
    }
}

/// Bundles and minifies the sheet at `entry` with its imports.
fn bundle(files: &Files, entry: &str) -> Result<String, Vec<Diagnostic>> {
    let provider = ThemeSources { files };
    let options = ParserOptions { error_recovery: false, ..ParserOptions::default() };
    let mut bundler = Bundler::new(&provider, None, options);
    let error = |message: String, loc: Option<&lightningcss::error::ErrorLocation>| {
        let located = loc.and_then(|l| files.get(&l.filename).map(|f| (l, f)));
        match located {
            Some((loc, file)) => {
                // lightningcss counts lines from 0 and columns from 1.
                let start =
                    line_start_offset(&file.text, loc.line as usize + 1) + (loc.column as usize).saturating_sub(1);
                Diagnostic::error(Code::CssError, format!("CSS error: {message}"))
                    .at(file, start..start + 1, "here")
                    .help("fix the CSS syntax at this point")
            }
            None => Diagnostic::error(Code::CssError, format!("CSS error: {message}"))
                .help(format!("check {entry} and its imports")),
        }
    };
    let mut sheet = bundler.bundle(Path::new(entry)).map_err(|e| vec![error(e.kind.to_string(), e.loc.as_ref())])?;
    sheet
        .minify(MinifyOptions { targets: targets(), ..MinifyOptions::default() })
        .map_err(|e| vec![error(e.kind.to_string(), e.loc.as_ref())])?;
    let out = sheet
        .to_css(PrinterOptions { minify: true, targets: targets(), ..PrinterOptions::default() })
        .map_err(|e| vec![error(e.kind.to_string(), e.loc.as_ref())])?;
    Ok(out.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn files(entries: &[(&str, &str)]) -> Files {
        entries.iter().map(|(p, t)| (p.to_string(), SourceFile::new(format!("themes/t/{p}"), *t))).collect()
    }

    #[test]
    fn bundles_imports_and_minifies() {
        let css = compile(&files(&[
            (ENTRY, "@import \"print.css\";\nbody {  color: #000000; }\n"),
            ("styles/print.css", "@media print { nav { display: none } }\n"),
        ]))
        .unwrap();
        assert_eq!(css.main, "@media print{nav{display:none}}body{color:#000}");
        assert!(css.pages.is_empty());
    }

    #[test]
    fn page_bundles_compile_apart_from_the_main_sheet() {
        let css = compile(&files(&[
            (ENTRY, "body { color: #000000; }\n"),
            ("styles/pages/help.css", "@import \"parts/contact.css\";\n.entry { margin: 0px }\n"),
            ("styles/pages/parts/contact.css", ".contact { padding: 0 }\n"),
        ]))
        .unwrap();
        assert_eq!(css.main, "body{color:#000}");
        assert_eq!(css.pages.keys().collect::<Vec<_>>(), ["help"], "imported files are not bundles themselves");
        assert_eq!(css.pages["help"], ".contact{padding:0}.entry{margin:0}");
    }

    #[test]
    fn an_error_in_a_page_bundle_names_its_file() {
        let errs =
            compile(&files(&[(ENTRY, "body { color: red; }\n"), ("styles/pages/help.css", "a {{ color: red; }\n")]))
                .unwrap_err();
        assert_eq!(errs[0].position().unwrap().0, "themes/t/styles/pages/help.css", "{}", errs[0]);
    }

    #[test]
    fn errors_name_the_real_line() {
        // lightningcss counts lines from 0: the first line and a later one
        // catch an off-by-one either way.
        for (css, line) in [("a {{ color: red; }\n", 1), ("body { color: red; }\n\na {{ color: red; }\n", 3)] {
            let errs = compile(&files(&[(ENTRY, css)])).unwrap_err();
            let (path, at, _) = errs[0].position().unwrap();
            assert_eq!((path.as_str(), at), ("themes/t/styles/main.css", line), "{css:?}: {}", errs[0]);
        }
    }
}
