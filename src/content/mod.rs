//! The content tree: every Markdown file under `content/`, paired with its
//! translations and given its address.
//!
//! Files are named `<name>.<lang>.md`; a folder's `_index.<lang>.md` is the
//! section's own page and may localize the folder's URL segment with `slug:`.
//! The same path with another language suffix is a translation. Loading reads
//! every file in parallel, then assigns addresses in one pass so that clashes
//! between pages, aliases and slugs are found together.

pub mod front_matter;
pub mod links;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::read::read_source;
use crate::source::{SourceFile, display_path};
use crate::url::{SitePath, is_slug, slugify};

use front_matter::Split;

/// Folders under `content/` that hold data, not pages; other stages load them.
pub const DATA_FOLDERS: &[&str] = &["directory", "stats"];

/// The section whose pages are survivor stories.
pub const STORIES_SECTION: &str = "stories";

/// What a page is, which decides its default template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// `content/_index.<lang>.md`
    Home,
    /// `content/<folder>/_index.<lang>.md`
    Section,
    /// Any other Markdown file.
    Page,
    /// A page in the stories section.
    Story,
}

impl PageKind {
    pub fn default_template(self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Section => "section.html",
            PageKind::Page => "page.html",
            PageKind::Story => "story.html",
        }
    }
}

/// One Markdown file in one language.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: SourceFile,
    /// The file's path under `content/` without the language suffix or `.md`:
    /// `learn/signs`, `learn/_index`, `_index`. Translations share it.
    pub key: String,
    pub lang: String,
    pub kind: PageKind,
    pub split: Split,
    /// The page's address.
    pub path: SitePath,
    /// Old addresses that must keep working.
    pub aliases: Vec<SitePath>,
    /// False for drafts (unless drafts are built) and stories without consent.
    pub published: bool,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.split.front.title
    }

    /// The Markdown text after the front matter.
    pub fn body(&self) -> &str {
        &self.file.text[self.split.body.clone()]
    }

    /// The folder key this page sits in: `learn` for `learn/signs` and for
    /// `learn/_index`'s parent is the home's folder ``.
    pub fn folder(&self) -> &str {
        folder_of(&self.key)
    }

    /// The key of the section page listing this page, if any.
    pub fn parent_key(&self) -> Option<String> {
        match self.kind {
            PageKind::Home => None,
            PageKind::Section => {
                let folder = self.folder();
                Some(index_key(folder_of(folder)))
            }
            _ => Some(index_key(self.folder())),
        }
    }

    pub fn is_section(&self) -> bool {
        matches!(self.kind, PageKind::Home | PageKind::Section)
    }
}

fn folder_of(key: &str) -> &str {
    key.rfind('/').map_or("", |i| &key[..i])
}

/// `learn` → `learn/_index`; `` → `_index`.
pub fn index_key(folder: &str) -> String {
    if folder.is_empty() { "_index".to_string() } else { format!("{folder}/_index") }
}

/// All pages of the site, in a stable order (by key, then language order).
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// Pages sharing a key (a page and its translations), by key: also how a
    /// page is found by key and language, without building a key per look-up.
    by_key: HashMap<String, Vec<usize>>,
    /// Published children of each section, by the section's key and language,
    /// already in listing order. Built once so listing is not quadratic.
    children: HashMap<(String, String), Vec<usize>>,
    /// Pages (key, language) whose file could not be loaded: it exists, but
    /// has errors (reported where it was read).
    pub failed: BTreeSet<(String, String)>,
}

/// A page whose text was replaced by [`Content::replace_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub key: String,
    pub lang: String,
    /// Its front matter changed too, not only its body.
    pub front_matter_changed: bool,
    /// Its `date` or `updated` changed (the sitemap shows them).
    pub dates_changed: bool,
}

