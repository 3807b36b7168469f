#!/usr/bin/env bash
# Faro against Hugo on the same corpus (benches/gen_corpus.py: bilingual pages
# in sections of ~30, each page listing its section's pages), in one paired
# run: Faro, Hugo, Faro, Hugo, … so both see the same machine load. Prints,
# per size, the median wall time, pages per second, CPU time and peak memory
# of each, and Faro's pages per second over Hugo's. Hugo is optional: without
# it, the script says it was not found and measures Faro alone.
#
# Then, at 10,000 pairs (or the largest size asked for below it): `faro
# check`, a rebuild over an existing output against `cp -r` of that output
# tree (on the checkout's disk, under target/, and in the tmpfs), and the
# preview's edit-to-served time (benches/serve.sh).
#
# Builds go into a tmpfs (/dev/shm) where there is one, as the README's
# figures were measured, so the disk's speed does not decide them.
#
# usage: benches/compare.sh [N ...]        (default: 1000 10000 50000)
#   RUNS=3 benches/compare.sh 10000          pairs of runs per size (default 3)
#   EXTRAS=no benches/compare.sh             skip check, rebuild and preview
#   HUGO_UP_TO=10000 benches/compare.sh      Hugo only up to that size (its
#                                            memory grows past this machine's)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
runs="${RUNS:-3}"
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base="${TMPDIR:-/tmp}"
work="$(mktemp -d "$base/faro-bench.XXXXXX")"
# On the checkout's disk, for the rebuild against `cp -r`.
disk="$PWD/target/faro-bench-disk"
trap 'rm -rf "$work" "$disk"' EXIT
cargo build --release --quiet
faro="$PWD/target/release/faro"
hugo="$(command -v hugo || true)"
if [ -n "$hugo" ]; then
  echo "Hugo: $("$hugo" version | cut -d' ' -f1-2)"
else
  echo "Hugo was not found (apt-get install hugo); measuring Faro alone"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); builds in $base; $(date -u +%Y-%m-%d)"

# A Hugo site over the same content: the same languages, sections and
# addresses' shape, the same inline style and script as Faro's pages (taken
# from a page Faro built), the main navigation and language links on every
# page, Markdown links to .md files resolved to the page's address (as Faro
# does), and a feed per section. Minified, as Faro's output is.
hugo_site() {
  local faro_site="$1" out="$2" page="$3"
  mkdir -p "$out/layouts/_default/_markup" "$out/layouts/partials"
  cp -r "$faro_site/content" "$out/content"
  rm "$out/content/site.yaml"
  cat > "$out/config.toml" <<'TOML'
baseURL = "https://example.org/"
title = "Benchmark"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]
[outputs]
home = ["HTML"]
section = ["HTML", "RSS"]
page = ["HTML"]
[languages.en]
languageName = "English"
title = "Benchmark"
weight = 1
[languages.es]
languageName = "Español"
title = "Prueba"
weight = 2
TOML
  python3 - "$page" "$out/layouts/partials" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
