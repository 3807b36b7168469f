//! Visitor-privacy policies written into every page: a Content-Security-Policy
//! that allows nothing but this page's own inline style and script (by hash)
//! and files from the site itself, so no request can ever leave for another host.
//! The same policies, plus those only a real header can carry, go into a
//! `_headers` file for hosts that read one (Netlify, Cloudflare Pages).

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::theme::Theme;

/// `'sha256-…'` of an inline block's exact text.
pub fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The policy for pages rendered with `theme`: its main style sheet and
/// each page bundle, wherever a template inlines one. Made once per theme,
/// since every page carries it.
pub fn content_security_policy(theme: &Theme) -> &str {
    theme.policy.get_or_init(|| {
        let styles: Vec<&str> =
            std::iter::once(theme.css.as_str()).chain(theme.page_css.values().map(String::as_str)).collect();
        policy_for(&styles, &theme.script)
    })
}

fn policy_for(styles: &[&str], script: &str) -> String {
    let script = if script.is_empty() { "'none'".to_string() } else { hash_source(script) };
    let styles: Vec<String> = styles.iter().map(|css| hash_source(css)).collect();
    format!(
        "default-src 'none'; style-src {}; script-src {script}; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'",
        styles.join(" ")
    )
}

/// The text of `_headers` for pages rendered with `theme`: the pages' own
/// policy for every path, plus what a `<meta>` cannot say (browsers ignore
/// `frame-ancestors` there, so only a header stops other sites framing ours).
pub fn headers_file(theme: &Theme) -> String {
    headers_for(content_security_policy(theme))
}

fn headers_for(csp: &str) -> String {
    let headers = [
        ("Content-Security-Policy", format!("{csp}; frame-ancestors 'none'")),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("Permissions-Policy", "geolocation=(), camera=(), microphone=()".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    let mut text = String::from("/*\n");
    for (name, value) in headers {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_like_browsers_do() {
        // echo -n 'body{}' | openssl dgst -sha256 -binary | base64
        assert_eq!(hash_source("body{}"), "'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='");
    }

    #[test]
    fn pages_without_script_allow_none() {
        let policy = policy_for(&["body{}"], "");
        assert!(policy.contains("script-src 'none';"), "{policy}");
        assert!(policy.contains(&format!("style-src {};", hash_source("body{}"))));
    }

    #[test]
    fn every_style_sheet_is_allowed_by_its_hash() {
        let policy = policy_for(&["body{}", ".entry{}"], "");
        assert!(
            policy.contains(&format!("style-src {} {};", hash_source("body{}"), hash_source(".entry{}"))),
            "{policy}"
        );
    }

    #[test]
    fn headers_file_repeats_the_page_policy_for_every_path() {
        let csp = policy_for(&["body{}"], "alert(1)");
        let text = headers_for(&csp);
        assert_eq!(
            text,
            format!(
                "/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  Permissions-Policy: geolocation=(), camera=(), microphone=()\n  X-Content-Type-Options: nosniff\n"
            )
        );
        // One rule: a path line, then only indented `Name: value` lines.
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("/*"));
        for line in lines {
            let (name, value) = line
                .strip_prefix("  ")
                .and_then(|l| l.split_once(": "))
                .unwrap_or_else(|| panic!("not a header line: {line:?}"));
            assert!(!name.is_empty() && !name.contains(char::is_whitespace), "{line}");
            assert!(!value.is_empty(), "{line}");
        }
    }
}