impl Content {
    fn new(mut pages: Vec<Page>, config: &Config) -> Self {
        let lang_order = |code: &str| config.languages.iter().position(|l| l.code == code).unwrap_or(usize::MAX);
        pages.sort_by(|a, b| a.key.cmp(&b.key).then(lang_order(&a.lang).cmp(&lang_order(&b.lang))));
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut children: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            by_key.entry(page.key.clone()).or_default().push(i);
            if let Some(parent) = page.parent_key().filter(|_| page.published) {
                children.entry((parent, page.lang.clone())).or_default().push(i);
            }
        }
        for list in children.values_mut() {
            sort_listing(list, &pages);
        }
        Content { pages, by_key, children, failed: BTreeSet::new() }
    }

    /// Takes a new text for the page read from `file`'s path, when the edit
    /// leaves the page where it was: same address, same aliases, published or
    /// not as before (`slug`, `aliases`, `draft` and `consent` unchanged).
    /// `None` when no page was read from that path or the edit moves it: then
    /// the whole site must be loaded again.
    pub fn replace_text(&mut self, file: SourceFile, split: Split) -> Option<Edited> {
        let i = self.pages.iter().position(|p| p.file.path == file.path)?;
        let old = &self.pages[i];
        let (a, b) = (&old.split.front, &split.front);
        if a.slug != b.slug || a.aliases != b.aliases || a.draft != b.draft || a.consent != b.consent {
            return None;
        }
        let front_matter_changed = old.file.text.get(old.split.yaml.clone()) != file.text.get(split.yaml.clone());
        let dates_changed = a.date != b.date || a.updated != b.updated;
        let page = &mut self.pages[i];
        page.file = file;
        page.split = split;
        let edited = Edited { key: page.key.clone(), lang: page.lang.clone(), front_matter_changed, dates_changed };
        // Titles, dates and weights order the listing the page is in; its
        // key, language and whether it is published are unchanged, so every
        // other listing and the pages' order stay as they were.
        if front_matter_changed
            && page.published
            && let Some(parent) = page.parent_key()
            && let Some(list) = self.children.get_mut(&(parent, edited.lang.clone()))
        {
            sort_listing(list, &self.pages);
        }
        Some(edited)
    }

    /// The page with this key in this language, published or not.
    pub fn get(&self, key: &str, lang: &str) -> Option<&Page> {
        self.by_key.get(key)?.iter().map(|&i| &self.pages[i]).find(|p| p.lang == lang)
    }

    /// Published pages.
    pub fn published(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(|p| p.published)
    }

    /// The published versions of `page` in other languages.
    pub fn translations_of<'a>(&'a self, page: &'a Page) -> impl Iterator<Item = &'a Page> + 'a {
        self.by_key
            .get(&page.key)
            .into_iter()
            .flatten()
            .map(|&i| &self.pages[i])
            .filter(move |p| p.lang != page.lang && p.published)
    }

    /// Published pages listed by a section page, in its language: its pages and
    /// the index pages of its subsections, by weight, then newest first, then title.
    pub fn children_of(&self, section: &Page) -> Vec<&Page> {
        self.children
            .get(&(section.key.clone(), section.lang.clone()))
            .map(|list| list.iter().map(|&i| &self.pages[i]).collect())
            .unwrap_or_default()
    }
}

/// Orders a section's listing (indexes into `pages`): by weight, then newest
/// first, then title, and pages equal in all three in the content's order,
/// whatever order the list was in before.
fn sort_listing(list: &mut [usize], pages: &[Page]) {
    list.sort_unstable();
    list.sort_by(|&a, &b| {
        let fa = &pages[a].split.front;
        let fb = &pages[b].split.front;
        fa.weight
            .unwrap_or(i64::MAX)
            .cmp(&fb.weight.unwrap_or(i64::MAX))
            .then_with(|| fb.date.cmp(&fa.date))
            .then_with(|| fa.title.cmp(&fb.title))
    });
}

