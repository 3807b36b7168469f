//! Visitor-privacy policies written into every page: a Content-Security-Policy
//! that allows nothing but this page's own inline style and script (by hash)
//! and files from the site itself, so no request can ever leave for another host.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::theme::Theme;

/// `'sha256-…'` of an inline block's exact text.
pub fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy for pages rendered with `theme`.
pub fn content_security_policy(theme: &Theme) -> String {
    let script = if theme.script.is_empty() {
        "'none'".to_string()
    } else {
        hash_source(&theme.script)
    };
    format!(
        "default-src 'none'; style-src {}; script-src {script}; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'",
        hash_source(&theme.css)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_like_browsers_do() {
        // echo -n 'body{}' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("body{}"),
            "'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='"
        );
    }
}
