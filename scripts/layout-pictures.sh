#!/usr/bin/env bash
# Renders page 1 of a sample resume in each built-in layout as docs/layouts/<name>.png (the README's pictures).
#
# Usage: scripts/layout-pictures.sh [path/to/resume-export]
#   Without a binary it builds the release one. SAMPLE=... picks another resume
#   (default: samples/jsonresume-sample.json, the official JSON Resume sample,
#   which fills every header field and most sections). Needs pdftoppm and pngquant
#   (apt-get install poppler-utils pngquant): 60 dpi, then 64 colours, about 30 KB a page.
#   SOURCE_DATE_EPOCH is fixed (unless set), so the same build and tools write the same PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/resume-export
fi
for tool in pdftoppm pngquant; do
    command -v "$tool" >/dev/null || {
        echo "error: needs $tool (apt-get install poppler-utils pngquant)" >&2
        exit 1
    }
done
sample=${SAMPLE:-samples/jsonresume-sample.json}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/layouts
for name in $("$bin" layouts | awk '{ print $1 }'); do
    "$bin" -q -f pdf -l "$name" -o "$tmp/$name.pdf" "$sample"
    pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$tmp/$name.pdf" "$tmp/$name"
    pngquant --force --strip --speed 1 --output "docs/layouts/$name.png" 64 "$tmp/$name.png"
    echo "docs/layouts/$name.png: $(wc -c <"docs/layouts/$name.png") bytes"
done