/// Reads `content/` under `root` and returns the pages with every problem found.
pub fn load(root: &Path, config: &Config, include_drafts: bool) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content_dir = root.join("content");
    let mut markdown = Vec::new();
    for entry in WalkDir::new(&content_dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(|p| rel(root, p)).unwrap_or_else(|| "content".into());
                diags.push(
                    Diagnostic::error(Code::UnreadableFile, format!("cannot read this folder: {err}")).in_file(path),
                );
                continue;
            }
        };
        let rel_content = entry.path().strip_prefix(&content_dir).unwrap_or(entry.path()).to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || entry.file_type().is_dir() {
            continue;
        }
        let top = rel_content.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        if rel_content.components().count() > 1 && top.as_deref().is_some_and(|t| DATA_FOLDERS.contains(&t)) {
            continue;
        }
        if rel_content == Path::new("site.yaml") {
            continue;
        }
        if name.ends_with(".md") {
            markdown.push(rel_content);
        } else {
            diags.push(
                Diagnostic::warning(Code::UnusedFile, "this file is not used")
                    .in_file(rel(root, entry.path()))
                    .help("pages are `<name>.<lang>.md` files; put images and downloads in static/"),
            );
        }
    }

    // The pages are held in one vector, sized once and completed in place,
    // and read in parallel a batch at a time: at 100,000 pages, each copy of
    // the whole list is tens of megabytes.
    let mut pages: Vec<Page> = Vec::with_capacity(markdown.len());
    let mut failed = BTreeSet::new();
    for batch in markdown.chunks(READ_BATCH) {
        let read: Vec<Result<(SourceFile, Split), Vec<Diagnostic>>> = batch
            .par_iter()
            .map(|rel_content| {
                let file = read_source(root, &Path::new("content").join(rel_content))?;
                let split = front_matter::parse(&file)?;
                Ok((file, split))
            })
            .collect();
        for (result, rel_content) in read.into_iter().zip(batch) {
            match result {
                Ok((file, split)) => {
                    let Some((key, lang)) = classify(rel_content, &file, &split, config, &mut diags) else {
                        continue;
                    };
                    let kind = kind_of(&key);
                    let path = SitePath::root();
                    pages.push(Page { file, key, lang, kind, split, path, aliases: Vec::new(), published: false });
                }
                Err(problems) => {
                    diags.extend(problems);
                    failed.extend(key_and_lang(rel_content, config));
                }
            }
        }
    }

    let segments = folder_segments(&pages, config, &mut diags);
    pages.retain_mut(|page| {
        let Some(path) = page_path(&page.key, &page.lang, &page.split, &segments) else {
            return false;
        };
        page.path = path;
        let (file, split) = (&page.file, &page.split);
        page.published = include_drafts || !split.front.draft;
        if page.kind == PageKind::Story && split.front.consent != Some(true) {
            page.published = false;
            diags.push(
                Diagnostic::warning(
                    Code::StoryWithoutConsent,
                    "this story is not published: it has no `consent: true`",
                )
                .at(file, split.key_span("consent"), "the survivor's consent is not recorded")
                .help("add `consent: true` only once the survivor has agreed to publication"),
            );
        } else if page.kind == PageKind::Story && split.front.consent_source.is_none() {
            diags.push(
                Diagnostic::warning(
                    Code::ConsentWithoutSource,
                    "this story does not say who published the survivor's account with their consent",
                )
                .at(file, split.key_span("consent"), "consent is promised here")
                .help(
                    "add `consent_source: {name: …, url: …}` naming the organisation that published the \
                         account with the survivor's consent, and the page where it did",
                ),
            );
        }
        page.aliases = page_aliases(file, split, &mut diags);
        true
    });
    check_clashes(&pages, &mut diags);
    let mut content = Content::new(pages, config);
    content.failed = failed;
    (content, diags)
}

fn rel(root: &Path, path: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
}

/// How many pages are read in parallel before they join the site's list.
const READ_BATCH: usize = 4096;

