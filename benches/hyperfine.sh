#!/usr/bin/env bash
# Whole-process time (hyperfine), peak memory (GNU time) and output size for
# each sample converted to PDF by the release binary. Run from anywhere:
#   benches/hyperfine.sh            (builds target/release first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/resume-export
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for sample in samples/*.json; do
    name=$(basename "$sample" .json)
    hyperfine -N --warmup 3 --runs 50 --export-markdown "$out/$name.md" \
        "$bin -q -f pdf $sample -o $out/$name.pdf" >/dev/null 2>&1
    mean=$(sed -n 3p "$out/$name.md" | cut -d'|' -f3 | xargs)
    rss=$(/usr/bin/time -f %M "$bin" -q -f pdf "$sample" -o "$out/$name.pdf" 2>&1 >/dev/null)
    size=$(stat -c %s "$out/$name.pdf")
    printf '%-18s %s ms  peak %s KB  %s bytes\n' "$name" "$mean" "$rss" "$size"
done
