//! `faro serve`: the live preview. Builds the site into memory, serves it on
//! a loopback address, watches `content/`, `themes/` and `static/` (with
//! notify, or by polling where a file system sends no events), rebuilds once
//! a burst of saves is over (notify-debouncer-full, which also pairs the two
//! halves of a rename) and tells open pages to reload over a websocket.
//! Reading a file is not a change: the build itself reads every file.
//!
//! Incremental: an edit to a page keeps the loaded site and renders again
//! only what depends on it (see [`Preview::apply`]); templates, settings, data files,
//! new or removed files load and render the whole site.
//!
//! A broken edit never takes the preview down: the last good site stays
//! served, with the diagnostics over every page until the error is fixed.
//! Nothing is written to disk.
//!
//! Every request reads one [`Snapshot`], the files and the errors of the
//! same build together, behind one lock and replaced whole after each
//! rebuild; the loaded site that incremental updates start from belongs to
//! the watcher's [`Preview`] alone (see [`incremental`], whose property test
//! checks that an update serves what a clean build would).

mod files;
mod incremental;
mod inject;
mod live;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use tokio::io::AsyncReadExt;
use tokio::sync::{Semaphore, broadcast};

use crate::config::BaseUrl;
use crate::site::LoadOptions;
use incremental::{Preview, Report, Snapshot};

pub use files::{Content, Files, Lookup};

/// How `faro serve` was started.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Poll for changes instead of waiting for file-system events.
    pub poll: bool,
    pub drafts: bool,
    /// Colours in what is printed to the terminal.
    pub color: bool,
}

/// Why the preview could not start.
impl ServeError {
    /// How to get past it, when there is more to say than the error itself.
    pub fn help(&self) -> Option<String> {
        match self {
            ServeError::Bind { addr, source } if source.kind() == std::io::ErrorKind::AddrInUse => Some(format!(
                "another program (perhaps another `faro serve`) is using port {}: stop it, or choose another port with --port {}",
                addr.port(),
                addr.port().wrapping_add(1).max(1024)
            )),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("cannot watch {}: {source}", path.display())]
    Watch { path: PathBuf, source: notify::Error },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The folders whose changes rebuild the site.
const WATCHED: &[&str] = &["content", "themes", "static"];

/// How long the watcher waits for a burst of saves to end. An editor's save
/// (truncate and write, or write a copy and rename it over the page) ends
/// within a millisecond or two; a burst that outlasts the wait (a checkout
/// of many files) is taken in more than one step, each of which leaves the
/// preview consistent, and the bursts that end during a step are taken
/// together in the next. The wait is most of an edit's delay before the
/// page is fresh in the browser, so it is kept short.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// What every request sees: the current [`Snapshot`] and the channel that
/// tells open pages to reload.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    reload: broadcast::Sender<()>,
    /// One permit per open live-reload connection.
    live_slots: Arc<Semaphore>,
    /// Hosts a request may name: the preview answers only to its own
    /// address, so no other site can read it through a rebound domain name.
    loopback_only: bool,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().expect("not poisoned"))
    }

    fn publish(&self, snapshot: Snapshot) {
        *self.snapshot.write().expect("not poisoned") = Arc::new(snapshot);
    }
}

/// Serves the site until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(serve(options))
}

async fn serve(mut options: ServeOptions) -> Result<(), ServeError> {
    // Change events name absolute, resolved paths.
    options.root = std::fs::canonicalize(&options.root)?;
    let wanted = SocketAddr::new(options.bind, options.port);
    let listener =
        tokio::net::TcpListener::bind(wanted).await.map_err(|source| ServeError::Bind { addr: wanted, source })?;
    let addr = listener.local_addr()?;
    let base = BaseUrl::parse(&format!("http://{addr}/")).expect("a socket address makes a valid base URL");
    let load = LoadOptions { base_url: Some(base), drafts: options.drafts, portable: false, preview: true };
    let shared = Arc::new(Shared {
        snapshot: RwLock::default(),
        reload: broadcast::channel(16).0,
        live_slots: Arc::new(Semaphore::new(live::MAX_CONNECTIONS)),
        loopback_only: options.bind.is_loopback(),
    });

    let root = options.root.clone();
    let (preview, snapshot, report) =
        tokio::task::spawn_blocking(move || Preview::start(&root, load)).await.map_err(std::io::Error::other)?;
    shared.publish(snapshot);
    print_report(report, options.color);
    watch(&options, Arc::clone(&shared), preview)?;
    eprintln!("serving http://{addr}/ (press Ctrl+C to stop)");

    let app = Router::new().route(live::LIVE_PATH, get(live::live)).fallback(get(page)).with_state(Arc::clone(&shared));
    axum::serve(listener, app).await?;
    Ok(())
}