/// What kind of page a key names.
fn kind_of(key: &str) -> PageKind {
    if key == "_index" {
        PageKind::Home
    } else if key.ends_with("/_index") {
        PageKind::Section
    } else if key.strip_prefix(STORIES_SECTION).is_some_and(|rest| rest.starts_with('/')) {
        PageKind::Story
    } else {
        PageKind::Page
    }
}

/// Splits `learn/signs.es.md` into the key `learn/signs` and language `es`.
/// The page a Markdown file's name says it is (`learn/signs.es.md`:
/// `learn/signs` in `es`), when it names a language of the site.
fn key_and_lang(rel_content: &Path, config: &Config) -> Option<(String, String)> {
    let path = display_path(rel_content);
    let (key, lang) = path.strip_suffix(".md")?.rsplit_once('.')?;
    config.has_language(lang).then(|| (key.to_string(), lang.to_string()))
}

fn classify(
    rel_content: &Path,
    file: &SourceFile,
    split: &Split,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<(String, String)> {
    let name = rel_content.file_name()?.to_string_lossy().into_owned();
    let stem = name.strip_suffix(".md")?;
    let folder = rel_content.parent().map(display_path).unwrap_or_default();
    let codes: Vec<&str> = config.language_codes().collect();
    let Some((base, lang)) = stem.rsplit_once('.') else {
        let examples: Vec<String> = codes.iter().map(|c| format!("{stem}.{c}.md")).collect();
        diags.push(
            Diagnostic::error(Code::NoLanguageSuffix, "this file name has no language suffix")
                .at(file, 0..0, "in this file")
                .help(format!("rename it to {}", examples.join(" or "))),
        );
        return None;
    };
    if !config.has_language(lang) {
        diags.push(
            Diagnostic::error(Code::UnknownLanguage, format!("`{lang}` in the file name is not a configured language"))
                .at(file, 0..0, "in this file")
                .help(format!(
                    "rename it to {} or add `{lang}` to `languages` in content/site.yaml",
                    codes.iter().map(|c| format!("{base}.{c}.md")).collect::<Vec<_>>().join(" or ")
                )),
        );
        return None;
    }
    if base != "_index" && !is_slug(base) && split.front.slug.is_none() {
        let suggestion = slugify(base);
        diags.push(
            Diagnostic::error(Code::BadSlug, format!("`{base}` cannot be a URL segment"))
                .at(file, 0..3, "this file's name gives its address")
                .help(format!(
                    "rename the file to `{suggestion}.{lang}.md` or add `slug: {suggestion}` to its front matter"
                )),
        );
        return None;
    }
    let key = if folder.is_empty() { base.to_string() } else { format!("{folder}/{base}") };
    Some((key, lang.to_string()))
}

/// The URL segment of every folder in every language: the folder's name, or
/// the `slug:` of its `_index.<lang>.md`.
fn folder_segments(pages: &[Page], config: &Config, diags: &mut Diagnostics) -> HashMap<(String, String), String> {
    let mut segments = HashMap::new();
    let mut folders: BTreeMap<String, &SourceFile> = BTreeMap::new();
    // Looked up once per folder and language: a search of every page for each
    // folder made loading quadratic in the size of the site.
    let mut indexes: HashMap<(&str, &str), &Split> = HashMap::new();
    for page in pages.iter().filter(|p| p.key == "_index" || p.key.ends_with("/_index")) {
        indexes.entry((page.key.as_str(), page.lang.as_str())).or_insert(&page.split);
    }
    for page in pages {
        let mut folder = folder_of(&page.key);
        while !folder.is_empty() {
            folders.entry(folder.to_string()).or_insert(&page.file);
            folder = folder_of(folder);
        }
    }
    for (folder, first_file) in folders {
        let name = folder.rsplit('/').next().unwrap_or(&folder).to_string();
        for lang in config.language_codes() {
            let index = indexes.get(&(index_key(&folder).as_str(), lang)).copied();
            let segment = match index.and_then(|split| split.front.slug.clone()) {
                Some(slug) => slug,
                None if is_slug(&name) => name.clone(),
                None => {
                    if lang == config.default_language {
                        diags.push(
                            Diagnostic::error(
                                Code::BadSlug,
                                format!("the folder name `{name}` cannot be a URL segment"),
                            )
                            .at(first_file, 0..0, "this file is in that folder")
                            .help(format!(
                                "rename the folder to `{}`, or give its _index.<lang>.md a `slug:`",
                                slugify(&name)
                            )),
                        );
                    }
                    continue;
                }
            };
            segments.insert((folder.clone(), lang.to_string()), segment);
        }
    }
    segments
}

/// A page's address, or `None` when a folder above it has no valid segment
/// in its language (already reported by `folder_segments`).
fn page_path(key: &str, lang: &str, split: &Split, segments: &HashMap<(String, String), String>) -> Option<SitePath> {
    let mut path = SitePath::root().join(lang);
    let is_index = key == "_index" || key.ends_with("/_index");
    let folder = folder_of(key);
    let mut prefix = String::new();
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        path = path.join(segments.get(&(prefix.clone(), lang.to_string()))?);
    }
    if !is_index {
        let last = key.rsplit('/').next().unwrap_or(key);
        let segment = split.front.slug.as_deref().unwrap_or(last);
        path = path.join(segment);
    }
    Some(path)
}

