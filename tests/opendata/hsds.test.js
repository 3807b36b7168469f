// The open data of the built site (public/data/): every service of each
// language's HSDS dataset validates against the HSDS schemas kept in
// tests/data/hsds-schema/ (JSON Schema 2020-12, formats checked), ids are UUIDs
// derived from the directory's own ids and the same in every language, the CSV
// tables match their datapackage.json and point only at rows that exist, and
// every entry of content/directory/ is in both the HSDS data and
// data/directory.json.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { LANGUAGES, PUBLIC, REPO } from "../browser/site.js";

const SCHEMAS = path.join(REPO, "tests/data/hsds-schema");
const DIRECTORY = path.join(REPO, "content/directory");
const DATA = path.join(PUBLIC, "data");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Faro's namespace for version 5 UUIDs (src/export/hsds.rs).
const NAMESPACE = "c6368c85-39eb-4c2a-934d-4ac1e7b61020";

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

// RFC 4122 version 5: SHA-1 of the namespace's bytes and the name.
function uuidV5(name) {
  const hash = createHash("sha1")
    .update(Buffer.from(NAMESPACE.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  assert.equal(quoted, false, "a quoted field is not closed");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// A table of the package: its header and its rows as objects.
function readTable(folder, resource) {
  const [header, ...lines] = parseCsv(readFileSync(path.join(folder, resource.path), "utf8"));
  for (const line of lines) {
    assert.equal(line.length, header.length, `${resource.path}: a row has ${line.length} fields`);
  }
  return { header, rows: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]]))) };
}

// The ids of content/directory/*.yaml, read from the files editors write,
// except drafts (`draft: true`), which no published file may hold.
function directoryIds() {
  const ids = [];
  for (const name of readdirSync(DIRECTORY).filter((f) => f.endsWith(".yaml") && f !== "regions.yaml")) {
    const text = readFileSync(path.join(DIRECTORY, name), "utf8");
    for (const entry of text.split(/^(?=- id:)/m)) {
      const id = /^- id:\s*["']?([a-z0-9-]+)["']?\s*$/m.exec(entry);
      if (id && !/^ {2}draft:\s*true\s*$/m.test(entry)) ids.push(id[1]);
    }
  }
  return ids;
}

// Every `id` anywhere in a JSON value, with the object it names.
function idsIn(value, found = []) {
  if (Array.isArray(value)) {
    for (const item of value) idsIn(item, found);
  } else if (value && typeof value === "object") {
    if (typeof value.id === "string") found.push([value.id, value]);
    for (const child of Object.values(value)) idsIn(child, found);
  }
  return found;
}

// Whether a CSV cell reads as its Table Schema type (Frictionless defaults:
// ISO 8601 dates, and times with seconds and an optional offset).
const CELL = {
  "string/uuid": (v) => UUID.test(v),
  "string/email": (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
  "string/uri": (v) => URL.canParse(v),
  number: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  time: (v) => /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|[+-]\d{2}:\d{2})?$/.test(v),
  datetime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v),
};

function cellFits(field, value) {
  const check = CELL[field.format ? `${field.type}/${field.format}` : field.type];
  return check ? check(value) : field.type === "string";
}

function serviceValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  let service;
  for (const name of readdirSync(SCHEMAS).filter((f) => f.endsWith(".json"))) {
    const schema = readJson(path.join(SCHEMAS, name));
    ajv.addSchema(schema, schema.$id ? undefined : name);
    if (name === "service.json") service = schema.$id ?? name;
  }
  return ajv.getSchema(service);
}

const expectedIds = directoryIds();

test("the directory has entries to export", () => {
  assert.ok(expectedIds.length > 0);
  assert.equal(new Set(expectedIds).size, expectedIds.length, "entry ids are unique");
});

test("data/directory.json lists every entry with every language", () => {
  const data = readJson(path.join(DATA, "directory.json"));
  assert.equal(data.format, "faro-directory");
  assert.equal(data.version, 1);
  assert.deepEqual(data.languages, LANGUAGES);
  assert.deepEqual(data.entries.map((e) => e.id).sort(), [...expectedIds].sort());
  for (const entry of data.entries) {
    for (const lang of LANGUAGES) {
      assert.ok(entry.name[lang], `${entry.id} has a name in ${lang}`);
      assert.ok(entry.description[lang], `${entry.id} has a description in ${lang}`);
    }
    assert.ok(entry.sources.length > 0, `${entry.id} names its sources`);
    assert.match(entry.verified, /^\d{4}-\d{2}-\d{2}$/);
  }
  const codes = new Set(data.regions.map((r) => r.code));
  for (const entry of data.entries) {
    for (const area of entry.areas) assert.ok(codes.has(area), `${entry.id}: region ${area} is listed`);
  }
});