/// Editors' swap and backup files, which change without the site changing.
fn is_noise(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name == "4913"
}

/// True for events that change a file, not those of reading one.
fn is_change(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Remove(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// The debounced watcher, of either kind; it stops when dropped.
enum Watching {
    Events(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<notify::PollWatcher, NoCache>),
}

impl Watching {
    fn new(poll: bool, handler: std::sync::mpsc::Sender<DebounceEventResult>) -> notify::Result<Watching> {
        Ok(if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
            Watching::Polling(new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)?)
        } else {
            Watching::Events(new_debouncer(DEBOUNCE, None, handler)?)
        })
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watching::Events(d) => d.watch(path, mode),
            Watching::Polling(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Watching::Events(d) => d.unwatch(path),
            Watching::Polling(d) => d.unwatch(path),
        }
    }
}

/// Starts watching; the watcher stops when the process does. The debouncer
/// hands over a burst of saves once none has come for [`DEBOUNCE`]; a thread
/// then updates or rebuilds once and tells the open pages. The site's root
/// is watched too (not its subfolders), so that a watched folder created
/// later, such as a first `static/`, is watched from then on, and one
/// deleted, renamed or replaced (restored from a backup, checked out again)
/// is watched afresh: a watch follows the folder it was set on, not its name.
/// `preview` holds the first build's site, for incremental updates.
fn watch(options: &ServeOptions, shared: Arc<Shared>, mut preview: Preview) -> Result<(), ServeError> {
    let root = options.root.clone();
    let folders: Vec<PathBuf> = WATCHED.iter().map(|f| root.join(f)).collect();
    let (handler, bursts) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut watcher = Watching::new(options.poll, handler).map_err(watch_error(&root))?;
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(watch_error(&root))?;
    let mut watching = BTreeSet::new();
    for folder in folders.iter().filter(|p| p.is_dir()) {
        watcher.watch(folder, RecursiveMode::Recursive).map_err(watch_error(folder))?;
        watching.insert(folder.clone());
    }
    let color = options.color;
    std::thread::spawn(move || {
        while let Ok(first) = bursts.recv() {
            // Bursts that ended while the last rebuild ran are one change.
            let mut events = Vec::new();
            for burst in std::iter::once(first).chain(bursts.try_iter()) {
                events.extend(burst.unwrap_or_default());
            }
            let mut paths = BTreeSet::new();
            let mut created = BTreeSet::new();
            for event in events.into_iter().filter(|e| is_change(&e.kind)) {
                let is_create = matches!(event.kind, EventKind::Create(_));
                for path in event.event.paths {
                    if is_noise(&path) || !folders.iter().any(|f| path.starts_with(f)) {
                        continue;
                    }
                    if is_create {
                        created.insert(path.clone());
                    }
                    paths.insert(path);
                }
            }
            // A watched folder itself came, went or was renamed: its old
            // watch (if any) is dead or follows the folder elsewhere.
            for folder in &folders {
                if paths.contains(folder) && watching.remove(folder) {
                    let _ = watcher.unwatch(folder);
                }
            }
            // A file made and gone again while saving (`sed -i`'s and some
            // editors' temporary copy, renamed over the page) was never part
            // of the site.
            paths.retain(|p| p.exists() || !created.contains(p));
            if paths.is_empty() {
                continue;
            }
            let mut new_folder = false;
            for folder in &folders {
                if folder.is_dir()
                    && !watching.contains(folder)
                    && watcher.watch(folder, RecursiveMode::Recursive).is_ok()
                {
                    watching.insert(folder.clone());
                    new_folder = true;
                }
            }
            let (snapshot, report) = preview.apply(&shared.snapshot(), &paths, new_folder);
            shared.publish(snapshot);
            print_report(report, color);
            let _ = shared.reload.send(());
        }
    });
    Ok(())
}

/// Tells the terminal what a rebuild did.
fn print_report(report: Report, color: bool) {
    match report {
        Report::Built { pages, warnings, elapsed } => {
            if !warnings.is_empty() {
                eprint!("{}", warnings.render(color));
            }
            eprintln!("built {pages} pages in {} ms", elapsed.as_millis());
        }
        Report::Updated { pages, elapsed } => {
            eprintln!("updated {} in {} ms", pages.join(", "), elapsed.as_millis());
        }
        Report::Failed(diags) => {
            eprint!("{}", diags.render(color));
            eprintln!(
                "{} error(s): still serving the last good site, with the errors over every page",
                diags.error_count()
            );
        }
    }
}

