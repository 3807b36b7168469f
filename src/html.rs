//! Escaping text for HTML. Pages, charts, feeds, the sitemap and the
//! preview's injected script all escape the same way, with this one
//! function, below every stage that writes markup.

/// Escapes text for HTML, in attribute values as well as between tags.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
