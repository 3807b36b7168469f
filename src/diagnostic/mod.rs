//! Problems found in an editor's files, and how they are shown.
//!
//! A build never stops at the first problem: every stage adds what it finds to a
//! [`Diagnostics`] list and the build decides at the end whether it can write
//! anything. Each diagnostic points at a byte range of a [`SourceFile`] so it
//! can be rendered the way rustc renders errors (with `annotate-snippets`): the
//! file's real line and column, the line itself with a caret under the problem,
//! and a `help:` line that says how to fix it. Every diagnostic carries a
//! [`Code`], shown in its title as rustc shows its own (`error[E0102]`).

mod code;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::layout;
use crate::source::SourceFile;

pub use code::Code;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be published as it is.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: SourceFile,
    /// Byte range in `file.text`; empty ranges point between two characters.
    pub span: Range<usize>,
    /// Short text printed under the caret.
    pub label: String,
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The kind of problem, stable across releases (see [`Code`]).
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The file the problem is in. `None` only for problems with no file at all.
    pub primary: Option<Box<Location>>,
    /// Other places that explain the problem (the first page that wrote a URL, …).
    pub related: Vec<Location>,
    /// The file when no byte range is known (an unreadable file).
    pub path_only: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem that stops the build; `code` must be an error's code.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.severity(), Severity::Error, "{code} is not an error's code");
        Diagnostic::new(code, message.into())
    }

    /// A problem worth fixing that does not stop the build; `code` must be a
    /// warning's code.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        debug_assert_eq!(code.severity(), Severity::Warning, "{code} is not a warning's code");
        Diagnostic::new(code, message.into())
    }

    /// A diagnostic as bad as its code says, pointing nowhere yet.
    fn new(code: Code, message: String) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            primary: None,
            related: Vec::new(),
            path_only: None,
            help: None,
        }
    }

    /// Points the diagnostic at `span` in `file`.
    pub fn at(mut self, file: &SourceFile, span: Range<usize>, label: impl Into<String>) -> Self {
        let span = clamp_span(&file.text, span);
        self.primary = Some(Box::new(Location { file: file.clone(), span, label: label.into() }));
        self
    }

    /// Names a file without pointing into it (it could not be read as text).
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        self.path_only = Some(path.into());
        self
    }

    /// Adds a second place that helps explain the problem.
    pub fn also_at(mut self, file: &SourceFile, span: Range<usize>, label: impl Into<String>) -> Self {
        let span = clamp_span(&file.text, span);
        self.related.push(Location { file: file.clone(), span, label: label.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` of the primary location, for one-line summaries and sorting.
    pub fn position(&self) -> Option<(String, usize, usize)> {
        if let Some(loc) = &self.primary {
            let (line, col) = loc.file.line_col(loc.span.start);
            Some((loc.file.display_path(), line, col))
        } else {
            self.path_only.clone().map(|p| (p, 0, 0))
        }
    }

    /// The file the diagnostic is about, as printed, if it names one.
    fn file_name(&self) -> Option<String> {
        match &self.primary {
            Some(loc) => Some(loc.file.display_path()),
            None => self.path_only.clone(),
        }
    }

    /// Renders the diagnostic as rustc would, with colours when `styled`.
    /// Control characters in file names and messages (a file named with an
    /// escape sequence) are printed escaped, never sent raw to the terminal.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = printable(&self.message, true);
        let title = level.clone().primary_title(message.as_ref()).id(self.code.id());
        let path_only = self.path_only.as_deref().map(|p| printable(p, false));
        let help = self.help.as_deref().map(|h| printable(h, true));
        let mut group_elements: Vec<annotate_snippets::Element<'_>> = Vec::new();
        if let Some(loc) = &self.primary {
            group_elements.push(snippet(loc, AnnotationKind::Primary).into());
        } else if let Some(path) = &path_only {
            group_elements.push(annotate_snippets::Origin::path(path.as_ref()).into());
        }
        for loc in &self.related {
            group_elements.push(snippet(loc, AnnotationKind::Context).into());
        }
        if let Some(help) = &help {
            group_elements.push(Level::HELP.message(help.as_ref()).into());
        }
        if group_elements.is_empty() {
            return renderer.render(&[Group::with_title(title)]);
        }
        let group = title.elements(group_elements);
        renderer.render(&[group])
    }
}

/// `text` with its control characters escaped (`\u{1b}`), keeping line
/// breaks when `keep_newlines` (messages may span lines; file names may not).
pub fn printable(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep_newlines && c == '\n');
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The lines the location touches, numbered as in the file. Only those lines
/// are handed to the renderer, so a file with many problems is not scanned
/// from its start for each of them.
fn snippet(loc: &Location, kind: AnnotationKind) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
    let lines = loc.file.lines_range(loc.span.clone());
    // Keep the last line's newline: a caret may point at it.
    let end = (lines.end + 1).min(loc.file.text.len());
    let (first_line, _) = loc.file.line_col(lines.start);
    let span = loc.span.start - lines.start..loc.span.end.clamp(loc.span.start, end) - lines.start;
    Snippet::source(&loc.file.text[lines.start..end])
        .path(printable(&loc.file.display_path(), false).into_owned())
        .line_start(first_line)
        .annotation(kind.span(span).label(printable(&loc.label, true)))
}

/// Keeps a span inside the text and on character boundaries, whatever a parser said.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if span.end <= span.start {
        return start..start;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A value read from an editor's file, with every problem found reading it.
///
/// The data files' readers return this: a mistake in one part of a file is
/// reported and the rest is still read, so a reader gives back what it could
/// read and what it found. A reader that may keep nothing (an entry with an
/// error is left out) returns `Checked<Option<T>>`. Readers that find the
/// file unusable as a whole (site settings, a theme) return `Result` instead.
#[derive(Debug)]
pub struct Checked<T> {
    pub value: T,
    pub problems: Vec<Diagnostic>,
}

impl<T> Checked<T> {
    pub fn new(value: T, problems: Vec<Diagnostic>) -> Self {
        Checked { value, problems }
    }
}

/// Every problem found in one run, in the order the files were read.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, then position, errors first at the same place, so output
    /// does not depend on the order threads finished in. The settings and the
    /// data files come before the pages, since a page's problem may be one of
    /// theirs ("the data set `victims` has errors (above)").
    pub fn sort(&mut self) {
        self.items.sort_by_cached_key(|d| {
            let (path, line, col) = d.position().unwrap_or_default();
            let pages_last = !(path.is_empty() || is_settings_or_data(&path));
            (pages_last, path, line, col, d.severity, d.message.clone())
        });
    }

    /// Leaves out each diagnostic that repeats the one before it word for
    /// word, at the same place: a mistake in a template shared by many pages
    /// is one mistake, however many pages rendered with it. Sorted first
    /// ([`Diagnostics::sort`]), repeats are neighbours.
    pub fn drop_repeats(&mut self) {
        let mut last: Option<String> = None;
        self.items.retain(|d| {
            let text = d.render(false);
            let repeated = last.as_deref() == Some(text.as_str());
            last = Some(text);
            !repeated
        });
    }

    /// All diagnostics rendered one after the other, separated by blank lines.
    /// After [`SHOWN_PER_FILE`] problems in one file the rest of that file's
    /// are only counted, in a note after the last one shown: an editor fixes
    /// the first hundred before reading further, and a page with tens of
    /// thousands of broken links must not bury everything else.
    pub fn render(&self, styled: bool) -> String {
        let mut totals: HashMap<String, (usize, usize)> = HashMap::new();
        for d in &self.items {
            if let Some(file) = d.file_name() {
                let (errors, warnings) = totals.entry(file).or_default();
                *if d.is_error() { errors } else { warnings } += 1;
            }
        }
        let mut shown: HashMap<String, usize> = HashMap::new();
        let mut out = String::new();
        for d in &self.items {
            let file = d.file_name();
            let count = file.clone().map_or(0, |f| {
                let n = shown.entry(f).or_default();
                *n += 1;
                *n
            });
            if count > SHOWN_PER_FILE {
                continue;
            }
            out.push_str(&d.render(styled));
            out.push_str("\n\n");
            if let Some((file, &(errors, warnings))) = file.and_then(|f| totals.get(&f).map(|t| (f, t)))
                && count == SHOWN_PER_FILE
                && errors + warnings > SHOWN_PER_FILE
            {
                out.push_str(&hidden_note(&file, errors + warnings - SHOWN_PER_FILE, styled));
                out.push_str("\n\n");
            }
        }
        out
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// How many problems in one file are printed before the rest are only counted.
pub const SHOWN_PER_FILE: usize = 100;

fn hidden_note(file: &str, hidden: usize, styled: bool) -> String {
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    let what = if hidden == 1 { "problem" } else { "problems" };
    let title = format!(
        "{hidden} more {what} in {} not shown: fix the {SHOWN_PER_FILE} above, then check again to see the rest",
        printable(file, false)
    );
    renderer.render(&[Group::with_title(Level::NOTE.primary_title(title.as_str()))])
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics { items: iter.into_iter().collect() }
    }
}

/// The site settings and the files under the data folders, whose problems
/// pages may point back to.
fn is_settings_or_data(path: &str) -> bool {
    let inside = |dir: &str| path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'));
    path == layout::SITE_FILE || inside(layout::STATS_DIR) || inside(layout::DIRECTORY_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_problem_is_reported_once() {
        let theme = SourceFile::new("themes/default/templates/page.html", "<h1>{{ page.nosuch }}</h1>\n");
        let template = || {
            Diagnostic::error(Code::TemplateError, "template error: `nosuch` is not defined").at(&theme, 4..21, "here")
        };
        let page = SourceFile::new("content/a.en.md", "---\ntitel: A\n---\n");
        let other = Diagnostic::error(Code::UnknownKey, "unknown key `titel`").at(&page, 4..9, "not a known key");
        let mut diags: Diagnostics = [template(), other.clone(), template(), template()].into_iter().collect();
        diags.sort();
        diags.drop_repeats();
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["unknown key `titel`", "template error: `nosuch` is not defined"]);
        let mut same_words_elsewhere: Diagnostics =
            [other.clone(), other.at(&page, 0..3, "elsewhere")].into_iter().collect();
        same_words_elsewhere.sort();
        same_words_elsewhere.drop_repeats();
        assert_eq!(same_words_elsewhere.error_count(), 2, "the same words at another place are another problem");
    }

    #[test]
    fn renders_file_line_column_caret_and_help() {
        let file = SourceFile::new("content/a.en.md", "---\ntitel: Hi\n---\nbody\n");
        let d = Diagnostic::error(Code::UnknownKey, "unknown front-matter key `titel`")
            .at(&file, 4..9, "not a known key")
            .help("did you mean `title`?");
        let text = d.render(false);
        assert!(text.starts_with("error[E0102]: unknown front-matter key `titel`"), "{text}");
        assert!(text.contains("content/a.en.md:2:1"), "{text}");
        assert!(text.contains("titel: Hi"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `title`?"), "{text}");
    }

    #[test]
    fn spans_are_clamped_to_char_boundaries() {
        assert_eq!(clamp_span("ñ", 1..1), 0..0);
        assert_eq!(clamp_span("ab", 1..99), 1..2);
    }

    #[test]
    fn shows_the_first_hundred_problems_of_a_file_and_counts_the_rest() {
        let text: String = (0..150).map(|i| format!("line {i}\n")).collect();
        let file = SourceFile::new("content/many.en.md", text);
        let other = SourceFile::new("content/other.en.md", "x\n");
        let mut diags: Diagnostics = (0..150)
            .map(|i| Diagnostic::error(Code::UnknownKey, format!("problem {i}")).at(&file, i * 8..i * 8 + 1, "here"))
            .collect();
        diags.push(Diagnostic::warning(Code::UnusedFile, "also").at(&file, 0..1, "here"));
        diags.push(Diagnostic::error(Code::UnknownKey, "elsewhere").at(&other, 0..1, "here"));
        diags.sort();
        let out = diags.render(false);
        assert_eq!(
            out.matches("error[E0102]: problem").count() + out.matches("warning[W0309]: also").count(),
            100,
            "{out}"
        );
        assert!(out.contains("note: 51 more problems in content/many.en.md not shown"), "{out}");
        assert!(out.contains("error[E0102]: elsewhere"), "other files are shown in full: {out}");
        assert_eq!(out.matches("not shown").count(), 1);
    }

    #[test]
    fn snippets_keep_the_file_line_numbers() {
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let file = SourceFile::new("a.md", text.clone());
        let at = text.find("line 12").unwrap();
        let out = Diagnostic::error(Code::UnknownKey, "x")
            .at(&file, at..text.find("line 14").unwrap(), "these")
            .render(false);
        assert!(out.contains("a.md:12:1") && out.contains("12 | / line 12") && out.contains("13 | | line 13"), "{out}");
        assert!(!out.contains("line 14") && !out.contains("line 11"), "{out}");
    }

    #[test]
    fn control_characters_in_names_and_messages_are_escaped() {
        let file = SourceFile::new("content/\u{1b}[31mred.en.md", "x\n");
        let d = Diagnostic::error(Code::UnknownKey, "`\u{1b}[2J` is odd")
            .at(&file, 0..1, "\u{7}here")
            .help("rename\u{0}it");
        let out = d.render(false) + &Diagnostic::error(Code::UnknownKey, "e").in_file("static/\u{1b}x").render(false);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("content/\\u{1b}[31mred.en.md") && out.contains("static/\\u{1b}x"), "{out}");
    }

    #[test]
    fn counts_errors_and_warnings() {
        let diags: Diagnostics = [Diagnostic::error(Code::UnknownKey, "a"), Diagnostic::warning(Code::UnusedFile, "b")]
            .into_iter()
            .collect();
        assert!(diags.has_errors());
        assert_eq!((diags.error_count(), diags.warning_count()), (1, 1));
    }
}
