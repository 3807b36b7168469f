//! `faro new`: the files an editor starts from, in every language of the site,
//! in the right folder and with the right front matter.
//!
//! Nothing created here is published until an editor says so: pages and
//! stories start as drafts (stories also without consent), and a directory
//! entry starts commented out, because a help page must never show a
//! placeholder name or number.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::{Config, SITE_FILE};
use crate::read::read_source;
use crate::url::is_slug;

/// What `faro new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page (`learn/know-your-rights`), one file per language.
    Page,
    /// A survivor story in `content/stories/`, one file per language.
    Story,
    /// A help directory entry in its own `content/directory/<id>.yaml`.
    Service,
}

/// Why nothing was created.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "`{0}` is not a valid name: use lowercase letters, digits and hyphens, with `/` between folders (learn/know-your-rights)"
    )]
    BadName(String),
    #[error("{} already exists; choose another name, or edit that file", .0.display())]
    Exists(PathBuf),
    #[error(
        "this site has no help directory yet: create content/directory/regions.yaml (see the shipped site's) before adding entries"
    )]
    NoDirectory,
    #[error("content/site.yaml could not be read: {0}")]
    Settings(String),
    #[error("could not write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// One file to create: its path from the site's root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// The files for a new `kind` called `name` in the site at `root`, dated
/// `today` (YYYY-MM-DD), without writing them.
pub fn plan(root: &Path, kind: Kind, name: &str, today: &str) -> Result<Vec<NewFile>, ScaffoldError> {
    let name = name.trim_matches('/');
    let valid = !name.is_empty() && name.split('/').all(is_slug) && !name.split('/').any(|s| s.starts_with('_'));
    if !valid || (kind != Kind::Page && name.contains('/')) {
        return Err(ScaffoldError::BadName(name.to_string()));
    }
    let first = |diags: Vec<crate::diagnostic::Diagnostic>| {
        ScaffoldError::Settings(diags.first().map(|d| d.render(false)).unwrap_or_default().trim().to_string())
    };
    if kind == Kind::Service && !root.join("content/directory/regions.yaml").is_file() {
        return Err(ScaffoldError::NoDirectory);
    }
    let settings = read_source(root, Path::new(SITE_FILE)).map_err(first)?;
    let config = Config::parse(settings).map_err(first)?;
    let title = title_of(name.rsplit('/').next().unwrap_or(name));
    // One Markdown file per language, in `folder`.
    let in_each_language = |folder: &str, text: fn(&str, &str, &str) -> String| -> Vec<NewFile> {
        config
            .language_codes()
            .map(|lang| NewFile {
                path: PathBuf::from(format!("content/{folder}{name}.{lang}.md")),
                text: text(lang, &title, today),
            })
            .collect()
    };
    let files = match kind {
        Kind::Page => in_each_language("", page_text),
        Kind::Story => in_each_language("stories/", story_text),
        Kind::Service => vec![NewFile {
            path: PathBuf::from(format!("content/directory/{name}.yaml")),
            text: service_text(name, &config.language_codes().collect::<Vec<_>>(), today),
        }],
    };
    for file in &files {
        if root.join(&file.path).exists() {
            return Err(ScaffoldError::Exists(file.path.clone()));
        }
    }
    Ok(files)
}

/// Writes the planned files (none when any already exists) and returns their paths.
pub fn create(root: &Path, kind: Kind, name: &str, today: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    let files = plan(root, kind, name, today)?;
    for file in &files {
        let path = root.join(&file.path);
        let io_err = |source| ScaffoldError::Io { path: file.path.clone(), source };
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io_err)?;
        }
        fs::write(&path, &file.text).map_err(io_err)?;
    }
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// `know-your-rights` → `Know your rights`.
fn title_of(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The instructions written into new files, in Spanish for Spanish files and
/// in English otherwise.
struct Words {
    description: &'static str,
    draft: &'static str,
    translate: &'static str,
    body: &'static str,
}

fn words(lang: &str) -> Words {
    match lang {
        "es" => Words {
            description: "Una frase que diga de qué trata esta página (se muestra en los buscadores).",
            draft: "borre esta línea para publicar la página",
            translate: "traduzca el título y el texto",
            body: "Escriba aquí el texto en Markdown. Enlace a otra página por su archivo: [señales de alerta](../learn/signs.md).",
        },
        _ => Words {
            description: "One sentence saying what this page is for (shown in search results).",
            draft: "delete this line to publish the page",
            translate: "translate the title and the text",
            body: "Write the page here in Markdown. Link to another page by its file: [warning signs](../learn/signs.md).",
        },
    }
}

/// The placeholder texts `faro new page` writes, in every language it writes:
/// `check` and `build` warn about a published page that still holds one.
pub(crate) fn placeholder_texts() -> Vec<&'static str> {
    ["en", "es"].iter().flat_map(|lang| [words(lang).description, words(lang).body]).collect()
}