const validate = serviceValidator();
const idsByLanguage = {};

for (const lang of LANGUAGES) {
  const folder = path.join(DATA, "hsds", lang);

  test(`${lang}: every service is valid HSDS`, () => {
    const services = readJson(path.join(folder, "services.json"));
    assert.ok(Array.isArray(services));
    for (const service of services) {
      const ok = validate(service);
      assert.ok(ok, `${service.name}: ${JSON.stringify(validate.errors, null, 2)}`);
      assert.equal(service.status, "active");
      assert.ok(service.description, `${service.name} has a description`);
      assert.ok(service.organization?.id === service.organization_id, `${service.name}: organization_id`);
    }
  });

  test(`${lang}: every entry is a service with the id derived from its own`, () => {
    const services = readJson(path.join(folder, "services.json"));
    assert.deepEqual(services.map((s) => s.id).sort(), expectedIds.map((id) => uuidV5(`service:${id}`)).sort());
  });

  test(`${lang}: ids are UUIDs, one per record`, () => {
    const services = readJson(path.join(folder, "services.json"));
    const seen = new Map();
    for (const [id, record] of idsIn(services)) {
      assert.match(id, UUID);
      if (seen.has(id)) {
        // An organization nests in each of its services, the same each time.
        assert.deepEqual(record, seen.get(id), `id ${id} names two different records`);
      }
      seen.set(id, record);
    }
    idsByLanguage[lang] = [...seen.keys()].sort();
  });

  test(`${lang}: the CSV tables match datapackage.json and their keys resolve`, () => {
    const pkg = readJson(path.join(folder, "datapackage.json"));
    assert.equal(pkg.profile, "tabular-data-package");
    const tables = new Map();
    for (const resource of pkg.resources) {
      const table = readTable(folder, resource);
      assert.deepEqual(
        table.header,
        resource.schema.fields.map((f) => f.name),
        `${resource.path}: header`,
      );
      tables.set(resource.name, table);
    }
    for (const resource of pkg.resources) {
      const { rows } = tables.get(resource.name);
      const ids = rows.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, `${resource.path}: ids repeat`);
      for (const id of ids) assert.match(id, UUID, `${resource.path}: id`);
      for (const field of resource.schema.fields) {
        for (const row of rows) {
          const value = row[field.name];
          if (field.constraints?.required) assert.notEqual(value, "", `${resource.path}: ${field.name} is required`);
          if (value !== "") {
            assert.ok(cellFits(field, value), `${resource.path}: ${field.name} = ${JSON.stringify(value)}`);
          }
        }
      }
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (!column.endsWith("_id") || value === "") continue;
          const target = tables.get(column.slice(0, -"_id".length));
          assert.ok(target, `${resource.path}: ${column} = ${value} points outside the package`);
          assert.ok(
            target.rows.some((r) => r.id === value),
            `${resource.path}: ${column} = ${value} has no row`,
          );
        }
      }
      for (const key of resource.schema.foreignKeys ?? []) {
        assert.ok(tables.has(key.reference.resource), `${resource.path}: ${key.fields} refers to a table`);
      }
    }
    const services = readJson(path.join(folder, "services.json"));
    assert.deepEqual(
      tables.get("service").rows.map((r) => r.id),
      services.map((s) => s.id),
    );
    assert.deepEqual(
      tables.get("phone").rows.map((r) => r.id),
      services.flatMap((s) => s.phones.map((p) => p.id)),
    );
    for (const row of tables.get("phone").rows) {
      assert.match(row.number, /^(\+[1-9]\d{6,14}|\d{3,6})$/, "E.164 or a short code");
    }
  });
}

test("ids are the same in every language", () => {
  const [first, ...others] = LANGUAGES;
  assert.ok(idsByLanguage[first], "the per-language tests ran");
  for (const lang of others) {
    assert.deepEqual(idsByLanguage[lang], idsByLanguage[first], `${lang} and ${first}`);
  }
});
