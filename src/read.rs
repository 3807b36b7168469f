//! Reading an editor's file, safely: only regular files inside the site's
//! folder, only up to a size, and as UTF-8 with the first bad byte named.
//!
//! Every stage reads its sources through [`read_source`] (settings, pages,
//! the directory and data sets, the theme, the translation record), so it
//! sits below them all, beside [`crate::source`], whose [`SourceFile`] it
//! returns. It is not part of that module because it reports problems as
//! [`Diagnostic`]s, and diagnostics point into source files.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, display_path};

/// The largest Markdown page read, in bytes: far above any real page, far
/// below what would slow every build down or fill memory.
pub const MAX_PAGE_BYTES: u64 = 2 * 1024 * 1024;

/// The largest other source read (site settings, directory and data-set YAML,
/// theme files), in bytes.
pub const MAX_DATA_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file as UTF-8 text, naming the first bad byte's line and column.
///
/// Only regular files below `root` are read, and only up to a size limit
/// ([`MAX_PAGE_BYTES`] for `.md`, [`MAX_DATA_BYTES`] otherwise). The type is
/// checked before the file is opened, because opening a FIFO waits for a
/// writer forever and reading a device such as `/dev/zero` never ends; a
/// symbolic link is followed only when it stays inside the site, so a link to a
/// system file is neither published nor quoted in an error.
pub fn read_source(root: &Path, rel_path: &Path) -> Result<SourceFile, Vec<Diagnostic>> {
    let shown = display_path(rel_path);
    let fail = |message: String, help: &str| {
        vec![Diagnostic::error(Code::UnreadableFile, message).in_file(shown.clone()).help(help)]
    };
    let cannot_read = |err: std::io::Error| {
        fail(format!("cannot read this file: {err}"), "check that the file exists and that you may read it")
    };
    let path = root.join(rel_path);
    let meta = std::fs::metadata(&path).map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(fail(
            format!("this is not a regular file ({}), so it is not read", file_kind(&meta)),
            "sources must be ordinary files: replace it with a file, or remove it",
        ));
    }
    let real = std::fs::canonicalize(&path).map_err(cannot_read)?;
    let real_root = std::fs::canonicalize(root).map_err(cannot_read)?;
    if !real.starts_with(&real_root) {
        return Err(fail(
            "this is a link to a file outside the site's folder, so it is not read".to_string(),
            "copy the file into the site instead of linking to it",
        ));
    }
    let limit = if rel_path.extension().is_some_and(|e| e == "md") { MAX_PAGE_BYTES } else { MAX_DATA_BYTES };
    let too_big = |size: u64| {
        fail(
            format!("this file is {}, more than the {} a source may have", megabytes(size), megabytes(limit)),
            "split it into several files, or move large downloads to static/",
        )
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut handle = std::fs::File::open(&real).map_err(cannot_read)?;
    // The file may have been replaced or have grown since it was looked at.
    let opened = handle.metadata().map_err(cannot_read)?;
    if !opened.is_file() {
        return Err(fail(
            format!("this is not a regular file ({}), so it is not read", file_kind(&opened)),
            "sources must be ordinary files: replace it with a file, or remove it",
        ));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut handle, limit + 1), &mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(rel_path, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            let offset = prefix.len();
            let file = SourceFile::new(rel_path, lossy);
            Err(vec![
                Diagnostic::error(Code::NotUtf8, "this file is not UTF-8 text")
                    .at(&file, offset..offset + '\u{fffd}'.len_utf8(), "this byte is not UTF-8")
                    .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            ])
        }
    }
}

/// What a file that is not a regular file is, in words.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<SourceFile, Vec<Diagnostic>>) -> String {
        let problems = result.expect_err("refused");
        assert_eq!(problems.len(), 1);
        problems[0].render(false)
    }

    #[test]
    fn reads_regular_files_and_links_inside_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.en.md"), "text").unwrap();
        assert_eq!(&*read_source(tmp.path(), Path::new("a.en.md")).unwrap().text, "text");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("a.en.md", tmp.path().join("b.en.md")).unwrap();
            let file = read_source(tmp.path(), Path::new("b.en.md")).unwrap();
            assert_eq!((&*file.text, file.display_path().as_str()), ("text", "b.en.md"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn never_opens_special_files_or_leaves_the_site() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "first line of a secret\n").unwrap();
        symlink(tmp.path().join("secret.txt"), site.join("out.en.md")).unwrap();
        symlink("/dev/zero", site.join("zero.en.md")).unwrap();
        let fifo = std::process::Command::new("mkfifo").arg(site.join("fifo.en.md")).status().unwrap();
        assert!(fifo.success());
        let cases = [
            ("out.en.md", "outside the site's folder"),
            ("zero.en.md", "not a regular file (a device)"),
            ("fifo.en.md", "not a regular file (a named pipe)"),
        ];
        for (name, expected) in cases {
            let text = message(read_source(&site, Path::new(name)));
            assert!(text.contains(expected) && text.contains(name), "{name}: {text}");
            assert!(!text.contains("secret"), "{name}: {text}");
        }
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let big = vec![b'a'; MAX_PAGE_BYTES as usize + 1];
        std::fs::write(tmp.path().join("big.en.md"), &big).unwrap();
        std::fs::write(tmp.path().join("big.yaml"), &big).unwrap();
        let text = message(read_source(tmp.path(), Path::new("big.en.md")));
        assert!(text.contains("big.en.md") && text.contains("more than the 2.0 MB"), "{text}");
        assert!(read_source(tmp.path(), Path::new("big.yaml")).is_ok(), "data files have a larger limit");
    }
}
