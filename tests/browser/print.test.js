// Printing, in the shared Debian Chromium, read back the way a volunteer's
// paper would be: poppler (pdfinfo, pdftotext, pdftoppm) and zbar (zbarimg).
//
// - Flyers and wallet card sheets of a few regions, in every language,
//   printed to PDF on A4 and on Letter: exactly one page of that paper, the
//   numbers the sheet shows are there as text (the flyer's tear-off strips
//   carry the main hotline), and every QR code decodes to the region page's
//   address.
// - Every flyer and card sheet, laid out for print: the sheet fits the area
//   A4 and Letter share, nothing spills out of it or out of a card, cards are
//   85.6 × 54 mm, and on screen, with JavaScript off, the quick exit is there.
// - A regular page of each kind printed to PDF: its own address printed, no
//   quick exit, navigation or language switcher in its text, and no pixel of
//   the exit button's red on the rendered page.
//
// Run by scripts/test after a build; `node --test tests/browser/print.test.js`
// runs it on the current public/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { EXIT_URL, LANGUAGES, PUBLIC, isSampleSheet, pages, representatives, strings } from "./site.js";
import { DESKTOP, PHONE, exitLinks, openSite } from "./browser.js";

const ALL = pages().filter((p) => !p.redirect);
const SHEETS = ALL.filter((p) => p.sheet);
const SAMPLES = SHEETS.filter(isSampleSheet);
const REGULAR = representatives(ALL.filter((p) => !p.sheet));
const PAPERS = [
  { format: "A4", mm: [210, 297] },
  { format: "Letter", mm: [215.9, 279.4] },
];
// The area A4 and Letter share inside 10 mm margins, in millimetres.
const PRINTABLE_MM = { width: 190, height: 259 };
const CONCURRENCY = Number(process.env.BROWSER_TESTS_CONCURRENCY ?? 4);
const T = Object.fromEntries(LANGUAGES.map((l) => [l, strings(l)]));

let site;
let server;
let visitors;
let scratch;

before(async () => {
  assert.ok(SHEETS.length > 0, `no flyers or card sheets in ${PUBLIC}: build the site first`);
  if (!process.env.BROWSER_TESTS_PAGES) {
    assert.equal(SAMPLES.length, 4 * 2 * LANGUAGES.length, "a flyer and a card sheet of each sample region in each language");
  }
  scratch = mkdtempSync(path.join(os.tmpdir(), "faro-print-"));
  site = await openSite(PUBLIC, EXIT_URL);
  ({ server, visitors } = site);
});

after(async () => {
  await site?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const visit = (options, fn) => visitors.with(options, fn);
const urlOf = (p) => server.origin + p.path;

function run(command, args) {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// Prints the open page to a PDF file on `paper`, as the browser's print
// dialog does at 100% with the page's own margins.
async function printToPdf(page, paper, name) {
  const file = path.join(scratch, `${name}-${paper.format}.pdf`);
  writeFileSync(file, await page.pdf({ format: paper.format, printBackground: false }));
  return file;
}

function pdfPages(file) {
  const info = run("pdfinfo", [file]);
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const mm = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info).slice(1, 3).map((n) => (Number(n) * 25.4) / 72);
  return { count, mm };
}

// The PDF's text with every run of white space as one space.
const pdfText = (file) => run("pdftotext", [file, "-"]).replace(/\s+/g, " ");

// The first page as an image file, a binary PPM (a short header, then RGB
// bytes), which zbarimg reads too.
function rasterize(file, dpi) {
  const prefix = file.replace(/\.pdf$/, "");
  run("pdftoppm", ["-r", String(dpi), "-singlefile", "-f", "1", "-l", "1", file, prefix]);
  return `${prefix}.ppm`;
}

function countPixels(ppm, test) {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString("latin1"));
  assert.ok(header, "pdftoppm did not write a binary PPM");
  let n = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    if (test([ppm[i], ppm[i + 1], ppm[i + 2]])) n++;
  }
  return n;
}

function qrCodes(image) {
  try {
    return run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image]).split("\n").filter(Boolean);
  } catch (error) {
    // zbarimg exits with 4 when it finds no code.
    if (error.status === 4) return [];
    throw error;
  }
}

const countOf = (text, part) => text.split(part).length - 1;

