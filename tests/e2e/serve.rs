//! `faro serve` end to end, as an editor uses it: the preview of a copy of the
//! valid fixture site on a free loopback port picks up an edited page, template
//! and directory file; a broken edit keeps the last good page, with the
//! errors over it, until it is fixed; open pages are told to reload over the
//! websocket; and no path trick reaches a file outside the site.
//!
//! And it stays up: thousands of page loads, each opening and closing the
//! reload socket; more open pages than it takes; a large download many times
//! at once; `content/` deleted and restored. The preview runs with the
//! 1,024 open files many desktop systems allow a process, so a leak shows
//! as it would on an editor's machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use std::{fs, thread};

use crate::common::{copy_dir, fixture};

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

    /// Starts on a copy of the valid fixture site with the default theme
    /// beside it (so templates can be edited), changed by `prepare` first.
    fn start_with(prepare: impl FnOnce(&Path)) -> Preview {
        let site = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&fixture("valid"), site.path());
        copy_dir(&repo.join("themes/default"), &site.path().join("themes/default"));
        prepare(site.path());
        Preview::launch(site)
    }

    /// Starts on a copy of the valid fixture site, changed by `prepare` first.
    fn fixture_with(prepare: impl FnOnce(&Path)) -> Preview {
        let site = tempfile::tempdir().unwrap();
        copy_dir(&fixture("valid"), site.path());
        prepare(site.path());
        Preview::launch(site)
    }

    fn launch(site: tempfile::TempDir) -> Preview {
        let faro = env!("CARGO_BIN_EXE_faro");
        let mut command = if cfg!(unix) {
            let mut shell = Command::new("sh");
            shell.args(["-c", "ulimit -Sn 1024 2>/dev/null; exec \"$@\"", "sh", faro]);
            shell
        } else {
            Command::new(faro)
        };
        let mut child = command
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

    /// A connection that fails, rather than waits, when the preview stops
    /// answering.
    fn connect(&self) -> TcpStream {
        connect(&self.addr)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    /// Sends a raw request line for `target` (sent exactly as given, so path
    /// tricks reach the server unchanged) and returns status, headers and body.
    fn get_with(&self, target: &str, host: &str) -> (u16, String, String) {
        let mut stream = self.connect();
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

    /// Asks for the reload socket as a page does, with `Host: host` and the
    /// `Origin` given; the connection and the response's head.
    fn live_with(&self, host: &str, origin: Option<&str>) -> (TcpStream, String) {
        let mut socket = self.connect();
        let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
        write!(
            socket,
            "GET /__faro/live HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: Upgrade\r\nUpgrade: websocket\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8];
        while !head.ends_with(b"\r\n\r\n") {
            match socket.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => break,
            }
        }
        (socket, String::from_utf8_lossy(&head).into_owned())
    }

    /// The reload socket, open.
    fn live(&self) -> TcpStream {
        let (socket, head) = self.live_with(&self.addr, Some(&format!("http://{}", self.addr)));
        assert!(head.starts_with("HTTP/1.1 101"), "{head}");
        socket
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

/// A connection to `addr` that fails, rather than waits, when no one answers.
fn connect(addr: &str) -> TcpStream {
    let addr = addr.parse().unwrap();
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(20)).expect("the preview accepts");
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn edits_show_up_broken_edits_keep_the_last_good_site() {
    let preview = Preview::start();
    let (status, head, body) = preview.get("/en/learn/signs/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(body.contains("/__faro/live"), "pages carry the reload script");

    // A page.
    let page = preview.path("content/learn/signs.en.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nA sentence written in the preview.\n").unwrap();
    preview.until("/en/learn/signs/", "the page edit", |b| b.contains("A sentence written in the preview."));
    // Only that page was rendered again.
    assert!(preview.printed("updated ").contains("updated learn/signs.en in"));

    // Saved the way `sed -i` and some editors save: a temporary copy renamed
    // over the page. Still only that page is rendered again.
    let temporary = preview.path("content/sedX1b2c3");
    fs::write(&temporary, fs::read_to_string(&page).unwrap() + "\nA sentence saved by renaming.\n").unwrap();
    fs::rename(&temporary, &page).unwrap();
    preview.until("/en/learn/signs/", "the renamed save", |b| b.contains("A sentence saved by renaming."));
    assert!(preview.printed("updated ").contains("updated learn/signs.en in"), "a renamed save renders only its page");

    // A story's title: the story, its section's listing and feed follow.
    edit(&preview.path("content/stories/ana.en.md"), "title: Ana's story", "title: \"Ana, free again\"");
    preview.until("/en/stories/", "the listing", |b| b.contains("Ana, free again"));
    preview.until("/en/stories/atom.xml", "the feed", |b| b.contains("<title>Ana, free again</title>"));
    assert!(preview.printed("updated ").contains("stories/_index.en, stories/ana.en in"));

    // Its date: the sitemap's entry follows.
    edit(&preview.path("content/stories/ana.en.md"), "date: 2024-05-01", "date: 2024-05-02");
    preview.until("/sitemap.xml", "the sitemap", |b| b.contains("/en/stories/ana/</loc><lastmod>2024-05-02</lastmod>"));
    assert!(preview.printed("updated ").contains("stories/_index.en, stories/ana.en in"));

    // A template.
    edit(&preview.path("themes/default/templates/base.html"), "</footer>", "<p>Footer from the preview.</p></footer>");
    preview.until("/es/", "the template edit", |b| b.contains("Footer from the preview."));
    assert!(preview.printed("built ").starts_with("built "), "a template change builds every page");

    // A directory file.
    edit(
        &preview.path("content/directory/lines.yaml"),
        "description: {en: The U.S. line.",
        "description: {en: The line for the whole U.S.",
    );
    preview.until("/en/help/us-tx/", "the directory edit", |b| b.contains("The line for the whole U.S."));

    // A first static/ folder, created while the preview runs.
    fs::create_dir_all(preview.path("static")).unwrap();
    fs::write(preview.path("static/leaflet.txt"), "Call 911.\n").unwrap();
    preview.until("/leaflet.txt", "the new static file", |b| b == "Call 911.\n");

    // A typo in front matter: the errors over the last good page.
    edit(&page, "title:", "titel:");
    let broken = preview.until("/en/learn/signs/", "the error overlay", |b| b.contains("id=\"faro-errors\""));
    assert!(broken.contains("content/learn/signs.en.md:2:1"), "the overlay names file, line and column");
    assert!(broken.contains("did you mean `title`?"), "and how to fix it");
    assert!(broken.contains("A sentence written in the preview."), "the last good page is still served");
    let (_, _, other) = preview.get("/es/");
    assert!(other.contains("id=\"faro-errors\""), "every page shows the errors");

    // Fixed: the overlay goes.
    edit(&page, "titel:", "title:");
    preview.until("/en/learn/signs/", "the fix", |b| !b.contains("faro-errors") && b.contains("A sentence"));
}

#[test]
fn open_pages_are_told_to_reload() {
    let preview = Preview::start();
    let (mut socket, head) = preview.live_with(&preview.addr, None);
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");

    let page = preview.path("content/learn/signs.es.md");
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

/// What a browser sends on the reload socket when its page goes away: a
/// close frame with code 1001, masked (with a zero key) as a client's must be.
const CLOSE_GOING_AWAY: [u8; 8] = [0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe9];

/// Waits for the next frame on a reload socket and checks it says reload.
fn told_to_reload(socket: &mut TcpStream) {
    socket.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut frame = [0u8; 8];
    socket.read_exact(&mut frame).expect("a reload message");
    assert_eq!(&frame, b"\x81\x06reload", "one text frame saying reload");
}

#[test]
fn thousands_of_page_loads_leave_the_preview_up() {
    let preview = Preview::fixture_with(|_| {});
    for load in 0..3_000 {
        let (status, _, body) = preview.get("/en/");
        assert_eq!(status, 200, "page load {load}");
        assert!(body.contains("/__faro/live"), "pages carry the reload script");
        let mut socket = preview.live();
        // Leaving a page closes its socket politely; a closed tab or a
        // dropped connection just goes.
        if load % 2 == 0 {
            socket.write_all(&CLOSE_GOING_AWAY).unwrap();
        }
    }
    let (status, _, _) = preview.get("/en/");
    assert_eq!(status, 200, "still answering after 3,000 page loads");
    let mut open = preview.live();
    let page = preview.path("content/_index.en.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nOne more sentence.\n").unwrap();
    told_to_reload(&mut open);
}

#[test]
fn more_open_pages_than_it_takes_work_without_live_reload() {
    let preview = Preview::fixture_with(|_| {});
    let mut open: Vec<TcpStream> = (0..256).map(|_| preview.live()).collect();

    // One page too many: accepted, then closed with 1013 (try again later)
    // and the reason, on which the page's script stops trying.
    let mut refused = preview.live();
    let mut frame = [0u8; 4];
    refused.read_exact(&mut frame).expect("a close frame");
    assert_eq!(frame, [0x88, frame[1], 0x03, 0xf5], "a close frame with code 1013");
    let mut reason = vec![0; usize::from(frame[1]) - 2];
    refused.read_exact(&mut reason).unwrap();
    assert!(String::from_utf8(reason).unwrap().contains("too many open pages"));
    let (status, _, _) = preview.get("/en/");
    assert_eq!(status, 200, "the page itself is served");

    // A page closes: the next one gets its place.
    drop(open.pop());
    let start = Instant::now();
    let mut next = loop {
        let mut socket = preview.live();
        socket.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        let mut byte = [0u8];
        match socket.read(&mut byte) {
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                break socket;
            }
            _ => assert!(start.elapsed() < Duration::from_secs(10), "a closed page's place is never freed"),
        }
    };
    let page = preview.path("content/_index.en.md");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nOne more sentence.\n").unwrap();
    told_to_reload(&mut next);
    told_to_reload(&mut open[0]);
}

#[test]
fn the_reload_socket_answers_only_the_previews_own_pages() {
    let preview = Preview::fixture_with(|_| {});
    let addr = preview.addr.as_str();
    let port = addr.rsplit_once(':').unwrap().1;
    let own = format!("http://{addr}");
    let localhost = format!("localhost:{port}");
    let rebound = format!("attacker.example:{port}");
    for (host, origin) in [
        // A page of another site, through a domain name rebound to loopback.
        (rebound.as_str(), Some(format!("http://{rebound}"))),
        (rebound.as_str(), None),
        // A page of another site, straight at the preview's address.
        (addr, Some("http://attacker.example".to_string())),
        (addr, Some(format!("http://localhost:{port}"))),
        (addr, Some(format!("https://{addr}"))),
        (addr, Some("null".to_string())),
    ] {
        let (_, head) = preview.live_with(host, origin.as_deref());
        assert!(head.starts_with("HTTP/1.1 403"), "Host {host}, Origin {origin:?}: {head}");
    }
    for (host, origin) in
        [(addr, Some(own.clone())), (addr, None), (localhost.as_str(), Some(format!("http://{localhost}")))]
    {
        let (_, head) = preview.live_with(host, origin.as_deref());
        assert!(head.starts_with("HTTP/1.1 101"), "Host {host}, Origin {origin:?}: {head}");
    }
}

/// The most memory the process `pid` has held, in bytes.
#[cfg(target_os = "linux")]
fn peak_memory(pid: u32) -> usize {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 1024
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_static_file_is_streamed_whole_to_many_at_once() {
    const SIZE: usize = 48 << 20;
    const DOWNLOADS: usize = 10;
    let byte_at = |i: usize| (i % 251) as u8;
    let preview = Preview::fixture_with(|site| {
        fs::write(site.join("static/video.bin"), (0..SIZE).map(byte_at).collect::<Vec<u8>>()).unwrap();
    });
    let before = peak_memory(preview.child.id());
    let start = std::sync::Barrier::new(DOWNLOADS);
    let addr = preview.addr.as_str();
    thread::scope(|scope| {
        for _ in 0..DOWNLOADS {
            scope.spawn(|| {
                let mut stream = connect(addr);
                start.wait();
                write!(stream, "GET /video.bin HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
                let mut reader = BufReader::new(stream);
                let mut head = String::new();
                while !head.ends_with("\r\n\r\n") {
                    assert!(reader.read_line(&mut head).unwrap() > 0, "{head}");
                }
                let head = head.to_lowercase();
                assert!(head.starts_with("http/1.1 200"), "{head}");
                assert!(head.contains(&format!("content-length: {SIZE}\r\n")), "{head}");
                assert!(head.contains("content-type: application/octet-stream"), "{head}");
                // Every download still running while the others start.
                thread::sleep(Duration::from_millis(300));
                let mut at = 0;
                let mut chunk = vec![0; 1 << 16];
                loop {
                    let read = reader.read(&mut chunk).unwrap();
                    if read == 0 {
                        break;
                    }
                    assert!(chunk[..read].iter().enumerate().all(|(i, b)| *b == byte_at(at + i)), "byte {at}");
                    at += read;
                }
                assert_eq!(at, SIZE, "the whole file");
            });
        }
    });
    let grown = peak_memory(preview.child.id()).saturating_sub(before);
    assert!(grown < SIZE / 2, "{DOWNLOADS} downloads of {SIZE} bytes took {grown} bytes more memory");
}

#[test]
fn content_deleted_and_restored_is_watched_again() {
    let preview = Preview::fixture_with(|_| {});
    let content = preview.path("content");
    let page = preview.path("content/_index.en.md");
    let backup = tempfile::tempdir().unwrap();
    copy_dir(&content, backup.path());

    // Deleted, as by a mistaken `rm -r`, then restored from a copy.
    fs::remove_dir_all(&content).unwrap();
    preview.printed("error(s)");
    copy_dir(backup.path(), &content);
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nRestored.\n").unwrap();
    preview.until("/en/", "the restore", |b| b.contains("Restored.") && !b.contains("faro-errors"));
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nWritten after the restore.\n").unwrap();
    preview.until("/en/", "the edit after the restore", |b| b.contains("Written after the restore."));

    // Renamed away and back at once, as some sync and backup tools do.
    let aside = preview.path("content.old");
    fs::rename(&content, &aside).unwrap();
    fs::rename(&aside, &content).unwrap();
    thread::sleep(Duration::from_millis(500));
    fs::write(&page, fs::read_to_string(&page).unwrap() + "\nWritten after the rename.\n").unwrap();
    preview.until("/en/", "the edit after the rename", |b| b.contains("Written after the rename."));
}

/// Sheets printed from the preview would carry a QR code to this computer:
/// the preview says so on the sheet, on screen and on paper; a build does not.
#[test]
fn printable_sheets_from_the_preview_say_they_are_not_for_printing() {
    let preview = Preview::fixture_with(|root| copy_dir(&fixture("directory-reach"), root));
    for sheet in ["/en/help/us-tx/print/", "/es/help/mx-chh/cards/"] {
        let (status, _, body) = preview.get(sheet);
        assert_eq!(status, 200, "{sheet}");
        assert!(
            body.contains("<p class=\"preview-stamp\">Preview: do not print.")
                || body.contains("<p class=\"preview-stamp\">Vista previa: no la imprima."),
            "{sheet}: {body}"
        );
    }
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("directory-reach"), site.path());
    faro::build(&faro::BuildOptions::new(site.path())).unwrap();
    let built = std::fs::read_to_string(site.path().join("public/en/help/us-tx/print/index.html")).unwrap();
    assert!(!built.contains("class=preview-stamp"), "a build is not a preview");
}

#[test]
fn a_busy_port_suggests_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), site.path());
    let out = Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(["serve", "--root", site.path().to_str().unwrap(), "--port", &port])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("is using port {port}")) && stderr.contains("--port"), "{stderr}");
    // The port numbers change from run to run; the words must not.
    let words: String = stderr
        .replace(&port, "PORT")
        .split("--port ")
        .map(|part| part.trim_start_matches(|c: char| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join("--port N");
    insta::assert_snapshot!(words);
}
