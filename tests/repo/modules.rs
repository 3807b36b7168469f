//! The generator's module graph against the order its stages run in.
//!
//! Data flows one way: the base helpers, then the settings, then what is
//! loaded from them, the whole site, what is made from it, how it is written
//! and served. A module that imports a later stage, or two modules that import
//! each other, make that flow a tangle that every later change has to
//! understand at once. These tests read every `crate::…` and `super::…` path
//! in `src/` (the binary's `faro::…` paths too), fail on any import cycle
//! between the crate's top-level modules or between `render`'s submodules,
//! naming it, and fail when a module imports a stage after its own. The
//! order below is the one the crate's documentation (`src/lib.rs`) gives.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The stages in the order data flows through them; a module may import its
/// own stage (without a cycle) and the stages before it, never a later one.
/// The binary (`src/main.rs` and `src/cmd/`) is `cmd`.
const STAGES: &[(&str, &[&str])] = &[
    ("base", &["source", "diagnostic", "suggest", "yaml", "url", "read", "html", "layout", "day", "output"]),
    ("settings", &["config", "lang", "href"]),
    ("load", &["content", "directory", "theme", "stats", "static_files", "scaffold"]),
    ("site", &["site"]),
    ("make", &["render", "lint", "export", "translate"]),
    ("run", &["build", "serve"]),
    ("command", &["cmd"]),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One import of a module by another, where it is written.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    at: String,
}

/// Every module path reached from `src/`: the importing module's path (with
/// inline modules such as `tests`), the path it names, and where.
fn references() -> Vec<(Vec<String>, Vec<String>, String)> {
    let src = root().join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("src/ can be listed");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("inside src/");
        let Some((module, binary)) = module_of(rel) else { continue };
        let text = fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let shown = format!("src/{}", rel.to_string_lossy().replace('\\', "/"));
        found.extend(paths_in(&code_only(&text), &module, binary).into_iter().map(|(from, to, line)| {
            let at = format!("{shown}:{line}");
            (from, to, at)
        }));
    }
    found
}

/// The module a file under `src/` is (`render/help/mod.rs` is
/// `render::help`), and whether it belongs to the binary, whose files reach
/// the library as `faro::…`. The crate roots declare modules and import none.
fn module_of(rel: &Path) -> Option<(Vec<String>, bool)> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if parts.is_empty() && (stem == "lib" || stem == "main") {
        return (stem == "main").then(|| (vec!["cmd".to_string()], true));
    }
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    let binary = parts.first().is_some_and(|p| p == "cmd");
    Some((parts, binary))
}

/// The text with comments, strings and character literals blanked out (line
/// breaks kept, so line numbers stay right): a path in a doc comment or a
/// message is not an import.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if !prev_ident && (c == 'r' || (c == 'b' && next == Some('r'))) && raw_string_at(&chars, i).is_some() {
            let end = raw_string_at(&chars, i).expect("checked");
            while i < end {
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                for _ in 0..step.min(chars.len() - i) {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal: `'\n'`, `'\''`, `'\u{2013}'`.
            for _ in 0..3.min(chars.len() - i) {
                out.push(' ');
                i += 1;
            }
            while i < chars.len() && chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            // A lifetime's quote, or code.
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where the raw string starting at `i` (`r"…"`, `r#"…"#`, `br"…"`) ends.
fn raw_string_at(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + if chars[i] == 'b' { 2 } else { 1 };
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    loop {
        if j >= chars.len() {
            return Some(chars.len());
        }
        if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
}

/// The paths that code names through `crate::`, `super::` (or, in the
/// binary, `faro::`), resolved to full paths from the crate root, with the
/// module they are named in (inline modules included) and their line.
fn paths_in(code: &str, file_module: &[String], binary: bool) -> Vec<(Vec<String>, Vec<String>, usize)> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    // Inline modules (`mod tests { … }`) open here: their name and the
    // depth of braces their body is at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let (token, line) = (&tokens[i].0, tokens[i].1);
        match token.as_str() {
            "{" => depth += 1,
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t.0 == "{") => {
                inline.push((tokens[i + 1].0.clone(), depth + 1));
            }
            _ => {}
        }
        let here: Vec<String> = file_module.iter().cloned().chain(inline.iter().map(|(n, _)| n.clone())).collect();
        let previous = i.checked_sub(1).map(|p| tokens[p].0.as_str());
        let starts_path = previous != Some("::") && tokens.get(i + 1).is_some_and(|t| t.0 == "::");
        let base = match token.as_str() {
            "crate" if starts_path && !binary => Some(Vec::new()),
            "faro" if starts_path && binary => Some(Vec::new()),
            "super" if starts_path => Some(here.clone()),
            _ => None,
        };
        if let Some(mut base) = base {
            let mut j = i;
            // `super::super::…`
            while tokens.get(j).is_some_and(|t| t.0 == "super") && tokens.get(j + 1).is_some_and(|t| t.0 == "::") {
                base.pop();
                j += 2;
            }
            if token == "crate" || token == "faro" {
                j = i + 2;
            }
            let tails = path_tails(&tokens, j);
            if tails.is_empty() && !base.is_empty() {
                // `super::*`: the module itself.
                found.push((here.clone(), base.clone(), line));
            }
            for rest in tails {
                let mut full = base.clone();
                full.extend(rest);
                found.push((here.clone(), full, line));
            }
            i = j;
            continue;
        }
        i += 1;
    }
    found
}