// The canonical address of the region page a sheet belongs to, from that page.
function regionPageUrl(p) {
  const regionFile = path.join(path.dirname(path.dirname(p.file)), "index.html");
  const html = readFileSync(regionFile, "utf8");
  const tag = html.match(/<link\b[^>]*\brel="?canonical[^>]*>/i)?.[0] ?? "";
  const href = /\shref="?([^"\s>]+)/i.exec(tag)?.[1];
  assert.ok(href, `${path.relative(PUBLIC, regionFile)} has no canonical address`);
  return href;
}

describe("flyers and wallet cards of a few regions, printed to PDF on A4 and Letter", { concurrency: CONCURRENCY }, () => {
  for (const p of SAMPLES) {
    it(p.path, (t) =>
      visit({ viewport: DESKTOP }, async ({ page }) => {
        await page.goto(urlOf(p));
        const shown = await page.evaluate(() => ({
          flyer: !!document.querySelector(".flyer"),
          numbers: [...document.querySelectorAll(".sheet .number")].map((e) => e.textContent.replace(/\s+/g, " ").trim()),
          strips: [...document.querySelectorAll(".strip")].map((e) =>
            [...e.querySelectorAll(".number")].map((n) => n.textContent.replace(/\s+/g, " ").trim()),
          ),
          cards: document.querySelectorAll(".wallet-card").length,
        }));
        assert.ok(shown.numbers.length > 0, `${p.path} shows no numbers`);
        const url = regionPageUrl(p);
        const name = p.path.split("/").filter(Boolean).join("-");
        for (const paper of PAPERS) {
          await t.test(`on ${paper.format}`, async () => {
            const pdf = await printToPdf(page, paper, name);
            const { count, mm } = pdfPages(pdf);
            assert.equal(count, 1, `${p.path} prints on ${count} pages of ${paper.format}`);
            assert.ok(
              mm.every((v, i) => Math.abs(v - paper.mm[i]) < 1),
              `${p.path}: printed on ${mm.map((v) => v.toFixed(1)).join(" × ")} mm, not ${paper.format}`,
            );

            const text = pdfText(pdf);
            for (const number of shown.numbers) {
              assert.ok(text.includes(number), `${p.path} on ${paper.format}: "${number}" is not in the printed text:\n${text}`);
            }
            if (shown.flyer) {
              assert.equal(shown.strips.length, 8, `${p.path}: tear-off strips`);
              for (const number of shown.strips[0]) {
                assert.ok(shown.strips.every((s) => s.includes(number)), `${p.path}: a strip lacks ${number}`);
                // Once among the lines, or more, and once on each strip.
                assert.ok(countOf(text, number) >= 1 + shown.strips.length, `${p.path}: "${number}" is not on every printed strip`);
              }
            }

            // At a resolution a phone camera would manage.
            const codes = qrCodes(rasterize(pdf, 150));
            const expected = shown.flyer ? 1 : shown.cards;
            assert.equal(codes.length, expected, `${p.path} on ${paper.format}: ${codes.length} QR codes read, ${expected} printed`);
            for (const code of codes) assert.equal(code, url, `${p.path}: the QR code leads elsewhere`);
          });
        }
      }));
  }
});