fn page_text(lang: &str, title: &str, today: &str) -> String {
    let w = words(lang);
    format!(
        "---\ntitle: \"{title}\" # {translate}\ndescription: \"{description}\"\ndate: {today}\ndraft: true # {draft}\n---\n{body}\n",
        translate = w.translate,
        description = w.description,
        draft = w.draft,
        body = w.body,
    )
}

fn story_text(lang: &str, title: &str, today: &str) -> String {
    let w = words(lang);
    let (summary, note, consent, region) = match lang {
        "es" => (
            "Dos o tres frases para la lista de historias.",
            "Esta historia menciona … No contiene detalles explícitos.",
            "ponga true solo cuando la persona sobreviviente aceptó la publicación",
            "código ISO de la región, como MX-PUE o US-TX",
        ),
        _ => (
            "Two or three sentences for the list of stories.",
            "This story mentions … It contains no graphic detail.",
            "set to true only once the survivor has agreed to publication",
            "ISO code of the region, such as US-TX or MX-PUE",
        ),
    };
    format!(
        "---\ntitle: \"{title}\" # {translate}\ndescription: \"{description}\"\ndate: {today}\n\
         summary: \"{summary}\"\ncontent_note: \"{note}\"\n# region: US-TX # {region}\n\
         consent: false # {consent}\ndraft: true # {draft}\nsources:\n  - title: \"\"\n    url: \"\"\n---\n{body}\n",
        translate = w.translate,
        description = w.description,
        draft = w.draft,
        body = w.body,
    )
}

fn service_text(id: &str, languages: &[&str], today: &str) -> String {
    let texts = |indent: &str| languages.iter().map(|l| format!("#{indent}{l}: \"\"\n")).collect::<String>();
    format!(
        "# A help directory entry (every field is described in docs/fields.md). It stays\n\
         # commented out, and so off the site, until every field below has been\n\
         # checked against the organisation's own pages: remove the `#` and the `[]`\n\
         # line when it is ready. Never guess a number or a name.\n\
         []\n\
         # - id: {id}\n\
         #   kind: \"\" # hotline | shelter | legal | health | labor | consulate | other\n\
         #   name:\n{names}\
         #   organization: \"\"\n\
         #   areas: [US] # ISO codes from regions.yaml: US, MX, US-TX, MX-BCN…\n\
         #   answered_by: \"\" # who picks up: nonprofit | government | police | health | other\n\
         #   contacts:\n\
         #     - {{type: phone, value: \"\"}}\n\
         #   hours: \"\" # \"24/7\" or a weekly schedule, as the source says; remove the line if it does not say\n\
         #   languages: [] # the languages staff answer in, such as [en, es]\n\
         #   topics: [] # such as [sex-trafficking, labor-trafficking]\n\
         #   confidential: \"\" # true or false, as the source says; remove the line if it does not say\n\
         #   description:\n{descriptions}\
         #   verified: {today} # the day you checked every field against the source\n\
         #   source:\n\
         #     - https://\n",
        names = texts("     "),
        descriptions = texts("     "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(
            dir.path().join(SITE_FILE),
            "title: {en: T, es: T}\nbase_url: https://example.org/\ndefault_language: en\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_page_gets_one_draft_per_language() {
        let site = site();
        let files = plan(site.path(), Kind::Page, "learn/know-your-rights", "2026-12-01").unwrap();
        let paths: Vec<_> = files.iter().map(|f| f.path.to_str().unwrap()).collect();
        assert_eq!(paths, ["content/learn/know-your-rights.en.md", "content/learn/know-your-rights.es.md"]);
        assert!(files[0].text.starts_with("---\ntitle: \"Know your rights\""));
        assert!(files[1].text.contains("draft: true # borre esta línea"));
    }

    #[test]
    fn bad_names_and_existing_files_are_refused() {
        let site = site();
        for bad in ["Know Your Rights", "learn/../x", "", "_index", "a b"] {
            assert!(
                matches!(plan(site.path(), Kind::Page, bad, "2026-12-01"), Err(ScaffoldError::BadName(_))),
                "{bad}"
            );
        }
        assert!(matches!(plan(site.path(), Kind::Story, "a/b", "2026-12-01"), Err(ScaffoldError::BadName(_))));
        create(site.path(), Kind::Story, "ana", "2026-12-01").unwrap();
        let again = plan(site.path(), Kind::Story, "ana", "2026-12-01");
        assert!(matches!(again, Err(ScaffoldError::Exists(p)) if p == Path::new("content/stories/ana.en.md")));
    }
}
