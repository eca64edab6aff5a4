#!/bin/sh
# Copies seed inputs into fuzz/corpus/<target>/ (not committed: several corpus
# files have no licence). Run from anywhere; safe to run again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared="$root/../shared/corpus"
for target in reader document; do
    mkdir -p "$here/corpus/$target"
done
n=0
for f in "$shared"/real/*.json "$shared"/invalid/*.json "$root"/samples/*.json; do
    [ -f "$f" ] || continue
    # reader: the files as they are.
    cp "$f" "$here/corpus/reader/seed-$(basename "$f")"
    # document: the same bytes, read by the generator as random choices.
    cp "$f" "$here/corpus/document/seed-$(basename "$f")"
    n=$((n + 1))
done
echo "seeded $n files into $here/corpus/{reader,document}"
