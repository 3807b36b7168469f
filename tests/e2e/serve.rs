//! `faro serve` end to end, as an editor uses it: the preview of a copy of the
//! shipped site on a free loopback port picks up an edited page, template
//! and directory file; a broken edit keeps the last good page, with the
//! errors over it, until it is fixed; open pages are told to reload over the
//! websocket; and no path trick reaches a file outside the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use std::{fs, thread};

use crate::common::copy_dir;

/// A running preview, stopped when dropped.
struct Preview {
    child: Child,
    addr: String,
    site: tempfile::TempDir,
    /// What the preview prints, line by line.
    log: mpsc::Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    fn start() -> Preview {
        Preview::start_with(|_| {})
    }

    /// Starts on a copy of the shipped site, changed by `prepare` first.
    fn start_with(prepare: impl FnOnce(&Path)) -> Preview {
        let site = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["content", "themes"] {
            copy_dir(&repo.join(folder), &site.path().join(folder));
        }
        prepare(site.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_faro"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let addr = loop {
            let line = rx.recv_timeout(Duration::from_secs(30)).expect("the preview starts and says where");
            if let Some(rest) = line.strip_prefix("serving http://") {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        Preview { child, addr, site, log: rx }
    }

    /// Waits for a line of the preview's output containing `text`.
    fn printed(&self, text: &str) -> String {
        loop {
            let line =
                self.log.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("never printed `{text}`"));
            if line.contains(text) {
                return line;
            }
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    /// Sends a raw request line for `target` (sent exactly as given, so path
    /// tricks reach the server unchanged) and returns status, headers and body.
    fn get_with(&self, target: &str, host: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    fn get(&self, target: &str) -> (u16, String, String) {
        self.get_with(target, &self.addr)
    }

    /// Waits until the body of `target` satisfies `test`.
    fn until(&self, target: &str, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, _, body) = self.get(target);
            if test(&body) {
                return body;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{target}: {what} did not happen");
            thread::sleep(Duration::from_millis(50));
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn edits_show_up_broken_edits_keep_the_last_good_site() {
    let preview = Preview::start();
    let (status, head, body) = preview.get("/en/safety/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(body.contains("/__faro/live"), "pages carry the reload script");

    // A page.
    let page = preview.path("content/safety.en.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nA sentence written in the preview.\n").unwrap();
    preview.until("/en/safety/", "the page edit", |b| b.contains("A sentence written in the preview."));
    // Only that page was rendered again.
    assert!(preview.printed("updated ").contains("updated safety.en in"));

    // Saved the way `sed -i` and some editors save: a temporary copy renamed
    // over the page. Still only that page is rendered again.
    let temporary = preview.path("content/sedX1b2c3");
    fs::write(&temporary, fs::read_to_string(&page).unwrap() + "\nA sentence saved by renaming.\n").unwrap();
    fs::rename(&temporary, &page).unwrap();
    preview.until("/en/safety/", "the renamed save", |b| b.contains("A sentence saved by renaming."));
    assert!(preview.printed("updated ").contains("updated safety.en in"), "a renamed save renders only its page");

    // A story's title: the story, its section's listing and feed follow.
    edit(
        &preview.path("content/stories/carmen.en.md"),
        "title: \"Carmen: I got my life back\"",
        "title: \"Carmen, free again\"",
    );
    preview.until("/en/stories/", "the listing", |b| b.contains("Carmen, free again"));
    preview.until("/en/stories/atom.xml", "the feed", |b| b.contains("<title>Carmen, free again</title>"));
    assert!(preview.printed("updated ").contains("stories/_index.en, stories/carmen.en in"));

    // Its date: the sitemap's entry follows.
    edit(&preview.path("content/stories/carmen.en.md"), "date: 2017-11-02", "date: 2017-11-03");
    preview
        .until("/sitemap.xml", "the sitemap", |b| b.contains("/en/stories/carmen/</loc><lastmod>2017-11-03</lastmod>"));
    assert!(preview.printed("updated ").contains("stories/_index.en, stories/carmen.en in"));

    // A template.
    edit(&preview.path("themes/default/templates/base.html"), "</footer>", "<p>Footer from the preview.</p></footer>");
    preview.until("/es/", "the template edit", |b| b.contains("Footer from the preview."));
    assert!(preview.printed("built ").starts_with("built "), "a template change builds every page");

    // A directory file.
    edit(
        &preview.path("content/directory/united-states.yaml"),
        "Police, fire or ambulance",
        "Police, fire or an ambulance",
    );
    preview.until("/en/help/us-tx/", "the directory edit", |b| b.contains("Police, fire or an ambulance"));

    // A first static/ folder, created while the preview runs.
    fs::create_dir_all(preview.path("static")).unwrap();
    fs::write(preview.path("static/leaflet.txt"), "Call 911.\n").unwrap();
    preview.until("/leaflet.txt", "the new static file", |b| b == "Call 911.\n");

    // A typo in front matter: the errors over the last good page.
    edit(&page, "title:", "titel:");
    let broken = preview.until("/en/safety/", "the error overlay", |b| b.contains("id=\"faro-errors\""));
    assert!(broken.contains("content/safety.en.md:2:1"), "the overlay names file, line and column");
    assert!(broken.contains("did you mean `title`?"), "and how to fix it");
    assert!(broken.contains("A sentence written in the preview."), "the last good page is still served");
    let (_, _, other) = preview.get("/es/");
    assert!(other.contains("id=\"faro-errors\""), "every page shows the errors");

    // Fixed: the overlay goes.
    edit(&page, "titel:", "title:");
    preview.until("/en/safety/", "the fix", |b| !b.contains("faro-errors") && b.contains("A sentence"));
}

#[test]
fn open_pages_are_told_to_reload() {
    let preview = Preview::start();
    let mut socket = TcpStream::connect(&preview.addr).unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        socket,
        "GET /__faro/live HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        preview.addr
    )
    .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        socket.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");

    let page = preview.path("content/safety.es.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nOtra frase.\n").unwrap();
    let mut frame = [0u8; 8];
    socket.read_exact(&mut frame).unwrap();
    assert_eq!(&frame, b"\x81\x06reload", "one text frame saying reload");
}

#[cfg(unix)]
#[test]
fn only_files_of_the_site_are_served() {
    // A static file, and links in static/ to files outside the site.
    let preview = Preview::start_with(|site| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        fs::create_dir_all(site.join("static")).unwrap();
        fs::write(site.join("static/leaflet.txt"), "Call 911.\n").unwrap();
        std::os::unix::fs::symlink(repo.join("Cargo.toml"), site.join("static/cargo.txt")).unwrap();
        std::os::unix::fs::symlink(repo.join("src"), site.join("static/src")).unwrap();
    });
    let (status, head, body) = preview.get("/leaflet.txt");
    assert_eq!((status, body.as_str()), (200, "Call 911.\n"));
    assert!(head.contains("content-type: text/plain"), "{head}");
    for trick in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/en/..%2f..%2f..%2fCargo.toml",
        "/en/%2e%2e/%2e%2e/content/site.yaml",
        "//etc/passwd",
        "/..%5c..%5cCargo.toml",
        "/content/site.yaml",
        "/cargo.txt",
        "/src/main.rs",
    ] {
        let (status, _, body) = preview.get(trick);
        assert_eq!(status, 404, "{trick}");
        assert!(!body.contains("[package]") && !body.contains("exit_url"), "{trick} leaked a file");
    }
    let (status, _, body) = preview.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<main"), "unknown paths get the site's 404 page");
    let (status, head, _) = preview.get("/en");
    assert_eq!(status, 301);
    assert!(head.contains("location: /en/"), "{head}");
    let (status, head, _) = preview.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml"), "{head}");
    let (status, _, _) = preview.get_with("/en/", "attacker.example");
    assert_eq!(status, 403, "a page of another site cannot read the preview through its own domain name");
}
