//! The tabular form of an HSDS dataset: one CSV file per kind of record and a
//! Frictionless Tabular Data Package (`datapackage.json`) describing them, as
//! HSDS's serialization guide lays out.
//!
//! Each table has the plain columns of its HSDS schema (the properties that
//! hold one value, not nested records), in the schema's order; a record points
//! to the one it belongs to through `*_id` columns. The columns are written
//! out here rather than read from the schemas at build time; a test checks
//! them against the schema files kept in `tests/data/hsds-schema/`.
//!
//! Rows are the JSON records themselves, column by column, so the CSV files
//! and `services.json` cannot say different things.
//!
//! # Formulas
//!
//! CSV files are opened in spreadsheets, which run a cell that starts with
//! `=`, `+`, `-` or `@` as a formula (and some skip a leading tab or carriage
//! return first), so a description written as `=HYPERLINK(…)` would become a
//! live link or worse on the reader's machine. As OWASP's CSV-injection
//! guidance describes, such a cell is written with a single quote in front
//! (`'=HYPERLINK(…)`), which spreadsheets show as text, and every cell that
//! needs it is quoted. One exception keeps the data usable: a cell that is a
//! plain number, sign included (`+18883737888`, `-7`, `5.5`), is written as it
//! is. A spreadsheet reads it as that number and nothing else, and the HSDS
//! tables need it unchanged: phone numbers are E.164 (`+` and digits, what
//! `tel:` links and other directories expect) and timezone offsets are
//! numbers. The JSON files are never neutralised; they are data, not sheets.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::hsds::Service;

/// The type of a column, as the schema gives it (its `datapackage_type`, or
/// its JSON type and format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Uuid,
    Email,
    Uri,
    Number,
    Date,
    Time,
    DateTime,
}

impl FieldType {
    /// The Frictionless Table Schema type and format.
    fn frictionless(self) -> (&'static str, Option<&'static str>) {
        match self {
            FieldType::Text => ("string", None),
            FieldType::Uuid => ("string", Some("uuid")),
            FieldType::Email => ("string", Some("email")),
            FieldType::Uri => ("string", Some("uri")),
            FieldType::Number => ("number", None),
            FieldType::Date => ("date", None),
            FieldType::Time => ("time", None),
            FieldType::DateTime => ("datetime", None),
        }
    }
}

/// One HSDS table.
#[derive(Debug)]
pub struct Table {
    /// The schema's name, which is also the resource's name in the package.
    pub name: &'static str,
    /// The file name HSDS gives the table.
    pub path: &'static str,
    pub columns: &'static [(&'static str, FieldType)],
    /// The schema's `required` and `tabular_required` columns.
    pub required: &'static [&'static str],
}

use FieldType::{Date, DateTime, Email, Number, Text, Time, Uri, Uuid};

