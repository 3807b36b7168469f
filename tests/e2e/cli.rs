//! The `faro` binary as editors run it: exit codes and what it prints.

use std::process::Command;

use crate::common::site_with;

fn faro(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_faro")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn build_exits_zero_and_says_what_it_built() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, stderr) = faro(&["build", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("built 49 pages"), "{stderr}");
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn content_errors_exit_one_naming_file_and_line() {
    let site = site_with(Some("unknown-key"));
    let (code, stderr) = faro(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/learn/hotline.en.md:2:1"), "{stderr}");
    assert!(stderr.contains("help: did you mean `title`?"), "{stderr}");
    assert!(stderr.contains("the previous output is unchanged"), "{stderr}");
    let (code, _) = faro(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1);
}

#[test]
fn usage_and_io_problems_exit_two() {
    let empty = tempfile::tempdir().unwrap();
    let (code, stderr) = faro(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no content/site.yaml"), "{stderr}");
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, stderr) = faro(&["build", "--root", root, "--out", root]);
    assert_eq!(code, 2, "{stderr}");
    assert!(site.path().join("content/site.yaml").is_file(), "the site must survive");
    let (code, _) = faro(&["build", "--base-url", "not a url"]);
    assert_eq!(code, 2);
    let (code, _) = faro(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn check_writes_nothing_and_strict_fails_on_warnings() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, stderr) = faro(&["check", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.path().join("public").exists());
    let (code, stderr) = faro(&["check", "--root", root, "--strict"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn check_ends_with_the_translation_coverage_table() {
    let site = site_with(None);
    let (code, stderr) = faro(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("translation coverage\n  language    pages  errors  missing  coverage\n"), "{stderr}");
    assert!(stderr.contains("  missing in es: learn/what-is, stories/_index, stories/ana\n"), "{stderr}");
}

#[test]
fn new_page_story_and_service_create_files_that_build() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let stdout = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_faro")).args(args).env("NO_COLOR", "1").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let page = stdout(&["new", "--root", root, "page", "learn/know-your-rights"]);
    assert_eq!(page.lines().count(), 2, "{page}");
    assert!(page.lines().all(|l| l.ends_with(".md")), "{page}");
    assert!(site.path().join("content/learn/know-your-rights.en.md").is_file());
    assert!(site.path().join("content/learn/know-your-rights.es.md").is_file());
    stdout(&["new", "--root", root, "story", "maria"]);
    std::fs::remove_dir_all(site.path().join("content/directory")).unwrap();
    let (code, stderr) = faro(&["new", "--root", root, "service", "us-tx-example"]);
    assert_eq!(code, 2, "a site without a directory gets no entry: {stderr}");
    assert!(stderr.contains("create content/directory/regions.yaml"), "{stderr}");
    let regions = crate::common::fixture("valid").join("content/directory/regions.yaml");
    std::fs::create_dir_all(site.path().join("content/directory")).unwrap();
    std::fs::copy(regions, site.path().join("content/directory/regions.yaml")).unwrap();
    stdout(&["new", "--root", root, "service", "us-tx-example"]);
    assert!(site.path().join("content/directory/us-tx-example.yaml").is_file());

    // The new files build, and publish nothing until an editor says so.
    let (code, stderr) = faro(&["build", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.path().join("public/en/learn/know-your-rights").exists(), "a new page starts as a draft");
    let (code, stderr) = faro(&["build", "--root", root, "--drafts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.path().join("public/en/learn/know-your-rights/index.html").is_file());
    assert!(site.path().join("public/es/aprende/know-your-rights/index.html").is_file());

    // Nothing is overwritten.
    let (code, stderr) = faro(&["new", "--root", root, "page", "learn/know-your-rights"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("content/learn/know-your-rights.en.md already exists"), "{stderr}");

    // An entry uncommented without deciding its fields: the build names each
    // one the editor must fill in from the source, instead of publishing a guess.
    let stub = site.path().join("content/directory/us-tx-example.yaml");
    let text = std::fs::read_to_string(&stub).unwrap();
    let uncommented: String = text
        .lines()
        .filter(|l| {
            *l != "[]"
                && !l.starts_with("# A help")
                && !l.starts_with("# commented")
                && !l.starts_with("# checked")
                && !l.starts_with("# line when")
        })
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&stub, uncommented).unwrap();
    let (code, stderr) = faro(&["check", "--root", root]);
    assert_eq!(code, 1, "{stderr}");
    for field in ["unknown kind ``", "unknown `answered_by` value ``", "content/directory/us-tx-example.yaml"] {
        assert!(stderr.contains(field), "{field}: {stderr}");
    }
    for key in ["hours", "confidential"] {
        assert!(stderr.lines().any(|l| l.contains(&format!("{key}: \"\""))), "{key} is pointed at: {stderr}");
    }
}

#[test]
fn check_takes_the_real_address_as_build_does() {
    // A site with flyers, whose QR codes would lead to the placeholder address.
    let site = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&crate::common::fixture("directory-reach"), site.path());
    let root = site.path().to_str().unwrap();
    let (code, stderr) = faro(&["check", "--root", root, "--strict"]);
    assert_eq!(code, 1, "the placeholder address is a warning: {stderr}");
    assert!(stderr.contains("base_url"), "{stderr}");
    insta::assert_snapshot!(stderr);
    let (code, stderr) = faro(&["check", "--root", root, "--strict", "--base-url", "https://help.faro-site.org/"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = faro(&["check", "--root", root, "--base-url", "https://[::1"]);
    assert_eq!(code, 2, "a malformed address is a usage error: {stderr}");
}

/// `faro check | head -1`: the reader closes the pipe long before the end.
#[test]
fn a_closed_output_pipe_ends_faro_quietly_never_with_a_panic() {
    let site = site_with(None);
    // Thousands of warnings: far more output than a pipe holds.
    let vague: String = (0..3000).map(|i| format!("- [click here](https://example.org/{i})\n")).collect();
    std::fs::write(site.path().join("content/learn/vague.en.md"), format!("---\ntitle: Vague\n---\n{vague}")).unwrap();
    let script = format!(
        "set -o pipefail; '{}' check --root '{}' 2>&1 | head -1 >/dev/null",
        env!("CARGO_BIN_EXE_faro"),
        site.path().display()
    );
    for _ in 0..50 {
        let status = Command::new("bash").args(["-c", &script]).env("NO_COLOR", "1").status().unwrap();
        let code = status.code().unwrap_or(-1);
        assert!(matches!(code, 0 | 1 | 141), "faro check | head -1 exited {code} (101 is a panic)");
    }
}

/// A stub from `faro new page` published with only `draft:` deleted, and its
/// Spanish file left with the English title: `build` says so, as `check` does.
#[test]
fn build_warns_about_placeholder_text_and_untranslated_titles() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, stderr) = faro(&["new", "--root", root, "page", "learn/know-your-rights"]);
    assert_eq!(code, 0, "{stderr}");
    for lang in ["en", "es"] {
        let path = site.path().join(format!("content/learn/know-your-rights.{lang}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let published: String = text.lines().filter(|l| !l.starts_with("draft:")).map(|l| format!("{l}\n")).collect();
        let same_title = published
            .replace("title: \"Know your rights\" # traduzca el título y el texto", "title: \"Know your rights\"");
        std::fs::write(&path, same_title).unwrap();
    }
    for command in ["build", "check"] {
        let (code, stderr) = faro(&[command, "--root", root]);
        assert_eq!(code, 0, "{command}: {stderr}");
        for lang in ["en", "es"] {
            assert!(
                stderr.contains(&format!(
                    "warning[W0312]: this page still has the placeholder text that `faro new` wrote\n --> content/learn/know-your-rights.{lang}.md:"
                )),
                "{command}, {lang}: {stderr}"
            );
        }
        assert!(
            stderr.contains("warning[W0911]: the title is the same as the `en` page's: is it translated?\n --> content/learn/know-your-rights.es.md:2:1"),
            "{command}: {stderr}"
        );
        assert_eq!(stderr.matches("placeholder text that").count(), 2, "{command}: reported once per page: {stderr}");
        if command == "check" {
            insta::assert_snapshot!(stderr);
        }
    }
}
