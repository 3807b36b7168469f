//! A link checker over whole built sites: the shipped site (nothing here
//! names its pages, so an edit to its content keeps these passing when its
//! links stay sound) built under a sub-path (`https://example.org/sub/`) and built `--portable` for opening
//! from disk. Every `href` and `src` of every page, every address in
//! `sitemap.xml` and the feeds, must lead to a file of the output; nothing may
//! escape the sub-path; a portable site has no root-relative link and no link
//! to a folder (a browser opening files from disk shows a folder's listing,
//! not its `index.html`).

use std::fs;
use std::path::{Path, PathBuf};

use faro::config::BaseUrl;

const BASE: &str = "https://example.org/sub/";

/// Builds the shipped site into a temporary folder with these options.
fn shipped(portable: bool) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = faro::BuildOptions { out: Some(out.path().join("public")), ..faro::BuildOptions::new(root) };
    options.load.base_url = Some(BaseUrl::parse(BASE).unwrap());
    options.load.portable = portable;
    if let Err(err) = faro::build(&options) {
        match err {
            faro::BuildError::Content(d) => panic!("{}", d.render(false)),
            other => panic!("{other}"),
        }
    }
    out
}

/// The values of `href` and `src` attributes in the markup of `html`, not in
/// the text of its scripts and styles.
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let Some(close) = tag_end(rest) else { break };
        let tag = &rest[..close];
        out.extend(attribute_values(tag, &["href", "src"]));
        rest = &rest[close..];
        for raw in ["script", "style"] {
            if tag.len() > raw.len() && tag[1..].to_ascii_lowercase().starts_with(raw) {
                let end = format!("</{raw}");
                rest = rest.find(&end).map_or("", |i| &rest[i..]);
            }
        }
    }
    out
}

/// Where the tag starting `s` ends, minding quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Values of the named attributes in one tag, quoted or not (the output is minified).
fn attribute_values(tag: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = tag.as_bytes();
    for name in names {
        let pattern = format!("{name}=");
        let mut from = 0;
        while let Some(i) = tag[from..].find(&pattern) {
            let at = from + i;
            from = at + pattern.len();
            if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
                continue;
            }
            let value = &tag[from..];
            let v = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
            };
            out.push(v.replace("&amp;", "&"));
        }
    }
    out
}

/// The file a visitor's browser would get for `target`, a path inside the output.
fn file_for(out: &Path, target: &str) -> Option<PathBuf> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    let mut path = out.join(target.trim_start_matches('/'));
    if target.is_empty() || target.ends_with('/') {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

/// The address inside the output that a reference on the page `page` leads
/// to, or an explanation of why it leads nowhere; `None` for references that
/// leave the site (other hosts, `tel:` and the like) or stay on the page.
fn resolve(out: &Path, page: &Path, reference: &str, portable: bool) -> Option<Result<String, String>> {
    let base_path = "/sub/";
    if reference.starts_with('#') || reference.is_empty() {
        return None;
    }
    if let Some(rest) = reference.strip_prefix(BASE) {
        return Some(Ok(rest.to_string()));
    }
    if reference.starts_with("https://example.org") || reference.starts_with("http://example.org") {
        return Some(Err(format!("escapes {BASE}")));
    }
    if reference.contains(':') || reference.starts_with("//") {
        return None; // another site, tel:, sms:, mailto:, data:
    }
    if let Some(rest) = reference.strip_prefix('/') {
        if portable {
            return Some(Err("is root-relative, which does not work from disk".into()));
        }
        return Some(match reference.strip_prefix(base_path) {
            Some(inside) => Ok(inside.to_string()),
            None => Err(format!("escapes {base_path} (/{rest})")),
        });
    }
    // Relative: resolved against the page's folder.
    let folder = page.parent().unwrap().strip_prefix(out).unwrap();
    let mut parts: Vec<String> = folder.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let clean = reference.split(['#', '?']).next().unwrap_or("");
    let trailing = clean.ends_with('/') || clean.is_empty();
    for seg in clean.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if seg == ".." {
            if parts.pop().is_none() {
                return Some(Err("climbs above the site's root".into()));
            }
        } else {
            parts.push(seg.to_string());
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    if portable && (trailing || out.join(&joined).is_dir()) {
        return Some(Err("leads to a folder, which a browser does not open from disk".into()));
    }
    Some(Ok(joined))
}

/// Every broken reference in the output, as `file: reference: why`.
fn broken_links(out: &Path, portable: bool) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out).into_iter().map(Result::unwrap) {
        let path = entry.path();
        let refs = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => references(&fs::read_to_string(path).unwrap()),
            Some("xml") => xml_addresses(&fs::read_to_string(path).unwrap()),
            _ => continue,
        };
        for reference in refs {
            let Some(resolved) = resolve(out, path, &reference, portable) else { continue };
            checked += 1;
            let rel = path.strip_prefix(out).unwrap().display();
            match resolved {
                Ok(target) if file_for(out, &target).is_some() => {}
                Ok(target) => problems.push(format!("{rel}: {reference}: no file for `{target}`")),
                Err(why) => problems.push(format!("{rel}: {reference}: {why}")),
            }
        }
    }
    (checked, problems)
}

