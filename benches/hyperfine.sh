#!/usr/bin/env bash
# Whole-process benchmarks: what a user or a script pays, process start-up included.
#
#   bash benches/hyperfine.sh            # single resume + 1,000-resume batch
#   BIG=1 bash benches/hyperfine.sh      # also 10,000 resumes (memory flatness)
#
# Needs hyperfine and GNU time (apt-get install hyperfine time); pandoc for the
# peer comparison. Prints Markdown tables for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/resume-export
sample=samples/alex-rn.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
formats=$("$bin" formats | awk '$3 != "not" {print $1}')

echo "## One resume ($sample), whole process"
echo
echo "| formats | median | min | max | peak RSS |"
echo "|---|---|---|---|---|"
for f in $formats all; do
  hyperfine -N --warmup 3 --runs 40 --export-json "$work/h.json" \
    "$bin -q -f $f -d $work/out $sample" >/dev/null 2>&1
  read -r median min max < <(python3 -c "
import json; r = json.load(open('$work/h.json'))['results'][0]
print(f\"{r['median']*1e3:.1f} {r['min']*1e3:.1f} {r['max']*1e3:.1f}\")")
  rss=$( { /usr/bin/time -f %M "$bin" -q -f "$f" -d "$work/out" "$sample" ; } 2>&1 | tail -1)
  echo "| $f | $median ms | $min ms | $max ms | $((rss / 1024)) MB |"
done
echo
echo "Output sizes:"
ls -l "$work/out" | awk 'NR > 1 {printf "- %s: %.1f KB\n", $9, $5 / 1024}'

batch() {
  local n=$1
  python3 benches/make_batch.py "$n" "$work/in$n" >/dev/null
  local start end
  start=$(date +%s.%N)
  local rss
  rss=$( { /usr/bin/time -f %M "$bin" -q -f all -j 2 -d "$work/out$n" "$work/in$n" ; } 2>&1 | tail -1)
  end=$(date +%s.%N)
  local files
  files=$(find "$work/out$n" -type f | wc -l)
  python3 -c "print(f'| $n | $files | {($end - $start):.2f} s | {($end - $start) / $n * 1e3:.2f} ms | $((rss / 1024)) MB |')"
  rm -rf "$work/in$n" "$work/out$n"
}

echo
echo "## Batch: all formats, -j 2"
echo
echo "| resumes | files | wall time | per resume | peak RSS |"
echo "|---|---|---|---|---|"
batch 1000
if [ "${BIG:-0}" = 1 ]; then batch 10000; fi

if command -v pandoc >/dev/null 2>&1; then
  echo
  echo "## Peer on the same machine: pandoc, Markdown → DOCX"
  "$bin" -q -f md -o "$work/sample.md" samples/jsonresume-sample.json
  hyperfine -N --warmup 3 --runs 20 --export-json "$work/p.json" \
    "pandoc -f commonmark -t docx -o $work/p.docx $work/sample.md" \
    "$bin -q -f docx -o $work/r.docx samples/jsonresume-sample.json" >/dev/null 2>&1
  python3 -c "
import json
for r in json.load(open('$work/p.json'))['results']:
    print(f\"- {r['command'].split()[0].rsplit('/', 1)[-1]}: median {r['median']*1e3:.1f} ms\")"
fi