fn page_aliases(file: &SourceFile, split: &Split, diags: &mut Diagnostics) -> Vec<SitePath> {
    let mut aliases = Vec::new();
    for alias in &split.front.aliases {
        match SitePath::parse_absolute(alias) {
            Ok(path) => aliases.push(path),
            Err(why) => {
                diags.push(
                    Diagnostic::error(Code::BadAlias, format!("the alias `{alias}` cannot be used: {why}"))
                        .at(file, find_in(file, &split.yaml, alias).unwrap_or(split.key_span("aliases")), "this alias")
                        .help("write an old address of this site, such as `/en/old-name/`, with lowercase letters, digits and hyphens"),
                );
            }
        }
    }
    aliases
}

fn find_in(file: &SourceFile, within: &Range<usize>, needle: &str) -> Option<Range<usize>> {
    file.text[within.clone()].find(needle).map(|i| within.start + i..within.start + i + needle.len())
}

/// Two published pages, or a page and an alias, that would write the same file.
fn check_clashes(pages: &[Page], diags: &mut Diagnostics) {
    let mut taken: HashMap<PathBuf, (&Page, Option<&str>)> = HashMap::new();
    for page in pages.iter().filter(|p| p.published) {
        let mut targets = vec![(page.path.clone(), None)];
        for (alias, raw) in page.aliases.iter().zip(&page.split.front.aliases) {
            targets.push((alias.clone(), Some(raw.as_str())));
        }
        for (target, alias) in targets {
            if let Some((first, first_alias)) = taken.get(&target.output_file()) {
                let span = |p: &Page, a: Option<&str>| match a {
                    Some(raw) => find_in(&p.file, &p.split.yaml, raw).unwrap_or(p.split.key_span("aliases")),
                    None => p.split.key_span("slug"),
                };
                let what = |a: Option<&str>| {
                    if a.is_some() { "this alias" } else { "this page" }
                };
                diags.push(
                    Diagnostic::error(Code::DuplicateUrl, format!("two pages would be written to `{target}`"))
                        .at(&page.file, span(page, alias), format!("{} writes it", what(alias)))
                        .also_at(
                            &first.file,
                            span(first, *first_alias),
                            format!("{} writes it first", what(*first_alias)),
                        )
                        .help("give one of them another `slug:` or remove the alias"),
                );
            } else {
                taken.insert(target.output_file(), (page, alias));
            }
        }
    }
}
