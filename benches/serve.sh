#!/usr/bin/env bash
# Preview benchmark: generates a bilingual corpus of N page pairs (default
# 10000), starts `faro serve` on it, then edits one page several times and
# reports how long each edit took to be served: from the moment the file was
# written until a request for the page returns the new text (the time a
# watching editor waits), best and median of the runs. First edits to the
# page's text, then to its title (which its section's listing shows too).
#
# usage: benches/serve.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
runs="${2:-5}"
work="$(mktemp -d)"
cargo build --release --quiet
python3 benches/gen_corpus.py "$n" "$work/site"
target/release/faro serve --root "$work/site" --port 0 2>"$work/log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do grep -q '^serving http://' "$work/log" && break; sleep 0.1; done
addr=$(grep -o '^serving http://[^/]*' "$work/log" | sed 's|serving http://||')
[ -n "$addr" ] || { cat "$work/log"; exit 1; }
page="$work/site/content/s0/t0/p0.en.md"
python3 - "$addr" "$page" "$runs" <<'PY'
import sys, time, urllib.request, statistics
addr, page, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
url = f"http://{addr}/en/s0/t0/p0/"
original = open(page, encoding="utf-8").read()

def measure(what, edit):
    times = []
    for run in range(runs):
        marker = f"Edited {run} {time.time_ns()}"
        with open(page, "w", encoding="utf-8") as f:
            f.write(edit(marker))
        start = time.perf_counter()
        while True:
            body = urllib.request.urlopen(url).read().decode("utf-8")
            if marker in body:
                break
            if time.perf_counter() - start > 120:
                sys.exit(f"{what}, run {run}: the edit was not served within 120 s")
            time.sleep(0.005)
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(1)
    print(f"{what}: best {min(times):.0f} ms, median {statistics.median(times):.0f} ms "
          f"({', '.join(f'{t:.0f}' for t in times)})")

measure("text edit", lambda m: original + "\n" + m + ".\n")
measure("title edit", lambda m: original.replace("title: Page 0 en", f"title: Page 0 en {m}", 1))
PY
pages=$(grep -o 'built [0-9]* pages' "$work/log" | head -1)
echo "corpus: $n page pairs ($pages), $(nproc) cores"
