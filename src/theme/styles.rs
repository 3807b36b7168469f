//! The theme's CSS, bundled from `styles/main.css` and its `@import`s and
//! minified by lightningcss for the browsers our visitors carry (old phones
//! included). The result is inlined into every page.

use std::path::{Path, PathBuf};

use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};

use crate::diagnostic::Diagnostic;
use crate::source::line_start_offset;

use super::Files;

/// The style sheet every other one is imported from.
pub const ENTRY: &str = "styles/main.css";

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

/// Bundles and minifies the theme's CSS.
pub(super) fn compile(files: &Files) -> Result<String, Vec<Diagnostic>> {
    if !files.contains_key(ENTRY) {
        return Err(vec![
            Diagnostic::error(format!("the theme has no {ENTRY}")).help(format!("add {ENTRY} to the theme")),
        ]);
    }
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
                Diagnostic::error(format!("CSS error: {message}"))
                    .at(file, start..start + 1, "here")
                    .help("fix the CSS syntax at this point")
            }
            None => Diagnostic::error(format!("CSS error: {message}")).help(format!("check {ENTRY} and its imports")),
        }
    };
    let mut sheet = bundler.bundle(Path::new(ENTRY)).map_err(|e| vec![error(e.kind.to_string(), e.loc.as_ref())])?;
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
        assert_eq!(css, "@media print{nav{display:none}}body{color:#000}");
    }

    #[test]
    fn errors_name_the_real_line() {
        let errs = compile(&files(&[(ENTRY, "body { color: red; }\na {\n  color: red;;\n  }}\n")])).unwrap_err();
        let (path, line, _) = errs[0].position().unwrap();
        assert_eq!(path, "themes/t/styles/main.css");
        assert!(line >= 2, "{}", errs[0]);
    }
}