/// The tables of the export, in the order of HSDS's own package.
pub const TABLES: [Table; 7] = [
    Table {
        name: "organization",
        path: "organizations.csv",
        columns: &[
            ("id", Uuid),
            ("name", Text),
            ("alternate_name", Text),
            ("description", Text),
            ("email", Email),
            ("website", Uri),
            ("tax_status", Text),
            ("tax_id", Text),
            ("year_incorporated", Number),
            ("legal_status", Text),
            ("logo", Text),
            ("uri", Uri),
            ("parent_organization_id", Uuid),
        ],
        required: &["id", "name", "description"],
    },
    Table {
        name: "service",
        path: "services.csv",
        columns: &[
            ("id", Uuid),
            ("organization_id", Uuid),
            ("program_id", Uuid),
            ("name", Text),
            ("alternate_name", Text),
            ("description", Text),
            ("url", Uri),
            ("email", Email),
            ("status", Text),
            ("interpretation_services", Text),
            ("application_process", Text),
            ("fees_description", Text),
            ("wait_time", Text),
            ("fees", Text),
            ("accreditations", Text),
            ("eligibility_description", Text),
            ("minimum_age", Number),
            ("maximum_age", Number),
            ("assured_date", Date),
            ("assurer_email", Email),
            ("licenses", Text),
            ("alert", Text),
            ("last_modified", DateTime),
        ],
        required: &["id", "name", "status", "organization_id"],
    },
    Table {
        name: "phone",
        path: "phones.csv",
        columns: &[
            ("id", Uuid),
            ("location_id", Uuid),
            ("service_id", Uuid),
            ("organization_id", Uuid),
            ("contact_id", Uuid),
            ("service_at_location_id", Uuid),
            ("number", Text),
            ("extension", Number),
            ("type", Text),
            ("description", Text),
        ],
        required: &["id", "number"],
    },
    Table {
        name: "schedule",
        path: "schedules.csv",
        columns: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("location_id", Uuid),
            ("service_at_location_id", Uuid),
            ("valid_from", Date),
            ("valid_to", Date),
            ("dtstart", Date),
            ("timezone", Number),
            ("until", Date),
            ("count", Number),
            ("wkst", Text),
            ("freq", Text),
            ("interval", Number),
            ("byday", Text),
            ("byweekno", Text),
            ("bymonthday", Text),
            ("byyearday", Text),
            ("description", Text),
            ("opens_at", Time),
            ("closes_at", Time),
            ("schedule_link", Uri),
            ("attending_type", Text),
            ("notes", Text),
        ],
        required: &["id"],
    },
    Table {
        name: "service_area",
        path: "service_areas.csv",
        columns: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("service_at_location_id", Uuid),
            ("name", Text),
            ("description", Text),
            ("extent", Text),
            ("extent_type", Text),
            ("uri", Text),
        ],
        required: &["id"],
    },
    Table {
        name: "language",
        path: "languages.csv",
        columns: &[
            ("id", Uuid),
            ("service_id", Uuid),
            ("location_id", Uuid),
            ("phone_id", Uuid),
            ("name", Text),
            ("code", Text),
            ("note", Text),
        ],
        required: &["id"],
    },
    Table {
        name: "url",
        path: "url.csv",
        columns: &[("id", Uuid), ("label", Text), ("url", Uri), ("organization_id", Uuid), ("service_id", Uuid)],
        required: &["id", "url"],
    },
];

/// The rows of every table, in [`TABLES`] order: each record as its JSON
/// object, organizations once each.
pub fn rows(services: &[Service]) -> Vec<(&'static Table, Vec<Value>)> {
    let mut seen = HashSet::new();
    let organizations =
        services.iter().map(|s| &s.organization).filter(|o| seen.insert(o.id.as_str())).map(json).collect();
    let languages = services
        .iter()
        .flat_map(|s| s.languages.iter().chain(s.phones.iter().flat_map(|p| &p.languages)))
        .map(json)
        .collect();
    let all: [Vec<Value>; 7] = [
        organizations,
        services.iter().map(json).collect(),
        services.iter().flat_map(|s| &s.phones).map(json).collect(),
        services.iter().flat_map(|s| &s.schedules).map(json).collect(),
        services.iter().flat_map(|s| &s.service_areas).map(json).collect(),
        languages,
        services.iter().flat_map(|s| &s.additional_urls).map(json).collect(),
    ];
    TABLES.iter().zip(all).collect()
}

fn json<T: Serialize>(record: &T) -> Value {
    // The records are plain structs of strings and numbers.
    serde_json::to_value(record).expect("HSDS records serialise to JSON")
}

/// The CSV file of `table` (RFC 4180: a header row, CRLF line ends, fields
/// quoted when they need it). Columns a record lacks are empty.
pub fn csv(table: &Table, rows: &[Value]) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let written = out.write_record(table.columns.iter().map(|(name, _)| *name)).and_then(|()| {
        rows.iter().try_for_each(|row| out.write_record(table.columns.iter().map(|(name, _)| cell(row.get(*name)))))
    });
    written.expect("writing CSV to memory cannot fail");
    out.into_inner().expect("writing CSV to memory cannot fail")
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => neutralise(text),
        Some(other) => other.to_string(),
    }
}

/// A text cell that a spreadsheet would run as a formula, with a `'` in front
/// (see the module doc); plain numbers and all other text unchanged.
fn neutralise(text: &str) -> String {
    let formula_like = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_like && !is_plain_number(text) { format!("'{text}") } else { text.to_string() }
}

/// `+18883737888`, `-7`, `5.5`: an optional sign, digits, an optional fraction.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

#[derive(Serialize)]
struct Package<'a> {
    profile: &'static str,
    name: &'a str,
    title: &'a str,
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    name: &'static str,
    path: &'static str,
    profile: &'static str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    schema: TableSchema,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableSchema {
    fields: Vec<Field>,
    primary_key: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

#[derive(Serialize)]
struct Constraints {
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unique: bool,
}

