// `faro serve` in a real browser, as an editor uses it: a page open in
// Chromium reloads by itself when its file is saved, shows the errors of a
// broken edit over the last good page, and comes back when the edit is
// fixed, with no script or style blocked by the page's own
// Content-Security-Policy along the way.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DESKTOP, launch } from "./browser.js";
import { REPO } from "./site.js";

let browser;
let dir;
let preview;
let origin;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "faro-serve-"));
  for (const folder of ["content", "themes"]) cpSync(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
  preview = spawn(path.join(REPO, "target/release/faro"), ["serve", "--port", "0", "--root", dir], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  origin = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`faro serve did not start:\n${seen}`)), 30000);
    preview.stderr.on("data", (chunk) => {
      seen += chunk;
      const m = /serving (http:\/\/[^/\s]+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  preview?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function edit(rel, from, to) {
  const file = path.join(dir, rel);
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${rel} has no "${from}"`);
  writeFileSync(file, text.replace(from, to));
}

describe("faro serve in a browser", () => {
  it("reloads on save, shows a broken edit's errors over the page, and recovers", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await page.goto(`${origin}/en/safety/`);
      // The page's own script runs beside the preview's.
      await page.waitForFunction(() => !document.querySelector("[data-exit-hint]").hidden);
      await page.waitForTimeout(300); // the reload socket connects

      edit("content/safety.en.md", "\n---\n", "\n---\nA line saved while the page was open.\n\n");
      await page.waitForFunction(() => document.body.textContent.includes("A line saved while the page was open."), null, {
        timeout: 15000,
      });

      edit("content/safety.en.md", "title:", "titel:");
      const overlay = page.locator("#faro-errors");
      await overlay.waitFor({ state: "visible", timeout: 15000 });
      const text = await overlay.innerText();
      assert.match(text, /content\/safety\.en\.md:2:1/, "the overlay names the file, line and column");
      assert.match(text, /did you mean `title`\?/);
      const box = await overlay.boundingBox();
      assert.ok(box.width >= DESKTOP.width - 1 && box.height >= DESKTOP.height - 1, "the overlay covers the page");

      edit("content/safety.en.md", "titel:", "title:");
      await overlay.waitFor({ state: "detached", timeout: 15000 });
      assert.ok(await page.locator("main").isVisible());
      assert.deepEqual(errors, [], "errors in the console (a blocked script or style)");
    } finally {
      await context.close();
    }
  });
});
