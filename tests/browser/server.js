// A tiny static server for the built site, as a static host would serve it:
// files from public/ on 127.0.0.1 on a free port, `dir/` -> `dir/index.html`,
// 404.html with status 404 for unknown paths, and the headers that public/_headers
// (Netlify / Cloudflare Pages format) asks for.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".atom": "application/atom+xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
  ".pdf": "application/pdf",
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

// Rules of a `_headers` file: a path pattern on its own line, then indented
// `Name: value` lines. `*` matches any run of characters.
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const re = new RegExp(
        "^" + pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$",
      );
      rules.push({ pattern, re, headers: [] });
      continue;
    }
    const colon = line.indexOf(":");
    if (!rules.length || colon < 0) throw new Error(`_headers: cannot read the line ${JSON.stringify(line)}`);
    rules.at(-1).headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function headersFor(rules, urlPath) {
  const out = {};
  for (const rule of rules) {
    if (rule.re.test(urlPath)) for (const [name, value] of rule.headers) out[name] = value;
  }
  return out;
}

async function fileAt(root, urlPath) {
  const rel = path.normalize(urlPath).replace(/^(\.\.[/\\])+/, "");
  const full = path.join(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return { file: full };
    if (s.isDirectory()) {
      if (!urlPath.endsWith("/")) return { redirect: urlPath + "/" };
      const index = path.join(full, "index.html");
      if (existsSync(index)) return { file: index };
    }
  } catch {
    // not there: answered with the 404 page
  }
  return null;
}

// Serves `root`; resolves to `{ origin, requests, close }` once listening.
// `requests` lists every path asked for, so tests can see what was fetched.
export async function serve(root) {
  root = path.resolve(root);
  const headersPath = path.join(root, "_headers");
  const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, "utf8")) : [];
  const requests = [];
  const server = createServer(async (req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push(urlPath);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const found = await fileAt(root, urlPath);
    if (found?.redirect) {
      res.writeHead(301, { Location: found.redirect }).end();
      return;
    }
    const file = found?.file ?? path.join(root, "404.html");
    const status = found ? 200 : 404;
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    res.writeHead(status, {
      ...headersFor(rules, urlPath),
      "Content-Type": contentType(file),
      "Content-Length": body.length,
      "Cache-Control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
