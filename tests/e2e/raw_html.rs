//! What a page's own text may not carry: raw HTML unless the site allows
//! it (and then `check` still warns about scripts, event handlers, frames
//! and `javascript:` addresses), an unclosed comment, control characters,
//! nesting deep enough to overflow the writer's stack; and a malformed base
//! URL. Each is refused with the file and line, never a crash.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{build, site_with};
use faro::{BuildError, Diagnostics, LoadOptions};

/// A copy of the valid fixture site with one more English page.
fn site_with_page(body: &str, allow: bool) -> tempfile::TempDir {
    let site = site_with(None);
    fs::write(site.path().join("content/learn/own.en.md"), format!("---\ntitle: Own HTML\n---\n{body}")).unwrap();
    if allow {
        let settings = site.path().join("content/site.yaml");
        let text = fs::read_to_string(&settings).unwrap();
        fs::write(&settings, format!("{text}raw_html: allow\n")).unwrap();
    }
    site
}

/// The problems `check` finds in the added page, rendered.
fn problems(root: &Path) -> Vec<String> {
    let diags: Diagnostics = faro::check(root, &LoadOptions::default());
    diags
        .iter()
        .filter(|d| d.position().is_some_and(|(file, _, _)| file.ends_with("own.en.md")))
        .map(|d| d.render(false))
        .collect()
}

fn build_fails(root: &Path) -> Diagnostics {
    match build(root) {
        Err(BuildError::Content(d)) => d,
        other => panic!("the build must fail: {other:?}"),
    }
}

#[test]
fn raw_html_is_an_error_unless_the_site_allows_it() {
    let body = "Intro.\n\n<div class=\"box\">Boxed</div>\n\nText with <span>inline</span> HTML.\n\n<!-- an editor's note -->\n";
    let site = site_with_page(body, false);
    let found = problems(site.path());
    // The block, then the inline start and end tags; the comment is no markup.
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().all(|d| d.starts_with("error[E0404]: this page writes HTML of its own")), "{found:#?}");
    assert!(found[0].contains("content/learn/own.en.md:6:1"), "{}", found[0]);
    assert!(found[0].contains("raw_html: allow"), "{}", found[0]);
    assert!(found[1].contains("own.en.md:8:11") && found[2].contains("own.en.md:8:23"), "{found:#?}");
    build_fails(site.path());

    let site = site_with_page(body, true);
    assert!(problems(site.path()).is_empty(), "{:#?}", problems(site.path()));
    build(site.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let page = fs::read_to_string(site.path().join("public/en/learn/own/index.html")).unwrap();
    assert!(page.contains("<div class=box>Boxed</div>"), "{page}");
}

#[test]
fn allowed_html_still_warns_about_scripts_handlers_frames_and_javascript_urls() {
    let body = "<script>alert(1)</script>\n\n<img src=x.png alt=\"x\" onerror=\"alert(1)\">\n\n<iframe src=\"https://example.org/\"></iframe>\n\nA <a href=\"javascript:go()\">link</a> and [another](javascript:go()).\n";
    let site = site_with_page(body, true);
    let found = problems(site.path());
    let summary: Vec<(&str, &str)> = found
        .iter()
        .map(|d| {
            let first = d.lines().next().unwrap();
            let at = d.lines().find(|l| l.contains("--> ")).unwrap().trim().trim_start_matches("--> ");
            (first, at)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("warning[W0413]: this page's HTML has a `<script>` element", "content/learn/own.en.md:4:1"),
            (
                "warning[W0413]: this page's HTML has an event handler (`onerror=` on `<img>`)",
                "content/learn/own.en.md:6:1"
            ),
            (
                "warning[W0413]: this page's HTML has an `<iframe>` element, which loads another page into this one",
                "content/learn/own.en.md:8:1"
            ),
            (
                "warning[W0413]: this page's HTML has a `javascript:` address (`href=` on `<a>`)",
                "content/learn/own.en.md:10:3"
            ),
            ("warning[W0412]: this link runs a script instead of leading to a page", "content/learn/own.en.md:10:42"),
        ],
        "{found:#?}"
    );
}

#[test]
fn an_unclosed_comment_is_always_an_error() {
    for allow in [false, true] {
        let site = site_with_page("Intro.\n\n<!-- hidden until the end\n\n## What to do\n\nCall for help.\n", allow);
        let found = problems(site.path());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("error[E0403]: this HTML comment is never closed"), "{}", found[0]);
        assert!(found[0].contains("content/learn/own.en.md:6:1"), "{}", found[0]);
        build_fails(site.path());
    }
}

#[test]
fn control_characters_in_page_text_are_errors() {
    let site = site_with_page("Intro.\n\nA NUL\u{0} here, a bell\u{7} there.\n", false);
    let found = problems(site.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("error[E0307]: this page contains a control character (U+0000) and 1 more"),
        "{}",
        found[0]
    );
    assert!(found[0].contains("content/learn/own.en.md:6:6"), "{}", found[0]);
    build_fails(site.path());
}

#[test]
fn deep_nesting_is_an_error_at_its_line_not_a_crash() {
    let lists: String = (0..600).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    let quotes = format!("{} deep\n", ">".repeat(1500));
    let emphasis = format!("{}deep{}\n", "*".repeat(400), "*".repeat(400));
    let html = "<div>".repeat(300);
    for (what, body, allow) in [
        ("lists", format!("Intro.\n\n{lists}"), false),
        ("quotes", format!("Intro.\n\n{quotes}"), false),
        ("emphasis", format!("Intro.\n\n{emphasis}"), false),
        ("html", format!("Intro.\n\n{html}\n"), true),
    ] {
        let site = site_with_page(&body, allow);
        let found = problems(site.path());
        assert_eq!(found.len(), 1, "{what}: {found:#?}");
        assert!(
            found[0].starts_with("error[E0308]: this part of the page is nested more than 100 levels deep"),
            "{what}"
        );
        assert!(found[0].contains("content/learn/own.en.md:"), "{what}: {}", found[0]);
        let diags = build_fails(site.path());
        assert!(!site.path().join("public").exists(), "{what}: nothing written");
        assert_eq!(diags.error_count(), 1, "{what}");
    }
    // The deepest a page may go builds.
    let fine: String = (0..48).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    let site = site_with_page(&fine, false);
    assert!(problems(site.path()).is_empty());
    build(site.path()).unwrap_or_else(|e| panic!("{e:?}"));
}

#[test]
fn a_malformed_base_url_is_refused() {
    let site = site_with(None);
    for bad in ["https://[::1", "https://[::1]x/", "https://exa mple.org/", "https://example.org:99999/"] {
        let out = Command::new(env!("CARGO_BIN_EXE_faro"))
            .args(["build", "--root", site.path().to_str().unwrap(), "--base-url", bad])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains(bad), "{bad}: {stderr}");
    }
    assert!(!site.path().join("public").exists());
    let settings = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&settings).unwrap();
    let base = text.lines().find(|l| l.starts_with("base_url:")).unwrap();
    fs::write(&settings, text.replace(base, "base_url: \"https://[::1\"")).unwrap();
    let diags = faro::check(site.path(), &LoadOptions::default());
    let found: Vec<String> = diags.iter().filter(|d| d.message.contains("base_url")).map(|d| d.render(false)).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("IPv6") && found[0].contains("content/site.yaml:"), "{}", found[0]);
}