/// The paths that continue at token `j`: one (`a::b::C`), or several for a
/// group (`{a, b::{c, d}}`), each as far as it goes by identifiers.
fn path_tails(tokens: &[(String, usize)], j: usize) -> Vec<Vec<String>> {
    let mut path = Vec::new();
    let mut k = j;
    while let Some((t, _)) = tokens.get(k) {
        if t == "{" {
            let mut tails = Vec::new();
            let mut level = 0;
            let mut start = k + 1;
            for m in k..tokens.len() {
                match tokens[m].0.as_str() {
                    "{" => level += 1,
                    "}" => {
                        level -= 1;
                        if level == 0 {
                            tails.extend(path_tails(tokens, start).into_iter().map(|tail| {
                                let mut full = path.clone();
                                full.extend(tail);
                                full
                            }));
                            break;
                        }
                    }
                    "," if level == 1 => {
                        tails.extend(path_tails(tokens, start).into_iter().map(|tail| {
                            let mut full = path.clone();
                            full.extend(tail);
                            full
                        }));
                        start = m + 1;
                    }
                    _ => {}
                }
            }
            return tails;
        }
        if !t.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            break;
        }
        path.push(t.clone());
        if tokens.get(k + 1).is_some_and(|t| t.0 == "::") {
            k += 2;
        } else {
            break;
        }
    }
    if path.is_empty() || path == ["self"] { Vec::new() } else { vec![path] }
}

/// Identifiers, `::` and single punctuation, each with its line.
fn tokenize(code: &str) -> Vec<(String, usize)> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut chars = code.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if !(n.is_alphanumeric() || n == '_') {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            tokens.push((code[start..end].to_string(), line));
        } else if c == ':' && chars.peek().is_some_and(|&(_, n)| n == ':') {
            chars.next();
            tokens.push(("::".to_string(), line));
        } else if !c.is_whitespace() {
            tokens.push((c.to_string(), line));
        }
    }
    tokens
}

/// The crate's top-level modules, with the binary as `cmd`.
fn top_level_modules() -> BTreeSet<String> {
    let mut modules = BTreeSet::from(["cmd".to_string()]);
    for entry in fs::read_dir(root().join("src")).expect("src/ can be listed") {
        let entry = entry.expect("src/ can be listed");
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            modules.insert(name);
        } else if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "lib" && *s != "main") {
            modules.insert(stem.to_string());
        }
    }
    modules
}

/// `render`'s submodules (its own `mod.rs` is `render`).
fn render_modules() -> BTreeSet<String> {
    let mut modules = BTreeSet::from(["render".to_string()]);
    for entry in fs::read_dir(root().join("src/render")).expect("src/render/ can be listed") {
        let name = entry.expect("src/render/ can be listed").file_name().to_string_lossy().into_owned();
        if name != "mod.rs" {
            modules.insert(format!("render::{}", name.trim_end_matches(".rs")));
        }
    }
    modules
}

/// The imports between top-level modules, and those between `render`'s
/// submodules, each once per pair with the first place it is written.
fn graphs() -> (Vec<Edge>, Vec<Edge>) {
    let top = top_level_modules();
    let render = render_modules();
    let re_exported = re_exports();
    let mut between_top: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut within_render: BTreeMap<(String, String), String> = BTreeMap::new();
    for (from, to, at) in references() {
        let Some(first) = to.first() else { continue };
        let target_top =
            if top.contains(first) { first.clone() } else { re_exported.get(first).cloned().unwrap_or_default() };
        let source_top = from[0].clone();
        if top.contains(&target_top) && target_top != source_top {
            between_top.entry((source_top.clone(), target_top.clone())).or_insert(at.clone());
        }
        if source_top == "render" && target_top == "render" {
            let node = |path: &[String]| {
                path.get(1)
                    .map(|sub| format!("render::{sub}"))
                    .filter(|name| render.contains(name))
                    .unwrap_or_else(|| "render".to_string())
            };
            let (a, b) = (node(&from), node(&to));
            if a != b {
                within_render.entry((a, b)).or_insert(at);
            }
        }
    }
    let edges = |map: BTreeMap<(String, String), String>| {
        map.into_iter().map(|((from, to), at)| Edge { from, to, at }).collect::<Vec<_>>()
    };
    (edges(between_top), edges(within_render))
}

/// Names the library root re-exports (`pub use site::{Site, …}`), by the
/// module they come from.
fn re_exports() -> BTreeMap<String, String> {
    let lib = fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs is readable");
    let mut names = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub use ") else { continue };
        let Some((module, items)) = rest.split_once("::") else { continue };
        for item in items.trim_end_matches(';').trim_matches(|c| c == '{' || c == '}').split(',') {
            names.insert(item.trim().to_string(), module.to_string());
        }
    }
    names
}