fn watch_error(path: &Path) -> impl FnOnce(notify::Error) -> ServeError + use<> {
    let path = path.to_path_buf();
    move |source| ServeError::Watch { path, source }
}

/// The host a request names, when the preview should answer it.
fn allowed_host(shared: &Shared, request: &Request) -> Option<String> {
    let host = request.headers().get(header::HOST)?.to_str().ok()?;
    let valid = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c));
    if !valid {
        return None;
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let loopback = matches!(name, "localhost" | "127.0.0.1" | "[::1]");
    (loopback || !shared.loopback_only).then(|| host.to_string())
}

/// Any other path: a file of the last good build, or the 404 page.
async fn page(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let Some(host) = allowed_host(&shared, &request) else {
        return (StatusCode::FORBIDDEN, "faro serve answers only to its own address\n").into_response();
    };
    let snapshot = shared.snapshot();
    let files = &snapshot.files;
    let errors = snapshot.errors.as_deref();
    let found = match files.lookup(request.uri().path()) {
        Lookup::Found(key) => files.get(key),
        Lookup::Redirect(to) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(location) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        Lookup::NotFound => None,
    };
    let sent = match found {
        Some(served) => send(served, &host, errors).await.map(|sent| (StatusCode::OK, sent, served.content_type)),
        None => None,
    };
    // Not built, or gone from disk since the build (the watcher rebuilds soon).
    let (status, (body, len), content_type) = match sent {
        Some(sent) => sent,
        None => not_found(files, &host, errors).await,
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Some(len) = len {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// The site's 404 page, or, when nothing was built yet (the first build
/// failed), the errors alone.
async fn not_found(files: &Files, host: &str, errors: Option<&str>) -> (StatusCode, Sent, &'static str) {
    if let Some(served) = files.get("404.html")
        && let Some(sent) = send(served, host, errors).await
    {
        return (StatusCode::NOT_FOUND, sent, served.content_type);
    }
    let blank = "<!doctype html><html lang=en><head><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><title>faro serve</title></head><body></body></html>";
    let errors = errors.or(Some("nothing here"));
    (StatusCode::NOT_FOUND, (Body::from(inject::inject(blank, host, errors)), None), "text/html; charset=utf-8")
}

/// How much of a static file is read at a time.
const CHUNK: usize = 64 * 1024;

/// The largest static HTML file that gets the reload script; a larger one
/// is streamed as it is.
const MAX_INJECTED: u64 = 8 * 1024 * 1024;

/// A response body, with its length when it is streamed.
type Sent = (Body, Option<u64>);

/// The body of `served`: HTML with the reload script (and the errors, if
/// any) added, a static file streamed from disk, anything else as built.
/// `None` when a static file can no longer be read as the build found it.
async fn send(served: &files::Served, host: &str, errors: Option<&str>) -> Option<Sent> {
    let html = served.content_type.starts_with("text/html");
    let path = match &served.content {
        Content::Memory(bytes) if html => {
            return Some((Body::from(inject::inject(&String::from_utf8_lossy(bytes), host, errors)), None));
        }
        Content::Memory(bytes) => return Some((Body::from(bytes.clone()), None)),
        Content::Disk(path) => path,
    };
    // The build copies regular files only: not a link put in the file's
    // place since, nor a FIFO, whose opening would wait for a writer.
    if !tokio::fs::symlink_metadata(path).await.ok()?.is_file() {
        return None;
    }
    let mut file = tokio::fs::File::open(path).await.ok()?;
    let len = file.metadata().await.ok()?.len();
    if html && len <= MAX_INJECTED {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).await.ok()?;
        return Some((Body::from(inject::inject(&String::from_utf8_lossy(&bytes), host, errors)), None));
    }
    // Never more than the length the response announces, should the file
    // grow while it is sent.
    let chunks = futures_util::stream::try_unfold(file.take(len), |mut file| async move {
        let mut chunk = vec![0; CHUNK];
        let read = file.read(&mut chunk).await?;
        chunk.truncate(read);
        Ok::<_, std::io::Error>((read > 0).then(|| (Bytes::from(chunk), file)))
    });
    Some((Body::from_stream(chunks), Some(len)))
}