#[derive(Serialize)]
struct ForeignKey {
    fields: &'static str,
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: &'static str,
    fields: &'static str,
}

/// `datapackage.json` for the tables: each file with its fields and types,
/// `id` as primary key, and a foreign key for each `<table>_id` column whose
/// table is in the package.
pub fn datapackage(name: &str, title: &str) -> Vec<u8> {
    let resources = TABLES
        .iter()
        .map(|table| {
            let fields = table
                .columns
                .iter()
                .map(|&(column, field_type)| {
                    let (kind, format) = field_type.frictionless();
                    let required = table.required.contains(&column);
                    let unique = column == "id";
                    Field {
                        name: column,
                        kind,
                        format,
                        constraints: (required || unique).then_some(Constraints { required, unique }),
                    }
                })
                .collect();
            let foreign_keys = table
                .columns
                .iter()
                .filter_map(|&(column, _)| {
                    let target = TABLES.iter().find(|t| column.strip_suffix("_id") == Some(t.name))?;
                    Some(ForeignKey { fields: column, reference: Reference { resource: target.name, fields: "id" } })
                })
                .collect();
            Resource {
                name: table.name,
                path: table.path,
                profile: "tabular-data-resource",
                format: "csv",
                mediatype: "text/csv",
                encoding: "utf-8",
                schema: TableSchema { fields, primary_key: "id", foreign_keys },
            }
        })
        .collect();
    let package = Package { profile: "tabular-data-package", name, title, resources };
    let mut json = serde_json::to_vec_pretty(&package).expect("the package serialises to JSON");
    json.push(b'\n');
    json
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};
    use std::path::Path;

    use super::*;
    use crate::export::hsds;
    use crate::export::tests::{directory, words_of};

    /// A JSON object's members in the order written (serde_json's own map
    /// sorts them, and column order is what is checked).
    struct Members(Vec<(String, Value)>);

    impl<'de> serde::Deserialize<'de> for Members {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct MembersVisitor;
            impl<'de> serde::de::Visitor<'de> for MembersVisitor {
                type Value = Members;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                    let mut members = Vec::new();
                    while let Some(member) = map.next_entry()? {
                        members.push(member);
                    }
                    Ok(Members(members))
                }
            }
            deserializer.deserialize_map(MembersVisitor)
        }
    }

    #[derive(serde::Deserialize)]
    struct SchemaFile {
        path: String,
        properties: Members,
        #[serde(default)]
        required: Vec<String>,
        #[serde(default)]
        tabular_required: Vec<String>,
    }

    fn schema(name: &str) -> SchemaFile {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hsds-schema").join(format!("{name}.json"));
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    /// A CSV file read back: its header and its rows by column name.
    type Parsed = (Vec<String>, Vec<BTreeMap<String, String>>);

    fn parse_csv(bytes: &[u8]) -> Parsed {
        let mut reader = ::csv::Reader::from_reader(bytes);
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        let rows = reader
            .records()
            .map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect())
            .collect();
        (header, rows)
    }

    #[test]
    fn columns_follow_the_schemas() {
        for table in &TABLES {
            let schema = schema(table.name);
            assert_eq!(schema.path, table.path);
            // Plain columns are the properties with `constraints`, in order.
            let expected: Vec<(&str, FieldType)> = schema
                .properties
                .0
                .iter()
                .filter(|(_, p)| p.get("constraints").is_some())
                .map(|(name, p)| {
                    let kind = match (p["datapackage_type"].as_str(), p["type"].as_str(), p["format"].as_str()) {
                        (Some("date"), ..) => Date,
                        (Some("time"), ..) => Time,
                        (Some("datetime"), ..) => DateTime,
                        (None, Some("number"), _) => Number,
                        (None, Some("string"), Some("uuid")) => Uuid,
                        (None, Some("string"), Some("email")) => Email,
                        (None, Some("string"), Some("uri")) => Uri,
                        (None, Some("string"), None) => Text,
                        other => panic!("{}.{name}: {other:?}", table.name),
                    };
                    (name.as_str(), kind)
                })
                .collect();
            assert_eq!(table.columns, expected.as_slice(), "{}", table.name);
            let required: Vec<&String> = schema.required.iter().chain(&schema.tabular_required).collect();
            assert_eq!(table.required, required, "{}", table.name);
        }
    }

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let table = &TABLES[6];
        let row = serde_json::json!({
            "id": "a",
            "label": "Chat, \"live\"\nnow",
            "url": "https://example.org/?a=1,2",
        });
        let text = String::from_utf8(csv(table, &[row])).unwrap();
        assert_eq!(
            text,
            "id,label,url,organization_id,service_id\r\na,\"Chat, \"\"live\"\"\nnow\",\"https://example.org/?a=1,2\",,\r\n"
        );
        let (_, rows) = parse_csv(text.as_bytes());
        assert_eq!(rows[0]["label"], "Chat, \"live\"\nnow");
    }

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        let cases = [
            ("=HYPERLINK(\"https://evil.example\",\"Help\")", "'=HYPERLINK(\"https://evil.example\",\"Help\")"),
            ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("+", "'+"),
            ("+18883737888", "+18883737888"),
            ("-7", "-7"),
            ("5.5", "5.5"),
            ("911", "911"),
            ("Help, 24/7 = always", "Help, 24/7 = always"),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(cell(Some(&Value::String(text.into()))), expected, "{text:?}");
        }
        let table = &TABLES[6];
        let row = serde_json::json!({"id": "a", "label": "=1+1", "url": "https://example.org/"});
        let text = String::from_utf8(csv(table, &[row])).unwrap();
        let (_, rows) = parse_csv(text.as_bytes());
        assert_eq!(rows[0]["label"], "'=1+1");
    }

    #[test]
    fn numbers_and_missing_values() {
        assert_eq!(cell(Some(&serde_json::json!(-7))), "-7");
        assert_eq!(cell(Some(&serde_json::json!(5.5))), "5.5");
        assert_eq!(cell(Some(&Value::Null)), "");
        assert_eq!(cell(None), "");
    }

    #[test]
    fn foreign_keys_point_at_rows() {
        let words = words_of("en");
        let services = hsds::services(&directory(), "en", &|key: &str| words.get(key).cloned());
        let tables: HashMap<&str, Parsed> =
            rows(&services).into_iter().map(|(table, rows)| (table.name, parse_csv(&csv(table, &rows)))).collect();
        let mut checked = 0;
        for table in &TABLES {
            let (header, rows) = &tables[table.name];
            assert_eq!(header, &table.columns.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
            let ids: Vec<&String> = rows.iter().map(|r| &r["id"]).collect();
            assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len(), "{}: ids repeat", table.name);
            for row in rows {
                for required in table.required {
                    assert!(!row[*required].is_empty(), "{}.{required} is empty", table.name);
                }
                for (column, value) in row.iter().filter(|(c, v)| c.ends_with("_id") && !v.is_empty()) {
                    let target = column.strip_suffix("_id").unwrap();
                    let (_, targets) = tables.get(target).unwrap_or_else(|| panic!("{}.{column}", table.name));
                    assert!(targets.iter().any(|t| &t["id"] == value), "{}.{column} = {value}", table.name);
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "{checked}");
        assert_eq!(tables["service"].1.len(), services.len());
        assert_eq!(tables["organization"].1.len(), services.len() - 1, "Polaris runs two services");
    }

    #[test]
    fn the_package_describes_every_table() {
        let package: Value = serde_json::from_slice(&datapackage("help-directory-en", "Faro: Who to call")).unwrap();
        assert_eq!(package["profile"], "tabular-data-package");
        let resources = package["resources"].as_array().unwrap();
        assert_eq!(resources.len(), TABLES.len());
        let phone = &resources[2];
        assert_eq!(phone["path"], "phones.csv");
        assert_eq!(phone["schema"]["primaryKey"], "id");
        assert_eq!(
            phone["schema"]["foreignKeys"],
            serde_json::json!([
                {"fields": "service_id", "reference": {"resource": "service", "fields": "id"}},
                {"fields": "organization_id", "reference": {"resource": "organization", "fields": "id"}},
            ])
        );
        assert_eq!(
            phone["schema"]["fields"][0],
            serde_json::json!({"name": "id", "type": "string", "format": "uuid", "constraints": {"required": true, "unique": true}})
        );
        assert_eq!(
            phone["schema"]["fields"][6],
            serde_json::json!({"name": "number", "type": "string", "constraints": {"required": true}})
        );
        let schedule_fields = resources[3]["schema"]["fields"].as_array().unwrap();
        let opens = schedule_fields.iter().find(|f| f["name"] == "opens_at").unwrap();
        assert_eq!(opens["type"], "time");
    }
}
