//! The hostile corpus (`tests/sites/hostile/`): inputs made to crash, hang or
//! mislead a build. Each case is the valid fixture site with the case's files
//! laid over it, plus what git cannot hold (FIFOs, links, very large files)
//! made here, built by the real binary. A build that runs past [`LIMIT`] is
//! killed and its case fails: a hang or quadratic slowdown shows as a failure,
//! not as a test that never ends.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{copy_dir, fixture};

/// How long one build of a hostile case may run before it is killed.
const LIMIT: Duration = Duration::from_secs(60);

struct Run {
    code: i32,
    stderr: String,
}

/// `faro build --root root`, killed after [`LIMIT`].
fn build_with_limit(root: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(["build", "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{}: the build was still running after {LIMIT:?} and was killed", root.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run { code: status.code().unwrap_or(-1), stderr: reader.join().unwrap() }
}

/// The valid site with the hostile case `case` (if any) laid over it.
fn site(case: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("valid"), &root);
    if let Some(case) = case {
        copy_dir(&fixture(&format!("hostile/{case}")), &root);
    }
    (dir, root)
}

/// The build was refused (exit 1 or 2) with a diagnostic pointing at
/// `location` (`path` or `path:line`), and nothing was published.
fn assert_refused_at(run: &Run, root: &Path, location: &str) {
    assert!(matches!(run.code, 1 | 2), "exit {} for {location}:\n{}", run.code, run.stderr);
    assert!(run.stderr.contains(&format!("--> {location}")), "no `--> {location}` in:\n{}", run.stderr);
    assert!(!root.join("public").exists(), "{location}: something was published");
}

#[test]
fn thousands_of_errors_are_reported_quickly_and_counted_past_a_hundred() {
    let (_dir, root) = site(None);
    let links: String = (0..50_000).map(|i| format!("[link {i}](missing-{i}.md)\n\n")).collect();
    fs::write(root.join("content/learn/many-links.en.md"), format!("---\ntitle: Links\n---\n{links}")).unwrap();
    let keys: String = (0..40_000).map(|i| format!("key{i}: {i}\n")).collect();
    fs::write(root.join("content/learn/many-keys.en.md"), format!("---\ntitle: Keys\n{keys}---\nText.\n")).unwrap();
    let points: String =
        (1..=30_000).map(|i| format!("  - {{label: {{en: L{i}, es: L{i}}}, value: -{i}}}\n")).collect();
    let head = "title: {en: Cases, es: Casos}\nunit: {en: cases, es: casos}\nsource:\n  name: {en: R, es: R}\n  \
                url: https://example.org/\n  period: {en: '2024', es: '2024'}\nchart: bar\nseries:\n";
    fs::create_dir_all(root.join("content/stats")).unwrap();
    fs::write(root.join("content/stats/many.yaml"), format!("{head}{points}")).unwrap();
    let run = build_with_limit(&root);
    assert_refused_at(&run, &root, "content/learn/many-links.en.md:4:");
    assert_refused_at(&run, &root, "content/learn/many-keys.en.md:3:1");
    assert_refused_at(&run, &root, "content/stats/many.yaml:9:");
    let files = [("learn/many-links.en.md", 49_900), ("learn/many-keys.en.md", 39_900), ("stats/many.yaml", 29_900)];
    for (file, hidden) in files {
        let note = format!("note: {hidden} more problems in content/{file} not shown");
        assert!(run.stderr.contains(&note), "no `{note}`");
    }
    assert!(run.stderr.matches("\nerror[").count() < 350, "every problem was printed");
    assert!(run.stderr.contains("120000 error(s)"), "the count covers every problem");
}

#[cfg(unix)]
#[test]
fn special_files_are_named_never_read() {
    use std::os::unix::fs::symlink;
    type Make = fn(&Path, &Path);
    let fifo: Make = |root, _| {
        for path in ["content/learn/fifo.en.md", "static/pipe"] {
            let made = Command::new("mkfifo").arg(root.join(path)).status().unwrap();
            assert!(made.success());
        }
    };
    let zero: Make = |root, _| symlink("/dev/zero", root.join("content/learn/zero.en.md")).unwrap();
    let passwd: Make = |root, _| symlink("/etc/passwd", root.join("content/learn/passwd.en.md")).unwrap();
    let outside: Make = |root, holder| {
        let page = holder.join("outside.en.md");
        fs::write(&page, "---\ntitle: Private notes\n---\nNot for the public.\n").unwrap();
        symlink(&page, root.join("content/learn/outside.en.md")).unwrap();
    };
    let big_page: Make = |root, _| {
        let body = "A sentence of an overly long page.\n".repeat(90_000);
        fs::write(root.join("content/learn/big.en.md"), format!("---\ntitle: Big\n---\n{body}")).unwrap();
    };
    let big_front: Make = |root, _| {
        let front = "note: padding padding padding padding\n".repeat(1_400_000);
        fs::write(root.join("content/learn/front.en.md"), format!("---\ntitle: Front\n{front}---\nText.\n")).unwrap();
    };
    let escape: Make = |root, _| {
        fs::write(root.join("content/learn/\u{1b}[2Jred.en.md"), "---\ntitle: Red\n---\nText.\n").unwrap();
    };
    let cases: [(&str, Make, &str, &str); 7] = [
        ("fifo", fifo, "content/learn/fifo.en.md", "not a regular file (a named pipe)"),
        ("/dev/zero", zero, "content/learn/zero.en.md", "not a regular file (a device)"),
        ("/etc/passwd", passwd, "content/learn/passwd.en.md", "outside the site's folder"),
        ("outside", outside, "content/learn/outside.en.md", "outside the site's folder"),
        ("3 MB page", big_page, "content/learn/big.en.md", "more than the 2.0 MB"),
        ("50 MB front matter", big_front, "content/learn/front.en.md", "more than the 2.0 MB"),
        ("escape in a name", escape, "content/learn/\\u{1b}[2Jred.en.md:1:1", "cannot be a URL segment"),
    ];
    for (name, make, location, message) in cases {
        let (dir, root) = site(None);
        make(&root, dir.path());
        let run = build_with_limit(&root);
        assert_refused_at(&run, &root, location);
        assert!(run.stderr.contains(message), "{name}: no `{message}` in:\n{}", run.stderr);
        assert!(!run.stderr.contains("root:x:0:0") && !run.stderr.contains("Private notes"), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}'), "{name}: a raw escape reached the terminal");
    }
}

#[test]
fn deep_nesting_is_an_error_at_its_line() {
    let (_dir, root) = site(Some("deep-nesting"));
    let list: String = (0..600).map(|depth| format!("{}- level {depth}\n", "  ".repeat(depth))).collect();
    fs::write(root.join("content/deep-list.en.md"), format!("---\ntitle: Deep list\n---\n{list}")).unwrap();
    let run = build_with_limit(&root);
    assert_refused_at(&run, &root, "content/deep-list.en.md:");
    assert_refused_at(&run, &root, "content/deep-quote.en.md:4:");
}

#[test]
fn contacts_a_link_cannot_carry_and_absurd_chart_values_are_errors() {
    let (_dir, root) = site(Some("bad-data"));
    let run = build_with_limit(&root);
    let cases = [
        ("content/directory/lines.yaml:9:", "`+1 888 373 78AB` has letters in it"),
        ("content/directory/lines.yaml:10:", "`1-800-FLOWERS` has letters in it"),
        ("content/directory/lines.yaml:11:", "has an extension"),
        ("content/directory/lines.yaml:12:", "is not a plain email address"),
        ("content/stats/huge.yaml:10:", "`1.8e17` is too large for a chart"),
    ];
    for (location, message) in cases {
        assert_refused_at(&run, &root, location);
        assert!(run.stderr.contains(message), "no `{message}` in:\n{}", run.stderr);
    }
}

/// Text that tries to end the JSON-LD block or to run in a spreadsheet is
/// valid data: the site builds, every page keeps its quick exit after the
/// JSON-LD, and the CSV files hold no live formula.
#[test]
fn injected_comments_and_formulas_stay_text() {
    let (_dir, root) = site(Some("injection"));
    let run = build_with_limit(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = root.join("public");
    let page = fs::read_to_string(public.join("en/help/us/index.html")).unwrap();
    let block = page.find("application/ld+json").expect("a JSON-LD block");
    let block_end = block + page[block..].find("</script>").unwrap();
    let json_ld = &page[block..block_end];
    assert!(json_ld.contains("Org \\u003c!--"), "{json_ld}");
    assert!(!json_ld.contains('<'), "{json_ld}");
    let quick_exit = page.rfind("getElementById(\"exit\")").expect("the quick-exit script");
    assert!(quick_exit > block_end, "the quick-exit script must come after the JSON-LD");
    assert!(page.contains("class=\"exit-bar\"") || page.contains("class=exit-bar"), "the quick-exit bar");

    let mut cells = 0;
    for lang in ["en", "es"] {
        for table in ["organizations.csv", "services.csv"] {
            let path = public.join("data/hsds").join(lang).join(table);
            let mut reader = csv::Reader::from_path(&path).unwrap();
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    let plain_number = cell.trim_start_matches(['+', '-']).parse::<f64>().is_ok();
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || plain_number,
                        "{lang}/{table}: {cell:?}"
                    );
                    cells += usize::from(cell.starts_with('\''));
                }
            }
        }
    }
    assert!(cells >= 8, "{cells} neutralised cells");
}
