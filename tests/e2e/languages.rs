//! A site in three languages, the third (Portuguese) partly translated with
//! `fallback: es`: a home page of its own, some region names and directory
//! texts, no theme strings and no chart texts. Its who-to-call pages, flyers
//! and cards exist, with every Spanish word marked `lang="es"`; its
//! untranslated Markdown pages do not; the switcher and `hreflang` list only
//! real translations; `check --strict` fails on the fallbacks, one warning
//! per file and language.

use std::fs;
use std::path::Path;
use std::process::Command;

use faro::{LoadOptions, Severity};

use crate::common::{copy_dir, fixture, main_of, read};

const FIXTURE: &str = "partial-language";

/// The fixture copied and built; the build's report.
fn built() -> (tempfile::TempDir, faro::BuildReport) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(FIXTURE), dir.path());
    let report = crate::common::build(dir.path()).unwrap_or_else(|e| panic!("the build failed: {e:?}"));
    (dir, report)
}

fn exists(root: &Path, rel: &str) -> bool {
    root.join("public").join(rel).is_file()
}

fn hreflangs(html: &str) -> Vec<(String, String)> {
    html.split("<link ")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap()])
        .filter(|tag| tag.contains("hreflang="))
        .map(|tag| {
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=")).unwrap() + name.len() + 1;
                tag[start..].split([' ', '>']).next().unwrap().to_string()
            };
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

#[test]
fn the_partial_language_has_every_help_page_and_only_its_own_markdown_pages() {
    let (site, report) = built();
    let root = site.path();
    assert_eq!(report.languages, 3);
    for region in ["us", "us-tx", "mx", "mx-bcn", "mx-cmx"] {
        for lang in ["en", "es", "pt"] {
            for page in ["", "print/", "cards/"] {
                let help = if lang == "es" { "ayuda" } else { "help" };
                let rel = format!("{lang}/{help}/{region}/{page}index.html");
                // Spanish help pages are under /es/help/ in this fixture
                // (no help/_index page gives them a slug).
                let rel = if exists(root, &rel) { rel } else { rel.replace("/ayuda/", "/help/") };
                assert!(exists(root, &rel), "{rel} is missing");
            }
        }
    }
    assert!(exists(root, "pt/help/index.html") && exists(root, "pt/help/print/index.html"));
    assert!(exists(root, "pt/index.html"), "the translated home page");
    assert!(!root.join("public/pt/learn").exists(), "untranslated Markdown pages do not exist in Portuguese");
    assert!(exists(root, "en/learn/signs/index.html") && exists(root, "es/aprende/senales/index.html"));
    let sitemap = read(root, "sitemap.xml");
    assert!(sitemap.contains("https://example.org/pt/help/us-tx/") && !sitemap.contains("/pt/learn"));
    // Open data is one language per dataset: none for a partial language.
    assert!(exists(root, "data/hsds/es/services.json") && !root.join("public/data/hsds/pt").exists());
    assert!(read(root, "data/directory.json").contains("\"languages\": [\n    \"en\",\n    \"es\"\n  ]"));
}

#[test]
fn fallback_texts_carry_their_language() {
    let (site, _) = built();
    let root = site.path();
    let texas = read(root, "pt/help/us-tx/index.html");
    assert!(texas.starts_with("<!doctype html><html lang=pt>"), "{}", &texas[..60]);
    let main = main_of(&texas);
    for marked in [
        // The region has no Portuguese name, the page's words no theme file.
        "<h1><span lang=es>A quién llamar</span>: <span lang=es>Texas</span></h1>",
        // An entry with no Portuguese name or description.
        "<h3><span lang=es>Línea de EE. UU.</span></h3>",
        "<p><span lang=es>La línea de EE. UU.</span></p>",
        // A Spanish sentence naming a country in Portuguese.
        "<span lang=es>En todo el país: <span lang=pt>Estados Unidos</span></span>",
        // Translated name, untranslated description.
        "<h3>Linha mexicana</h3>",
        "<p><span lang=es>La línea mexicana.</span></p>",
        // Translated entirely: nothing to mark.
        "<h3>Emergência: 911</h3>",
        "<p>Perigo agora.</p>",
    ] {
        assert!(main.contains(marked), "`{marked}` not in {main}");
    }

    let baja = main_of(&read(root, "pt/help/mx-bcn/index.html")).to_string();
    assert!(baja.contains("<span lang=es>Pregunte por Ana.</span>"), "a contact's note: {baja}");
    assert!(baja.contains(": Baixa Califórnia</h1>"), "the region's own Portuguese name: {baja}");
    let index = main_of(&read(root, "pt/help/index.html")).to_string();
    assert!(index.contains("<span lang=es>Ciudad de México</span>") && index.contains(">Baixa Califórnia<"));
    let flyer = main_of(&read(root, "pt/help/mx-bcn/print/index.html")).to_string();
    assert!(flyer.contains("<span lang=es>Albergue de Tijuana</span>"), "{flyer}");
    let cards = main_of(&read(root, "pt/help/mx-bcn/cards/index.html")).to_string();
    assert!(cards.contains("<span lang=es>A quién llamar</span> · Baixa Califórnia"), "{cards}");
    let home = main_of(&read(root, "pt/index.html")).to_string();
    assert!(home.contains("<div lang=es><figure class=chart"), "the chart, whole, in Spanish: {home}");

    // Every Spanish text that Portuguese pages show, whatever the template,
    // is inside an element marked Spanish: the theme's Spanish strings and
    // the Spanish-only texts of the fixture.
    let mut spanish: Vec<String> =
        ["Línea de EE. UU.", "Ciudad de México", "Albergue de Tijuana", "Víctimas identificadas"]
            .map(String::from)
            .to_vec();
    for file in ["en", "help.en", "print.en"] {
        let read_strings = |name: &str| -> std::collections::BTreeMap<String, String> {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{name}.yaml"));
            serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
        };
        let english = read_strings(file);
        for (key, text) in read_strings(&file.replace("en", "es")) {
            if english.get(&key) == Some(&text) || text.contains('<') {
                continue;
            }
            spanish.extend(text.split(['{', '}']).step_by(2).filter(|part| part.trim().len() >= 8).map(String::from));
        }
    }
    let mut checked = 0;
    for page in walkdir::WalkDir::new(root.join("public/pt")).into_iter().map(Result::unwrap) {
        if !page.file_type().is_file() || page.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(page.path()).unwrap();
        let texts = text_languages(&html);
        for text in &spanish {
            for (at, _) in html.match_indices(text.trim()) {
                // Text in an attribute, a `<title>` or a script has no language of its own.
                let Some((_, _, lang)) = texts.iter().find(|(start, end, _)| (*start..*end).contains(&at)) else {
                    continue;
                };
                assert_eq!(
                    lang,
                    "es",
                    "`{text}` in {} is not marked Spanish: …{}",
                    page.path().display(),
                    &html[at.saturating_sub(160)..at + text.len()]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} Spanish texts were found on the Portuguese pages");
}

/// The text between the tags of a minified page, each run with the language
/// a browser gives it: the `lang` of the nearest open element that has one.
/// A small walk keeping the open elements, which knows the end tags
/// minify-html leaves out (`</li>`, `</p>`, `</td>` and their kin).
fn text_languages(html: &str) -> Vec<(usize, usize, String)> {
    const VOID: &[&str] = &["meta", "link", "br", "wbr", "img", "input", "hr", "source", "col", "area", "base"];
    const RAW: &[&str] = &["script", "style", "title", "template"];
    const CLOSES_P: &[&str] = &[
        "p",
        "div",
        "ul",
        "ol",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "aside",
        "nav",
        "figure",
        "table",
        "header",
        "footer",
        "main",
        "details",
        "blockquote",
        "pre",
        "hr",
    ];
    // An open element of the first kind is closed by a new one of a kind in
    // the second list, unless an element of the third is open in between.
    const SIBLINGS: &[(&str, &[&str], &[&str])] = &[
        ("li", &["li"], &["ul", "ol"]),
        ("dt", &["dt", "dd"], &["dl"]),
        ("dd", &["dt", "dd"], &["dl"]),
        ("tr", &["tr"], &["table", "thead", "tbody"]),
        ("td", &["td", "th", "tr"], &["tr", "table"]),
        ("th", &["td", "th", "tr"], &["tr", "table"]),
        ("thead", &["tbody"], &["table"]),
    ];
    let mut open: Vec<(String, Option<String>)> = Vec::new();
    let mut runs = Vec::new();
    let lang_of =
        |open: &[(String, Option<String>)]| open.iter().rev().find_map(|(_, l)| l.clone()).unwrap_or_default();
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = html[at..].find('<').map(|i| at + i) else {
            runs.push((at, html.len(), lang_of(&open)));
            break;
        };
        if lt > at {
            runs.push((at, lt, lang_of(&open)));
        }
        let gt = html[lt..].find('>').map_or(html.len(), |i| lt + i);
        let tag = &html[lt + 1..gt];
        at = gt + 1;
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(i);
            }
            continue;
        }
        if tag.starts_with('!') {
            continue;
        }
        let name = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if open.last().is_some_and(|(n, _)| n == "p") && CLOSES_P.contains(&name.as_str()) {
            open.pop();
        }
        for (kind, closed_by, scope) in SIBLINGS {
            if closed_by.contains(&name.as_str()) {
                let scope_at = open.iter().rposition(|(n, _)| scope.contains(&n.as_str()));
                if let Some(i) = open.iter().rposition(|(n, _)| n == kind)
                    && scope_at.is_none_or(|s| s < i)
                {
                    open.truncate(i);
                }
            }
        }
        if RAW.contains(&name.as_str()) {
            // Its text is not shown as text of the page.
            at = html[at..].find(&format!("</{name}>")).map_or(html.len(), |i| at + i);
            continue;
        }
        let lang = tag
            .split([' ', '\n'])
            .skip(1)
            .find_map(|attr| attr.strip_prefix("lang="))
            .map(|v| v.trim_end_matches('/').trim_matches('"').to_string());
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            open.push((name, lang));
        }
    }
    runs
}