describe("every flyer and card sheet: fits one sheet in print, with the quick exit on screen", { concurrency: CONCURRENCY }, () => {
  for (const p of SHEETS) {
    it(p.path, () =>
      visit({ viewport: PHONE, javaScriptEnabled: false }, async ({ page }) => {
        await page.goto(urlOf(p));
        const exits = (await exitLinks(page, EXIT_URL)).filter((l) => l.shown);
        assert.equal(exits.length, 1, `${p.path}: expected one exit link in view on screen`);
        await page.emulateMedia({ media: "print" });
        const layout = await page.evaluate(() => {
          const mm = 96 / 25.4;
          const sheet = document.querySelector(".sheet");
          const box = sheet.getBoundingClientRect();
          const outside = [...sheet.querySelectorAll("*")]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.height > 0 && (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5 || r.left < box.left - 0.5);
            })
            .map((el) => el.outerHTML.slice(0, 80));
          const cards = [...sheet.querySelectorAll(".wallet-card")].map((c) => {
            const r = c.getBoundingClientRect();
            return [r.width / mm, r.height / mm];
          });
          const clipped = [...sheet.querySelectorAll(".wallet-card")]
            .filter((c) => c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1)
            .map((c) => c.textContent.slice(0, 80));
          const printed = [...document.body.querySelectorAll("*")].filter(
            (el) => el.checkVisibility() && !sheet.contains(el) && !el.contains(sheet),
          );
          return {
            width: box.width / mm,
            height: box.height / mm,
            overflows: sheet.scrollHeight > sheet.clientHeight + 1,
            outside,
            cards,
            clipped,
            others: printed.map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : "")),
          };
        });
        await page.emulateMedia({ media: null });
        assert.ok(layout.width <= PRINTABLE_MM.width + 0.1, `${p.path}: the sheet is ${layout.width.toFixed(1)} mm wide`);
        assert.ok(layout.height <= PRINTABLE_MM.height + 0.1, `${p.path}: the sheet is ${layout.height.toFixed(1)} mm high`);
        assert.ok(!layout.overflows, `${p.path}: the content overflows the sheet`);
        assert.deepEqual(layout.outside, [], `${p.path}: parts of the sheet fall outside it`);
        assert.deepEqual(layout.clipped, [], `${p.path}: a wallet card's text does not fit the card`);
        if (p.path.endsWith("/cards/")) {
          assert.equal(layout.cards.length, 8, `${p.path}: cards on the sheet`);
          for (const [w, h] of layout.cards) {
            assert.ok(Math.abs(w - 85.6) < 0.2 && Math.abs(h - 54) < 0.2, `${p.path}: a card is ${w.toFixed(1)} × ${h.toFixed(1)} mm, not 85.6 × 54`);
          }
        }
        assert.deepEqual(layout.others, [], `${p.path}: more than the sheet prints`);
      }));
  }
});

describe("a regular page of each kind prints with its address, without the quick exit or navigation", { concurrency: CONCURRENCY }, () => {
  for (const p of REGULAR) {
    it(p.path, () =>
      visit({ viewport: DESKTOP }, async ({ page }) => {
        await page.goto(urlOf(p));
        const chrome = await page.evaluate((exitUrl) => {
          const texts = (selector) =>
            [...document.querySelectorAll(selector)].map((e) => e.textContent.replace(/\s+/g, " ").trim()).filter(Boolean);
          return {
            exit: texts(`.exit-bar a[href="${exitUrl}"]`),
            nav: texts("nav a"),
            // What the page itself says, where the exit may be named.
            content: texts("main, aside").join(" "),
            red: getComputedStyle(document.querySelector(".exit-button")).backgroundColor,
            canonical: document.querySelector('link[rel="canonical"]').href,
          };
        }, EXIT_URL);
        assert.ok(chrome.exit.length > 0, `${p.path}: no exit on screen to compare`);
        const pdf = await printToPdf(page, PAPERS[0], p.path.split("/").filter(Boolean).join("-") || "root");
        const text = pdfText(pdf);
        for (const words of LANGUAGES.map((l) => T[l].exit_this_page)) {
          const printed = countOf(text, words);
          const inContent = countOf(chrome.content, words);
          assert.ok(printed <= inContent, `${p.path}: "${words}" printed ${printed} times, ${inContent} in the content`);
        }
        // The page's own address is printed, so a reader can find it again
        // (long addresses may wrap, so compare without white space).
        assert.ok(text.replace(/\s/g, "").includes(chrome.canonical), `${p.path}: its address ${chrome.canonical} is not printed`);
        // Navigation and the language switcher: their row of links never
        // appears together on paper (a single link may also be in the text).
        const navRow = chrome.nav.join(" ");
        if (navRow) assert.ok(!text.includes(navRow), `${p.path}: the navigation is printed: ${navRow}`);

        // The exit button's red, looked for in the pixels of the printed page.
        const [r, g, b] = chrome.red.match(/\d+/g).map(Number);
        const reds = countPixels(readFileSync(rasterize(pdf, 40)), ([pr, pg, pb]) =>
          Math.abs(pr - r) < 40 && Math.abs(pg - g) < 40 && Math.abs(pb - b) < 40,
        );
        assert.equal(reds, 0, `${p.path}: ${reds} pixels of the exit button's red on the printed page`);
      }));
  }
});