/// How many pages the output holds: each has at least one link.
fn pages(out: &Path) -> usize {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

/// Addresses in sitemaps and feeds: `<loc>` texts and `href` attributes.
fn xml_addresses(xml: &str) -> Vec<String> {
    let mut out: Vec<String> =
        xml.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).map(|s| s.replace("&amp;", "&")).collect();
    out.extend(xml.split('<').skip(1).flat_map(|tag| attribute_values(tag.split('>').next().unwrap_or(""), &["href"])));
    out
}

#[test]
fn under_a_sub_path_every_link_resolves_and_none_escapes() {
    let site = shipped(false);
    let out = site.path().join("public");
    let (checked, problems) = broken_links(&out, false);
    assert!(checked > pages(&out), "only {checked} links checked: is the checker reading the pages?");
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
    let home = fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(home.contains("<link href=https://example.org/sub/en/ rel=canonical>"), "canonical under the sub-path");
    assert!(
        fs::read_to_string(out.join("robots.txt")).unwrap().contains("Sitemap: https://example.org/sub/sitemap.xml")
    );
}

#[test]
fn portable_every_link_is_relative_and_opens_a_file() {
    let site = shipped(true);
    let out = site.path().join("public");
    let (checked, problems) = broken_links(&out, true);
    assert!(checked > pages(&out), "only {checked} links checked: is the checker reading the pages?");
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn portable_the_language_switcher_leads_to_the_other_language_s_file() {
    let site = crate::common::site_with(None);
    let mut options = faro::BuildOptions::new(site.path());
    options.load.portable = true;
    faro::build(&options).unwrap();
    let page = crate::common::read(site.path(), "es/aprende/index.html");
    assert!(page.contains("href=../../en/learn/index.html"), "the switcher leads to the English file");
}

#[test]
fn the_checker_catches_what_it_should() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path();
    fs::create_dir_all(out.join("en/a")).unwrap();
    fs::write(out.join("en/a/index.html"), "<a href=/sub/en/a/>ok</a>").unwrap();
    let page = out.join("en/a/index.html");
    let cases = [
        ("/sub/en/a/", false, Some(Ok("en/a/".to_string()))),
        ("/en/a/", false, Some(Err("escapes /sub/ (/en/a/)".to_string()))),
        ("https://example.org/en/", false, Some(Err(format!("escapes {BASE}")))),
        ("../../en/a/index.html", true, Some(Ok("en/a/index.html".to_string()))),
        ("../a/", true, Some(Err("leads to a folder, which a browser does not open from disk".to_string()))),
        ("../../../x", true, Some(Err("climbs above the site's root".to_string()))),
        ("/sub/en/", true, Some(Err("is root-relative, which does not work from disk".to_string()))),
        ("tel:+18883737888", false, None),
        ("#main", false, None),
    ];
    for (reference, portable, expected) in cases {
        assert_eq!(resolve(out, &page, reference, portable), expected, "{reference}");
    }
    assert_eq!(
        references("<a class=x href=/a/>x</a><script>a.href=\"/no/\"</script><img alt='>' src=\"/b.svg\">"),
        ["/a/", "/b.svg"]
    );
}