#[test]
fn the_switcher_and_hreflang_list_only_real_translations() {
    let (site, _) = built();
    let root = site.path();
    let signs = read(root, "en/learn/signs/index.html");
    let langs: Vec<String> = hreflangs(&signs).into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["en", "es", "x-default"], "no Portuguese translation, no `pt` alternate");
    assert!(
        signs.contains(
            "<a href=/pt/ hreflang=pt lang=pt>Português <small>(<span lang=es>página de inicio, esta página no está traducida</span>)</small></a>"
        ),
        "the switcher says the page has no Portuguese translation: {signs}"
    );
    assert!(signs.contains("<a href=/es/aprende/senales/ hreflang=es lang=es>Español</a>"));

    let home = read(root, "pt/index.html");
    let alternates = hreflangs(&home);
    let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["en", "es", "pt", "x-default"]);
    let texas = read(root, "pt/help/us-tx/index.html");
    let alternates = hreflangs(&texas);
    assert_eq!(alternates[2], ("pt".to_string(), "https://example.org/pt/help/us-tx/".to_string()));
    assert!(texas.contains("<a href=/es/help/us-tx/ hreflang=es lang=es>Español</a>"), "{texas}");

    // The landing page lists every language, each in its own words.
    let landing = read(root, "index.html");
    assert!(landing.contains("<section aria-labelledby=enter-pt lang=pt><h2 id=enter-pt><a href=/pt/>Português</a></h2><p>Um site de teste."), "{landing}");
    assert!(landing.contains("id=who-to-call-pt lang=pt"), "the Portuguese numbers on the landing page");
}

