// What the browser tests know about the built site: its pages (found by walking
// public/ for HTML files, so new pages are covered without a list), the
// languages and exit URL from content/site.yaml, and the theme's interface
// strings, read from the files editors and translators change.

import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PUBLIC = path.join(REPO, "public");
const SITE_YAML = path.join(REPO, "content/site.yaml");
const THEME = path.join(REPO, "themes/default");

function unquote(value) {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
    return v.slice(1, -1);
  }
  return v;
}

const siteYaml = readFileSync(SITE_YAML, "utf8");

// The neutral page the quick exit leads to.
export const EXIT_URL = unquote(/^exit_url:\s*(.+)$/m.exec(siteYaml)[1]);

// Language codes of the site, in the order site.yaml lists them.
export const LANGUAGES = [...siteYaml.matchAll(/^\s*-\s*\{?\s*code:\s*([A-Za-z-]+)/gm)].map((m) => m[1]);

// The theme's interface strings for `lang` (flat `key: value` YAML).
export function strings(lang) {
  const text = readFileSync(path.join(THEME, "i18n", `${lang}.yaml`), "utf8");
  const out = {};
  for (const line of text.split("\n")) {
    const m = /^([a-z0-9_]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]] = unquote(m[2]);
  }
  return out;
}

function walk(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile() && entry.name.endsWith(".html")) found.push(full);
  }
  return found;
}

// Every HTML file of the output (or only those whose URL path matches the
// regular expression in BROWSER_TESTS_PAGES, to check a few pages while
// working on them), as `{ file, path, lang, languages, redirect }`:
// `path` is the URL path a visitor would use, `languages` the languages the
// page speaks (all of them on pages outside a language folder, such as the
// bilingual landing and 404 pages), `redirect` true for alias pages that only
// send the visitor on, `sheet` true for the flyers and wallet card sheets
// made for printing.
export function pages() {
  const only = process.env.BROWSER_TESTS_PAGES ? new RegExp(process.env.BROWSER_TESTS_PAGES) : null;
  return walk(PUBLIC)
    .sort()
    .map((file) => {
      const rel = path.relative(PUBLIC, file).split(path.sep).join("/");
      const urlPath = "/" + rel.replace(/(^|\/)index\.html$/, "$1");
      const html = readFileSync(file, "utf8");
      const lang = /<html[^>]*\slang="?([A-Za-z-]+)/i.exec(html)?.[1] ?? "";
      const first = urlPath.split("/")[1];
      const languages = LANGUAGES.includes(first) ? [first] : LANGUAGES;
      const redirect = /<meta[^>]+http-equiv="?refresh/i.test(html);
      const sheet = /<body[^>]*\sclass="?sheet-page/i.test(html);
      return { file, path: urlPath, lang, languages, redirect, sheet };
    })
    .filter((p) => !only || only.test(p.path));
}

// One page for each kind of page: pages are grouped by the languages they
// speak, their section (first folder after the language) and their depth,
// and the largest of each group stands for it. Checks that walk a whole page
// with the keyboard run on these, so they stay quick as the site grows.
export function representatives(all) {
  const groups = new Map();
  for (const p of all) {
    const parts = p.path.split("/").filter(Boolean);
    const inLanguage = LANGUAGES.includes(parts[0]) ? parts.slice(1) : parts;
    const key = `${p.languages.join("+")} ${inLanguage[0] ?? ""} ${inLanguage.length}`;
    const size = statSync(p.file).size;
    const best = groups.get(key);
    if (!best || size > best.size) groups.set(key, { page: p, size });
  }
  return [...groups.values()].map((g) => g.page).sort((a, b) => a.path.localeCompare(b.path));
}

// The regions whose flyers and wallet cards every check runs on, printed to
// PDF on both papers: a border state of each country, a state far from the
// border, and a whole country. The other regions' sheets share their template
// and get the cheaper checks of print.test.js.
export const SAMPLE_SHEET_REGIONS = ["us-tx", "mx-bcn", "mx-tla", "us"];

export function isSampleSheet(p) {
  const parts = p.path.split("/").filter(Boolean);
  return p.sheet && SAMPLE_SHEET_REGIONS.includes(parts[parts.length - 2]);
}
