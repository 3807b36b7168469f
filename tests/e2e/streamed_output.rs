//! Pages are written as they are rendered, into a staging folder beside the
//! output: a build that fails half-way through writing them must leave the
//! previous output exactly as it was and nothing of its own behind, and a
//! build that succeeds leaves only the new output (the previous one, moved
//! aside, is removed by the time `faro build` ends).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{copy_dir, fixture, snapshot_tree};

fn faro(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_faro")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The names beside the output folder that are not the site's own.
fn beside_output(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

/// The valid fixture site with its own copy of the theme, and many pages in
/// `learn/` so that a build is still writing pages when it meets the bad one.
fn many_pages(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    copy_dir(&fixture("valid"), &site);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &site.join("themes/default"));
    for i in 0..300 {
        for lang in ["en", "es"] {
            let page = format!("---\ntitle: Page {i}\n---\n\nSee [the next page](extra-{}.md).\n", (i + 1) % 300);
            fs::write(site.join(format!("content/learn/extra-{i}.{lang}.md")), page).unwrap();
        }
    }
    site
}

#[test]
fn a_build_failing_while_pages_are_written_leaves_the_previous_output() {
    // Each mistake is found only when its page is rendered, after the
    // output's paths were checked and while other pages are being written.
    let mistakes: [(&str, &str, &str); 2] = [
        ("content/learn/extra-150.en.md", "---\ntitle: Page 150\n---\n\nSee [a page that is gone](gone.md).\n", "gone"),
        ("content/learn/extra-200.es.md", "---\ntitle: Página 200\ntemplate: odd.html\n---\n\nTexto.\n", "odd.html"),
    ];
    for (file, text, named) in mistakes {
        let dir = tempfile::tempdir().unwrap();
        let site = many_pages(dir.path());
        fs::write(
            site.join("themes/default/templates/odd.html"),
            "{% extends \"base.html\" %}{% block main %}{{ no_such_variable.field }}{% endblock main %}",
        )
        .unwrap();
        let root = site.to_str().unwrap();
        let (code, stderr) = faro(&["build", "--root", root]);
        assert_eq!(code, 0, "{stderr}");
        let before = snapshot_tree(&site.join("public"));
        assert!(before.len() > 600, "the first build wrote every page");

        fs::write(site.join(file), text).unwrap();
        let (code, stderr) = faro(&["build", "--root", root]);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert!(stderr.contains(named), "{file}: the problem is named: {stderr}");
        assert!(stderr.contains("nothing was written; the previous output is unchanged"), "{stderr}");
        assert!(before == snapshot_tree(&site.join("public")), "{file}: the previous output is untouched");
        assert_eq!(beside_output(&site), Vec::<String>::new(), "{file}: no staging folder is left");
    }
}

#[test]
fn a_successful_build_leaves_only_the_new_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = many_pages(dir.path());
    let root = site.to_str().unwrap();
    let (code, stderr) = faro(&["build", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    fs::write(site.join("content/learn/extra-7.en.md"), "---\ntitle: Renamed page\n---\n\nNew text.\n").unwrap();
    let (code, stderr) = faro(&["build", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(beside_output(&site), Vec::<String>::new(), "the previous output is removed, not left beside");
    let page = fs::read_to_string(site.join("public/en/learn/extra-7/index.html")).unwrap();
    assert!(page.contains("Renamed page") && page.contains("New text."), "the new output is in place");
}
