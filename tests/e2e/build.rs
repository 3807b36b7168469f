//! End-to-end: the valid bilingual fixture site, built whole, checked for
//! what a visitor receives: addresses, languages, translations and links.

use crate::common::{build, main_of, read, site_with};

#[test]
fn builds_every_published_page_at_its_localized_address() {
    let site = site_with(None);
    let report = build(site.path()).expect("the valid site builds");
    let public = site.path().join("public");
    for file in [
        "index.html",
        "404.html",
        "en/index.html",
        "es/index.html",
        "en/learn/index.html",
        "es/aprende/index.html",
        "en/learn/signs/index.html",
        "es/aprende/senales/index.html",
        "es/aprende/solo-espanol/index.html",
        "en/stories/ana/index.html",
        "en/old-signs/index.html",
        "images/faro.png",
    ] {
        assert!(public.join(file).is_file(), "{file} is missing");
    }
    for absent in ["en/learn/draft/index.html", "en/stories/unconsented/index.html"] {
        assert!(!public.join(absent).exists(), "{absent} must not be published");
    }
    assert_eq!(report.languages, 2);
    let warnings: Vec<_> = report.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        warnings,
        [
            "`https://example.org/` is a placeholder address: the flyers and wallet cards would print QR codes that lead nowhere",
            "this story is not published: it has no `consent: true`"
        ]
    );
}

#[test]
fn pages_declare_their_language_translations_and_canonical() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let en = read(site.path(), "en/learn/signs/index.html");
    assert!(en.starts_with("<!doctype html><html lang=en>"), "{}", &en[..60]);
    for link in [
        "<link href=https://example.org/en/learn/signs/ rel=canonical>",
        "<link href=https://example.org/en/learn/signs/ hreflang=en rel=alternate>",
        "<link href=https://example.org/es/aprende/senales/ hreflang=es rel=alternate>",
        "<link href=https://example.org/en/learn/signs/ hreflang=x-default rel=alternate>",
    ] {
        assert!(en.contains(link), "missing {link}");
    }
    let es = read(site.path(), "es/aprende/senales/index.html");
    assert!(es.starts_with("<!doctype html><html lang=es>"));
    assert!(es.contains("<meta content=no-referrer name=referrer>"));
    assert!(es.contains("http-equiv=Content-Security-Policy"));
}

#[test]
fn the_language_switcher_goes_to_the_translation_or_marked_home() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let en = read(site.path(), "en/learn/signs/index.html");
    assert!(en.contains("<a href=/es/aprende/senales/ hreflang=es lang=es>Español</a>"), "{en}");
    let untranslated = read(site.path(), "es/aprende/solo-espanol/index.html");
    assert!(
        untranslated.contains(
            "<a href=/en/ hreflang=en lang=en>English <small>(home page, this page is not translated)</small></a>"
        ),
        "{untranslated}"
    );
}

#[test]
fn content_links_resolve_in_the_linking_pages_language() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let en = read(site.path(), "en/learn/signs/index.html");
    let main = main_of(&en);
    assert!(main.contains("<a href=/en/learn/what-is/#the-law>what it is</a>"), "{main}");
    assert!(main.contains("<a href=/es/aprende/solo-espanol/ hreflang=es>the Spanish-only page</a>"), "{main}");
    let home_es = read(site.path(), "es/index.html");
    assert!(main_of(&home_es).contains("<a href=/es/aprende/senales/>señales de alerta</a>"));
}

#[test]
fn markdown_features_render() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let page = read(site.path(), "en/learn/signs/index.html");
    let main = main_of(&page);
    for expected in [
        "<h2 id=what-to-look-for>What to look for</h2>",
        "<h2 id=what-to-look-for-2>What to look for</h2>",
        "Someone “cannot leave” their job.",
        "<table><thead><tr><th>Sign<th>Example",
        "<del>Old advice.</del>",
        "class=footnote-definition",
        "<img alt=\"A lighthouse at night\" src=/images/faro.png>",
    ] {
        assert!(main.contains(expected), "missing {expected} in {main}");
    }
}

#[test]
fn aliases_send_visitors_on_without_javascript() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let alias = read(site.path(), "en/old-signs/index.html");
    assert!(alias.contains("<meta content=\"0; url=/en/learn/signs/\" http-equiv=refresh>"), "{alias}");
    assert!(alias.contains("<a href=/en/learn/signs/>Warning signs</a>"));
}

#[test]
fn the_root_is_a_bilingual_landing_page_without_redirect() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let landing = read(site.path(), "index.html");
    assert!(!landing.contains("http-equiv=refresh"));
    assert!(landing.contains("<a href=/en/>Enter the site in English</a>"), "{landing}");
    assert!(landing.contains("<a href=/es/>Entrar al sitio en español</a>"));
    assert!(landing.contains("<section aria-labelledby=enter-es lang=es>"), "{landing}");
    let not_found = read(site.path(), "404.html");
    assert!(not_found.contains("Page not found") && not_found.contains("Página no encontrada"));
}

#[test]
fn stories_show_their_content_note_first() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let story = read(site.path(), "en/stories/ana/index.html");
    let main = main_of(&story);
    let note = main.find("Mentions violence.").expect("content note");
    let text = main.find("Ana called the hotline.").expect("story text");
    assert!(note < text);
    let listing = read(site.path(), "en/stories/index.html");
    assert!(main_of(&listing).contains("Ana&#39;s story") || main_of(&listing).contains("Ana's story"));
    assert!(!listing.contains("Not agreed"));
}

#[test]
fn inline_style_and_script_match_their_csp_hashes() {
    let site = site_with(None);
    build(site.path()).unwrap();
    let page = read(site.path(), "en/index.html");
    let between = |open: &str, close: &str| {
        let start = page.find(open).unwrap() + open.len();
        let end = start + page[start..].find(close).unwrap();
        page[start..end].to_string()
    };
    let css = between("<style>", "</style>");
    let script = between("<script>", "</script>");
    let csp = between("<meta content=\"default-src", "\" http-equiv=Content-Security-Policy>");
    assert!(csp.contains(&faro::render::policy::hash_source(&css)), "{csp}");
    assert!(csp.contains(&faro::render::policy::hash_source(&script)), "{csp}");
    assert!(csp.starts_with(" 'none';"), "{csp}");
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let site = site_with(None);
    let options = faro::BuildOptions {
        load: faro::LoadOptions {
            base_url: Some(faro::config::BaseUrl::parse("https://example.org/sub/").unwrap()),
            ..Default::default()
        },
        ..faro::BuildOptions::new(site.path())
    };
    faro::build(&options).unwrap();
    let page = read(site.path(), "en/learn/signs/index.html");
    assert!(page.contains("<link href=https://example.org/sub/en/learn/signs/ rel=canonical>"));
    assert!(page.contains("<a href=/sub/en/learn/what-is/#the-law>"));
    assert!(page.contains("src=/sub/images/faro.png"));
    assert!(!page.contains("href=/en/"), "a link escapes the sub-path");
}