style = re.search(r"<style[^>]*>(.*?)</style>", html, re.S)
script = re.search(r"<script[^>]*>(.*?)</script>", html, re.S)
open(f"{sys.argv[2]}/style.html", "w", encoding="utf-8").write(f"<style>{style.group(1) if style else ''}</style>")
open(f"{sys.argv[2]}/script.html", "w", encoding="utf-8").write(f"<script>{script.group(1) if script else ''}</script>")
PY
  cat > "$out/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}"><link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
{{ partial "style.html" . }}</head><body><a class="skip" href="#main">Skip</a>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a><nav><ul>{{ range .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<nav><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>{{ partial "script.html" . }}</body></html>
HTML
  cat > "$out/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
HTML
  cat > "$out/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul class="cards">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}
HTML
  cat > "$out/layouts/_default/_markup/render-link.html" <<'HTML'
{{- $href := .Destination -}}{{- if strings.HasSuffix $href ".md" -}}{{- with .Page.GetPage (strings.TrimSuffix ".md" $href) -}}{{- $href = .RelPermalink -}}{{- end -}}{{- end -}}<a href="{{ $href }}">{{ .Text | safeHTML }}</a>
HTML
}

# `timed FILE COMMAND…` runs the command, appending "wall user sys peak_kib" to FILE.
timed() {
  local file="$1"
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/one" "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  cat "$work/one" >> "$file"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Prints the median of column $2 of file $1.
col() { awk -v c="$2" '{print $c}' "$1" | median; }

report() {
  local name="$1" times="$2" pages="$3"
  local wall user sys kb
  wall=$(col "$times" 1); user=$(col "$times" 2); sys=$(col "$times" 3); kb=$(col "$times" 4)
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" -v p="$pages" 'BEGIN {
    printf "  %-5s %6d pages  %7.2f s  %6.0f pages/s  CPU %6.2f s  peak %6.0f MiB\n", n, p, w, p / w, u + s, kb / 1024 }'
}

extras_at=""
for n in "${sizes[@]}"; do
  [ "$n" -le 10000 ] && extras_at="$n"
done

for n in "${sizes[@]}"; do
  echo
  echo "== $n page pairs"
  site="$work/faro-$n"
  python3 benches/gen_corpus.py "$n" "$site"
  : > "$work/faro.times"; : > "$work/hugo.times"
  faro_pages=0; hugo_pages=0
  for run in $(seq 1 "$runs"); do
    rm -rf "$site/public"
    timed "$work/faro.times" "$faro" build --root "$site"
    faro_pages=$(find "$site/public" -name '*.html' | wc -l)
    if [ -n "$hugo" ] && [ "$n" -le "${HUGO_UP_TO:-$n}" ]; then
      if [ ! -d "$work/hugo-$n" ]; then
        page=$(find "$site/public/en" -path '*/p0/index.html' | head -1)
        hugo_site "$site" "$work/hugo-$n" "$page"
      fi
      rm -rf "$work/hugo-$n/public" "$work/hugo-$n/resources"
      timed "$work/hugo.times" "$hugo" --source "$work/hugo-$n" --minify --quiet
      hugo_pages=$(find "$work/hugo-$n/public" -name '*.html' | wc -l)
    fi
  done
  report Faro "$work/faro.times" "$faro_pages"
  if [ -n "$hugo" ] && [ "$n" -gt "${HUGO_UP_TO:-$n}" ]; then
    echo "  Hugo: not run above $HUGO_UP_TO pairs (HUGO_UP_TO)"
  elif [ -n "$hugo" ]; then
    report Hugo "$work/hugo.times" "$hugo_pages"
    awk -v fp="$faro_pages" -v fw="$(col "$work/faro.times" 1)" -v hp="$hugo_pages" -v hw="$(col "$work/hugo.times" 1)" \
      -v fc="$(awk '{print $2 + $3}' "$work/faro.times" | median)" -v hc="$(awk '{print $2 + $3}' "$work/hugo.times" | median)" \
      'BEGIN { printf "  Faro/Hugo: %.2f× the pages per second, %.2f× the pages per CPU second\n", (fp / fw) / (hp / hw), (fp / fc) / (hp / hc) }'
    rm -rf "$work/hugo-$n"
  fi
  if [ "$n" = "$extras_at" ] && [ "${EXTRAS:-yes}" != "no" ]; then
    : > "$work/check.times"
    for run in $(seq 1 "$runs"); do
      timed "$work/check.times" "$faro" check --root "$site"
    done
    awk -v w="$(col "$work/check.times" 1)" -v kb="$(col "$work/check.times" 4)" \
      'BEGIN { printf "  faro check: %.2f s, peak %.0f MiB\n", w, kb / 1024 }'
    # A rebuild over the previous output (which the swap moves aside and
    # removes) against `cp -r` of the output tree, paired: on disk, where
    # the target is set (the checkout's disk), and in the tmpfs.
    mkdir -p "$disk"
    cp -r "$site" "$disk/"
    "$faro" build --root "$disk/$(basename "$site")" >/dev/null 2>&1
    for place in "$disk" "$work"; do
      : > "$work/rebuild.times"; : > "$work/cp.times"
      for run in $(seq 1 "$runs"); do
        timed "$work/rebuild.times" "$faro" build --root "$place/$(basename "$site")"
        rm -rf "$place/copy"
        timed "$work/cp.times" cp -r "$place/$(basename "$site")/public" "$place/copy"
        rm -rf "$place/copy"
      done
      label=$([ "$place" = "$disk" ] && echo "on disk" || echo "in $base")
      awk -v r="$(col "$work/rebuild.times" 1)" -v c="$(col "$work/cp.times" 1)" -v l="$label" \
        'BEGIN { printf "  %s: rebuild over the previous output %.2f s; cp -r of the output tree %.2f s (%.2f×)\n", l, r, c, r / c }'
    done
    rm -rf "$disk"
    echo "  preview (benches/serve.sh $n 7):"
    benches/serve.sh "$n" 7 | sed 's/^/    /'
  fi
  rm -rf "$site"
done