#[test]
fn check_strict_fails_on_fallbacks_one_warning_per_file_and_language() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(FIXTURE), dir.path());
    let report = faro::check_site(dir.path(), &LoadOptions::default());
    let diags = &report.diagnostics;
    assert!(!diags.has_errors(), "{}", diags.render(false));
    let fallbacks: faro::Diagnostics = diags.iter().filter(|d| d.message.starts_with("`pt` ")).cloned().collect();
    assert!(fallbacks.iter().all(|d| d.severity == Severity::Warning));
    insta::assert_snapshot!(fallbacks.render(false));

    let faro = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_faro")).args(args).env("NO_COLOR", "1").output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let root = dir.path().to_str().unwrap();
    let (code, stderr) = faro(&["check", "--strict", "--root", root]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("warning(s), which fail the check with --strict"), "{stderr}");
    let (code, _) = faro(&["check", "--root", root]);
    assert_eq!(code, Some(0), "without --strict, fallbacks do not fail the check");

    // A build says it in one line for the language.
    let (code, stderr) = faro(&["build", "--root", root]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning[W0910]: `pt`")).collect();
    assert_eq!(
        lines,
        ["warning[W0910]: `pt` is partly translated: 139 texts in 7 files are shown from its fallback (es → en)"]
    );
    assert!(stderr.contains("content/site.yaml:8:43"), "{stderr}");
}

#[test]
fn without_a_fallback_missing_texts_are_errors_that_do_not_snowball() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(FIXTURE), dir.path());
    let settings = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&settings).unwrap().replace(", fallback: es}", "}");
    fs::write(&settings, text).unwrap();
    let diags = faro::check(dir.path(), &LoadOptions::default());
    let errors: faro::Diagnostics = diags.iter().filter(|d| d.is_error()).cloned().collect();
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert!(!messages.iter().any(|m| m.contains("unknown region")), "{messages:#?}");
    let theme: Vec<&&str> = messages.iter().filter(|m| m.contains("theme")).collect();
    assert_eq!(theme, [&"the theme has no interface strings for `pt`"], "one error for the missing file");
    insta::assert_snapshot!(errors.render(false));
}

#[test]
fn a_title_shown_from_the_fallback_is_marked_with_its_language() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(FIXTURE), dir.path());
    let settings = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let without_pt = text.replace(", pt: Site de Teste}", "}");
    assert_ne!(without_pt, text, "the fixture's title changed");
    std::fs::write(&settings, without_pt).unwrap();
    crate::common::build(dir.path()).unwrap_or_else(|e| panic!("the build failed: {e:?}"));
    let page = read(dir.path(), "pt/index.html");
    assert!(page.contains(" lang=es>Sitio de Prueba</a>"), "{}", &page[page.find("site-title").unwrap_or(0)..][..120]);
    let own = read(dir.path(), "es/index.html");
    assert!(
        own.contains(">Sitio de Prueba</a>") && !own.contains(" lang=es>Sitio de Prueba</a>"),
        "no mark in its own language"
    );
}
