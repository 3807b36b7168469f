//! Writing the output folder: HTML minified with minify-html's spec-compliant
//! defaults, then everything written to a fresh sibling folder that replaces
//! the old output only once every file is on disk. A failed build leaves the
//! previous output exactly as it was.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Body {
    /// HTML to be minified.
    Html(String),
    /// Bytes written as they are.
    Bytes(Vec<u8>),
    /// A file copied from the site folder (`static/`).
    Copy(PathBuf),
}

/// One file of the output, by its path inside the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub body: Body,
    /// The editor's file this output comes from (a page, an alias, a static
    /// file), or `None` for what the generator writes on its own.
    pub source: Option<String>,
}

impl OutputFile {
    /// A page, kept until it is written. A rendered page's buffer grew by
    /// doubling and may be up to twice its length; every page of the site is
    /// held at once, so it gives back the spare room.
    pub fn html(path: PathBuf, mut html: String) -> Self {
        html.shrink_to_fit();
        OutputFile { path, body: Body::Html(html), source: None }
    }

    pub fn bytes(path: PathBuf, bytes: Vec<u8>) -> Self {
        OutputFile { path, body: Body::Bytes(bytes), source: None }
    }

    /// Records which editor's file this output comes from.
    pub fn from_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }
}

/// Errors while writing the output.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write `{0}`: it is not a plain path inside the output folder")]
    UnsafePath(PathBuf),
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// Minifies HTML with the spec-compliant defaults: no JS minifier (it has
/// broken scripts before) and no CSS minifier (lightningcss already did it,
/// and the inline style must keep the exact text its CSP hash was made from).
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg { minify_css: false, minify_js: false, ..minify_html::Cfg::new() };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Paths written more than once, with the indexes of the files that write them.
pub fn clashes(files: &[OutputFile]) -> Vec<(PathBuf, Vec<usize>)> {
    let mut seen: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        seen.entry(&f.path).or_default().push(i);
    }
    let mut out: Vec<(PathBuf, Vec<usize>)> =
        seen.into_iter().filter(|(_, v)| v.len() > 1).map(|(p, v)| (p.to_path_buf(), v)).collect();
    out.sort();
    out
}

/// Joins `rel` to `dir`, refusing anything that is not plain names.
pub fn safe_join(dir: &Path, rel: &Path) -> Result<PathBuf, WriteError> {
    if rel.as_os_str().is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(WriteError::UnsafePath(rel.to_path_buf()));
    }
    Ok(dir.join(rel))
}

/// Writes `files` so that `out` holds them and nothing else, atomically from
/// the point of view of anyone reading `out`: all files go into a new sibling
/// folder first, which then takes `out`'s place.
pub fn write_atomically(out: &Path, files: Vec<OutputFile>) -> Result<(), WriteError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_at(&parent))?;
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let stamp = format!("{}-{}", std::process::id(), nanos());
    let staging = parent.join(format!(".{name}.new-{stamp}"));
    let result = write_all(&staging, files).and_then(|()| swap_in(&staging, out, &parent, &name, &stamp));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

fn write_all(staging: &Path, files: Vec<OutputFile>) -> Result<(), WriteError> {
    fs::create_dir(staging).map_err(io_at(staging))?;
    let mut dirs: Vec<PathBuf> = files.iter().filter_map(|f| f.path.parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs.iter().filter(|d| !d.as_os_str().is_empty()) {
        let full = safe_join(staging, dir)?;
        fs::create_dir_all(&full).map_err(io_at(&full))?;
    }
    files.into_par_iter().try_for_each(|file| {
        let target = safe_join(staging, &file.path)?;
        match file.body {
            Body::Html(html) => fs::write(&target, minify(&html)).map_err(io_at(&target)),
            Body::Bytes(bytes) => fs::write(&target, bytes).map_err(io_at(&target)),
            Body::Copy(from) => fs::copy(&from, &target).map(|_| ()).map_err(io_at(&from)),
        }
    })
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str, stamp: &str) -> Result<(), WriteError> {
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{stamp}"));
        fs::rename(out, &old).map_err(io_at(out))?;
        if let Err(source) = fs::rename(staging, out) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&old, out);
            return Err(WriteError::Io { path: out.to_path_buf(), source });
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(staging, out).map_err(io_at(out))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = Path::new("/tmp/out");
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "./a"] {
            assert!(safe_join(dir, Path::new(bad)).is_err(), "{bad}");
        }
        assert_eq!(safe_join(dir, Path::new("en/index.html")).unwrap(), dir.join("en/index.html"));
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, vec![OutputFile::bytes("old.txt".into(), b"old".to_vec())]).unwrap();
        write_atomically(&out, vec![OutputFile::bytes("a/new.txt".into(), b"new".to_vec())]).unwrap();
        assert!(!out.join("old.txt").exists());
        assert_eq!(fs::read(out.join("a/new.txt")).unwrap(), b"new");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders are cleaned up");
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, vec![OutputFile::bytes("keep.txt".into(), b"keep".to_vec())]).unwrap();
        let err = write_atomically(&out, vec![OutputFile::bytes("../escape.txt".into(), b"x".to_vec())]);
        assert!(matches!(err, Err(WriteError::UnsafePath(_))));
        assert_eq!(fs::read(out.join("keep.txt")).unwrap(), b"keep");
        assert!(!tmp.path().join("escape.txt").exists());
    }

    #[test]
    fn minify_keeps_inline_style_text_exactly() {
        let css = "a{color:red}@media print{nav{display:none}}";
        let html =
            format!("<!doctype html><html lang=en><head><style>{css}</style></head><body><p>x</p></body></html>");
        let out = String::from_utf8(minify(&html)).unwrap();
        assert!(out.contains(&format!("<style>{css}</style>")), "{out}");
    }
}