/// Every cycle of the graph, each as the modules around it, starting from
/// its smallest name.
fn cycles(edges: &[Edge]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for edge in edges {
        next.entry(edge.from.as_str()).or_default().push(edge.to.as_str());
    }
    let mut found = BTreeSet::new();
    // A cycle through `start` that only passes modules after it, so each
    // cycle is found once, from its smallest module.
    fn walk<'a>(
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        start: &'a str,
        path: &mut Vec<&'a str>,
        found: &mut BTreeSet<Vec<String>>,
    ) {
        let here = *path.last().expect("a path has a start");
        for &to in next.get(here).map(Vec::as_slice).unwrap_or_default() {
            if to == start {
                found.insert(path.iter().map(|m| m.to_string()).collect());
            } else if to > start && !path.contains(&to) {
                path.push(to);
                walk(next, start, path, found);
                path.pop();
            }
        }
    }
    for &start in next.keys() {
        walk(&next, start, &mut vec![start], &mut found);
    }
    found.into_iter().collect()
}

/// A cycle in words, with where each import is written.
fn describe(cycle: &[String], edges: &[Edge]) -> String {
    let mut out = cycle[0].clone();
    for (i, from) in cycle.iter().enumerate() {
        let to = &cycle[(i + 1) % cycle.len()];
        let at = edges.iter().find(|e| &e.from == from && &e.to == to).map_or("?", |e| e.at.as_str());
        out.push_str(&format!(" → {to} ({at})"));
    }
    out
}

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|(_, modules)| modules.contains(&module))
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let (top, _) = graphs();
    let found: Vec<String> = cycles(&top).iter().map(|c| describe(c, &top)).collect();
    assert!(found.is_empty(), "import cycles between modules:\n{}", found.join("\n"));
}

#[test]
fn no_import_cycle_between_render_modules() {
    let (_, render) = graphs();
    let found: Vec<String> = cycles(&render).iter().map(|c| describe(c, &render)).collect();
    assert!(found.is_empty(), "import cycles inside render/:\n{}", found.join("\n"));
}

#[test]
fn every_module_belongs_to_one_stage() {
    let mut listed: Vec<&str> = STAGES.iter().flat_map(|(_, modules)| modules.iter().copied()).collect();
    listed.sort_unstable();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(listed.len(), unique.len(), "a module is listed in two stages");
    let modules = top_level_modules();
    let missing: Vec<&String> = modules.iter().filter(|m| stage_of(m).is_none()).collect();
    assert!(missing.is_empty(), "modules in no stage (add them to STAGES and src/lib.rs): {missing:?}");
    let gone: Vec<&&str> = unique.iter().filter(|m| !modules.contains(**m)).collect();
    assert!(gone.is_empty(), "stages name modules that do not exist: {gone:?}");
}

#[test]
fn no_module_imports_a_later_stage() {
    let (top, _) = graphs();
    let backwards: Vec<String> = top
        .iter()
        .filter_map(|e| {
            let (from, to) = (stage_of(&e.from)?, stage_of(&e.to)?);
            (to > from)
                .then(|| format!("{} ({}) imports {} ({}) at {}", e.from, STAGES[from].0, e.to, STAGES[to].0, e.at))
        })
        .collect();
    assert!(backwards.is_empty(), "imports of a later stage:\n{}", backwards.join("\n"));
}

#[test]
fn the_crate_documentation_gives_the_same_stages() {
    let lib = fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs is readable");
    for (stage, modules) in STAGES {
        let start = format!("//! - {stage}: ");
        let line = lib.lines().find(|l| l.starts_with(&start));
        let line = line.unwrap_or_else(|| panic!("src/lib.rs should list the stage `{stage}` as `{start}…`"));
        // The names in backticks, in order; the binary is "the `faro` command".
        let named: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
        let expected: Vec<&str> = modules.iter().map(|m| if *m == "cmd" { "faro" } else { m }).collect();
        assert_eq!(named, expected, "src/lib.rs lists the stage `{stage}` differently");
    }
}

#[test]
fn the_reader_finds_imports_in_every_form() {
    let code = code_only(
        "use crate::a::B;\nuse crate::{c, d::{e, f}};\n// crate::g\nlet s = \"crate::h\";\nlet r = r#\"crate::i\"#;\n\
         fn x<'a>(c: char) { super::super::j::k(); }\nmod tests { use super::*; }\n",
    );
    let found: Vec<(String, String)> = paths_in(&code, &["m".into(), "n".into()], false)
        .into_iter()
        .map(|(from, to, _)| (from.join("::"), to.join("::")))
        .collect();
    let expected = [
        ("m::n", "a::B"),
        ("m::n", "c"),
        ("m::n", "d::e"),
        ("m::n", "d::f"),
        ("m::n", "j::k"),
        ("m::n::tests", "m::n"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expected);
}
