//! Raw HTML in Markdown: the pieces a page writes itself, read just far
//! enough to judge them without a full HTML parser.
//!
//! A page's own HTML is an error unless `site.yaml` allows it
//! ([`crate::config::RawHtml`]); comments are not markup for this rule, but
//! a `<!--` that is never closed is always an error, because a browser then
//! treats the rest of the page (the quick exit's script, the who-to-call
//! block) as part of the comment. Where HTML is allowed, `faro check` warns
//! about what a trustworthy page never needs ([`risks`]), and the nesting
//! it opens counts toward the page's nesting limit ([`net_depth`]).

/// Elements that have no end tag, so never nest.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements that load another document or plug-in into the page.
const FRAMES: &[&str] = &["iframe", "frame", "frameset", "object", "embed"];

/// A piece of HTML with its comments taken out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stripped {
    /// The markup outside comments.
    pub markup: String,
    /// Byte offset (in the piece) of a `<!--` that is never closed.
    pub unclosed_comment: Option<usize>,
}

impl Stripped {
    /// Whether anything but comments and white space is left.
    pub fn has_markup(&self) -> bool {
        !self.markup.trim().is_empty()
    }
}

/// Takes the comments out of `html`. A comment ends at the first `-->` (or
/// `--!>`, which browsers accept too); `<!-->` and `<!--->` are empty
/// comments, as browsers read them.
pub fn strip_comments(html: &str) -> Stripped {
    let mut out = Stripped::default();
    let mut rest = html;
    let mut offset = 0;
    while let Some(start) = rest.find("<!--") {
        out.markup.push_str(&rest[..start]);
        let body = &rest[start + 4..];
        let end = if body.starts_with('>') {
            Some(1)
        } else if body.starts_with("->") {
            Some(2)
        } else {
            [body.find("-->").map(|i| i + 3), body.find("--!>").map(|i| i + 4)].into_iter().flatten().min()
        };
        let Some(end) = end else {
            out.unclosed_comment = Some(offset + start);
            return out;
        };
        let consumed = start + 4 + end;
        offset += consumed;
        rest = &rest[consumed..];
    }
    out.markup.push_str(rest);
    out
}

/// One start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tag {
    /// Lowercased.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Names lowercased, values as written.
    attributes: Vec<(String, String)>,
}

/// The tags of `markup` (comments already taken out), in order.
fn tags(markup: &str) -> Vec<Tag> {
    let bytes = markup.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(lt) = markup[i..].find('<').map(|p| i + p) {
        i = lt + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let mut j = if closing { i + 1 } else { i };
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = markup[name_start..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut self_closing = false;
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                None => break,
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b'/') => {
                    self_closing = bytes.get(j + 1) == Some(&b'>');
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let attr_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let attr = markup[attr_start..j].to_ascii_lowercase();
            let mut value = String::new();
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            if bytes.get(k) == Some(&b'=') {
                k += 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                let (value_start, value_end, next) = match bytes.get(k) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = markup[k + 1..].find(q as char).map_or(bytes.len(), |e| k + 1 + e);
                        (k + 1, end, (end + 1).min(bytes.len()))
                    }
                    _ => {
                        let mut e = k;
                        while e < bytes.len() && !bytes[e].is_ascii_whitespace() && bytes[e] != b'>' {
                            e += 1;
                        }
                        (k, e, e)
                    }
                };
                value = markup[value_start..value_end].to_string();
                j = next;
            }
            if attr.is_empty() {
                j += 1;
                continue;
            }
            attributes.push((attr, value));
        }
        i = j.max(i);
        tags.push(Tag { name, closing, self_closing, attributes });
    }
    tags
}

/// How many elements `markup` opens, less those it closes: the nesting a
/// page adds (or takes back) with its own HTML.
pub fn net_depth(markup: &str) -> isize {
    tags(markup).iter().fold(0isize, |depth, tag| {
        if tag.closing {
            depth - 1
        } else if tag.self_closing || VOID.contains(&tag.name.as_str()) {
            depth
        } else {
            depth + 1
        }
    })
}

/// What a page's own HTML does that a trustworthy page never needs: a
/// script, an event handler, a frame, a `javascript:` address. One line per
/// finding, in words an editor can act on.
pub fn risks(markup: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(markup).iter().filter(|t| !t.closing) {
        if tag.name == "script" {
            found.push("a `<script>` element".to_string());
        }
        if FRAMES.contains(&tag.name.as_str()) {
            found.push(format!("an `<{}>` element, which loads another page into this one", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") && name.len() > 2 {
                found.push(format!("an event handler (`{name}=` on `<{}>`)", tag.name));
            }
            if is_javascript_url(value) {
                found.push(format!("a `javascript:` address (`{name}=` on `<{}>`)", tag.name));
            }
        }
    }
    found
}

/// Whether a URL runs script when followed: browsers ignore leading white
/// space and control characters, and tabs and newlines anywhere in it.
pub fn is_javascript_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect();
    cleaned.to_ascii_lowercase().starts_with("javascript:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_taken_out_and_unclosed_ones_found() {
        let cases = [
            ("<!-- note -->", "", None),
            ("a<!-- x -->b<!-- y --!>c", "abc", None),
            ("<!-->after", "after", None),
            ("<!--->after", "after", None),
            ("<div>\n<!-- never closed\n\nrest", "<div>\n", Some(6)),
            ("<!-- one --> <!-- two", " ", Some(13)),
        ];
        for (html, markup, unclosed) in cases {
            let stripped = strip_comments(html);
            assert_eq!(stripped.markup, markup, "{html}");
            assert_eq!(stripped.unclosed_comment, unclosed, "{html}");
        }
        assert!(!strip_comments("  <!-- only -->\n").has_markup());
        assert!(strip_comments("<br>").has_markup());
    }

    #[test]
    fn risks_are_named() {
        let cases: &[(&str, &[&str])] = &[
            ("<p>plain <em>text</em></p>", &[]),
            ("<script>alert(1)</script>", &["`<script>`"]),
            ("<SCRIPT src=x.js>", &["`<script>`"]),
            ("<img src=x onerror=alert(1)>", &["`onerror=`"]),
            ("<div ONCLICK = \"go()\">", &["`onclick=`"]),
            ("<iframe src=\"https://x.org\"></iframe>", &["`<iframe>`"]),
            ("<a href=\" JavaScript:go()\">x</a>", &["`javascript:`"]),
            ("<a href='java\tscript:go()'>x</a>", &["`javascript:`"]),
            ("<a href=\"https://x.org/javascript:\">x</a>", &[]),
            ("<p data-once=\"1\" title=\"on=\">", &[]),
        ];
        for (html, expected) in cases {
            let found = risks(html);
            assert_eq!(found.len(), expected.len(), "{html}: {found:?}");
            for (line, part) in found.iter().zip(expected.iter()) {
                assert!(line.contains(part), "{html}: {line}");
            }
        }
    }

    #[test]
    fn nesting_counts_open_elements() {
        assert_eq!(net_depth("<div><div><p>x</p>"), 2);
        assert_eq!(net_depth("<br><img src=x><hr/><x-y/>"), 0);
        assert_eq!(net_depth(&"<div>".repeat(500)), 500);
        assert_eq!(net_depth("</div></div><span>"), -1);
    }
}
