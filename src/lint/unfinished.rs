//! Unfinished content that must not reach the public unnoticed: a published
//! page that still holds the placeholder text `faro new` wrote, and a
//! translation whose title is still its source's. Both are warnings that
//! `build` prints too, not only `check`, since they are what a visitor would
//! see.

use crate::content::Page;
use crate::diagnostic::{Code, Diagnostic};
use crate::site::Site;

/// Every unfinished-content warning of the site's published pages.
pub fn unfinished(site: &Site) -> Vec<Diagnostic> {
    let placeholders = crate::scaffold::placeholder_texts();
    let default = site.config.default_language.as_str();
    let mut out = Vec::new();
    for page in site.content.published() {
        if let Some(d) = placeholder_left(page, &placeholders) {
            out.push(d);
        }
        if page.lang != default
            && let Some(source) = site.content.get(&page.key, default)
            && let Some(d) = untranslated_title(page, source)
        {
            out.push(d);
        }
    }
    out
}

fn placeholder_left(page: &Page, placeholders: &[&str]) -> Option<Diagnostic> {
    let text = &page.file.text;
    let (start, found) = placeholders.iter().find_map(|p| text.find(p).map(|i| (i, *p)))?;
    Some(
        Diagnostic::warning(Code::PlaceholderText, "this page still has the placeholder text that `faro new` wrote")
            .at(&page.file, start..start + found.len(), "placeholder, not written yet")
            .help("replace it with the page's own text, or put `draft: true` back until it is ready"),
    )
}

/// A title of several words left the same as the default language's: one
/// word (a name such as "Carmen") may rightly be the same in both.
fn untranslated_title(page: &Page, source: &Page) -> Option<Diagnostic> {
    let title = page.split.front.title.trim();
    if title.is_empty() || title != source.split.front.title.trim() || !title.contains(' ') {
        return None;
    }
    Some(
        Diagnostic::warning(
            Code::UntranslatedTitle,
            format!("the title is the same as the `{}` page's: is it translated?", source.lang),
        )
        .at(&page.file, page.split.key_span("title"), "same as the source's title")
        .help(format!("write the title in `{}`", page.lang)),
    )
}
