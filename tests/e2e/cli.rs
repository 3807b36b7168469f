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
    assert!(stderr.contains("built 13 pages"), "{stderr}");
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
