//! What the preview adds to every HTML page it serves, and only there: a
//! small script that reloads the page when the site is rebuilt, and, while
//! the last edit has errors, an overlay listing them as the command line does.
//! Pages allow inline code only by hash, so the page's own policy is widened
//! by exactly these two hashes and the preview's own websocket.

use crate::html::escape_html;
use crate::render::policy::hash_source;

/// Reloads the page on every message; when the preview stops or restarts,
/// waits for it to come back, then reloads. Refused because too many pages
/// are open ([`super::live::REFUSED`]), it stops: retrying every second
/// from each of hundreds of tabs would only load the preview more.
const RELOAD_SCRIPT: &str = "(function(){var u=(location.protocol==='https:'?'wss://':'ws://')+location.host+'/__faro/live';\
function open(back){var s=new WebSocket(u);s.onopen=function(){if(back)location.reload()};\
s.onmessage=function(){location.reload()};\
s.onclose=function(e){if(e.code!==1013)setTimeout(function(){open(true)},1000)}}open(false)})();";

const OVERLAY_STYLE: &str = "#faro-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;\
padding:1rem;background:#fff;color:#1b1b1b;border:6px solid #a4131f;font:1rem/1.5 system-ui,sans-serif}\
#faro-errors pre{white-space:pre-wrap;font:0.9375rem/1.45 ui-monospace,monospace}";

/// `html` with the reload script, and the overlay when `errors` is given
/// (diagnostics as the command line prints them, without colours).
pub fn inject(html: &str, host: &str, errors: Option<&str>) -> String {
    let mut out = widen_policy(html, host, errors.is_some());
    if let Some(errors) = errors {
        let overlay = format!(
            "<div id=\"faro-errors\" role=\"alert\"><style>{OVERLAY_STYLE}</style><h2>faro serve: the last change has errors</h2>\
             <p>This is the last good version of the page. Fix the errors below and save: the page reloads by itself.</p>\
             <pre>{}</pre></div>",
            escape_html(errors)
        );
        let at = body_start(&out);
        out.insert_str(at, &overlay);
    }
    let script = format!("<script>{RELOAD_SCRIPT}</script>");
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

/// Just after `<body …>`, or at the start when there is none.
fn body_start(html: &str) -> usize {
    html.find("<body").and_then(|at| html[at..].find('>').map(|end| at + end + 1)).unwrap_or(0)
}

/// The page's Content-Security-Policy `<meta>` with the reload script's hash,
/// the overlay style's hash and the preview's websocket allowed.
fn widen_policy(html: &str, host: &str, overlay: bool) -> String {
    let Some(meta) = html.find("http-equiv=\"Content-Security-Policy\"") else { return html.to_string() };
    let Some(open) = html[meta..].find("content=\"").map(|i| meta + i + "content=\"".len()) else {
        return html.to_string();
    };
    let Some(close) = html[open..].find('"').map(|i| open + i) else { return html.to_string() };
    let mut policy = html[open..close].to_string();
    // Added in front of the directive's sources; a lone 'none' after it goes.
    let add = |policy: &mut String, directive: &str, source: &str| {
        let key = format!("{directive} ");
        match policy.find(&key) {
            Some(at) => policy.insert_str(at + key.len(), &format!("{source} ")),
            None => policy.push_str(&format!("; {directive} {source}")),
        }
        *policy = policy.replace(&format!("{key}{source} 'none'"), &format!("{key}{source}"));
    };
    add(&mut policy, "script-src", &hash_source(RELOAD_SCRIPT));
    if overlay {
        add(&mut policy, "style-src", &hash_source(OVERLAY_STYLE));
    }
    policy.push_str(&format!("; connect-src ws://{host}"));
    format!("{}{}{}", &html[..open], policy, &html[close..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-a'; script-src 'sha256-b'\"></head><body class=x><p>Hi</p></body></html>";

    #[test]
    fn the_reload_script_is_allowed_by_hash_and_may_reach_the_preview() {
        let out = inject(PAGE, "127.0.0.1:4000", None);
        let policy = format!(
            "default-src 'none'; style-src 'sha256-a'; script-src {} 'sha256-b'; connect-src ws://127.0.0.1:4000",
            hash_source(RELOAD_SCRIPT)
        );
        assert!(out.contains(&format!("content=\"{policy}\"")), "{out}");
        assert!(out.ends_with(&format!("<script>{RELOAD_SCRIPT}</script></body></html>")));
        assert!(!out.contains("faro-errors"));
    }

    #[test]
    fn the_reload_script_listens_where_the_preview_does_and_stops_when_refused() {
        assert!(RELOAD_SCRIPT.contains(&format!("+'{}'", crate::serve::live::LIVE_PATH)));
        assert!(RELOAD_SCRIPT.contains(&format!("if(e.code!=={})", crate::serve::live::REFUSED)));
    }

    #[test]
    fn errors_show_over_the_page_escaped() {
        let out = inject(PAGE, "localhost:4000", Some("error: <bad> & worse\n --> content/a.en.md:2:1"));
        assert!(out.contains("<body class=x><div id=\"faro-errors\" role=\"alert\">"), "{out}");
        assert!(out.contains("error: &lt;bad&gt; &amp; worse\n --&gt; content/a.en.md:2:1"), "{out}");
        assert!(out.contains(&format!("style-src {} 'sha256-a'", hash_source(OVERLAY_STYLE))), "{out}");
    }
}
