#!/usr/bin/env bash
# Build benchmark: generates a bilingual corpus of N page pairs (default
# 10000) and reports pages per second and peak memory of `faro build` with
# minification on, best of three runs.
#
# usage: benches/build.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benches/gen_corpus.py "$n" "$work/site"
cargo build --release --quiet
words=$(cat "$work"/site/content/s0/t0/p0.en.md | wc -w)
best=""
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/time" target/release/faro build --root "$work/site" 2>"$work/log" || { cat "$work/log"; exit 1; }
  read -r secs kb < "$work/time"
  pages=$(find "$work/site/public" -name '*.html' | wc -l)
  echo "run $run: $pages pages in ${secs}s, peak memory $((kb / 1024)) MiB"
  if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best="$secs"; best_kb="$kb"; fi
done
echo "corpus: $n page pairs (~$words words per page), $(nproc) cores"
awk -v p="$pages" -v s="$best" -v kb="$best_kb" 'BEGIN{printf "best: %.0f pages/s (%d pages in %.2fs), peak memory %d MiB\n", p/s, p, s, kb/1024}'
