#!/usr/bin/env python3
"""Writes src/directory/iso3166.tsv, the table of ISO 3166 codes that
content/directory/regions.yaml is checked against, from Debian's iso-codes
package (https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1+), which
follows the ISO 3166 Maintenance Agency's changes.

usage: scripts/update-iso3166.py [ISO_CODES_JSON_DIR]
       (default /usr/share/iso-codes/json, from `apt-get install iso-codes`)
"""
import json
import subprocess
import sys
from pathlib import Path

src = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json")
out = Path(__file__).resolve().parent.parent / "src" / "directory" / "iso3166.tsv"

try:
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True, check=True
    ).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    version = "unknown version"

countries = json.loads((src / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
subdivisions = json.loads((src / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]

rows = [(c["alpha_2"], c["name"]) for c in countries]
rows += [(s["code"], s["name"]) for s in subdivisions]
rows.sort()
for code, name in rows:
    if "\t" in name or "\n" in name:
        sys.exit(f"{code}: a name with a tab or line break")

lines = [
    "# ISO 3166-1 alpha-2 country codes and ISO 3166-2 subdivision codes, with English names.",
    f"# From Debian iso-codes {version} (LGPL-2.1-or-later); written by scripts/update-iso3166.py.",
]
lines += [f"{code}\t{name}" for code, name in rows]
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{out.name}: {len(countries)} countries, {len(subdivisions)} subdivisions")
