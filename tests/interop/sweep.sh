#!/usr/bin/env bash
# Output validity sweep: converts every corpus file, sample and reader fixture to every format
# with the release binary and checks each output with real tools:
#   PDF   qpdf --check, pdffonts (embedded + subset), pdftotext (text, names, employers, positions)
#   DOCX  python-docx (named styles, headings, list bullets, properties, pictures), LibreOffice → PDF, pandoc;
#         every input in the default layout, the samples and every SHARE-th corpus file (default 4,
#         a different share per layout) in each other built-in layout
#   MD    pandoc -f commonmark (only our headings, no raw HTML/images/code, safe links)
#   TXT   no control characters, lines within 80 columns
# Prints one line per failure and a final "N passed, N failed"; exit 1 on any failure.
# Usage: tests/interop/sweep.sh [BINARY]   (needs qpdf, poppler-utils, pandoc, LibreOffice, python-docx)
set -u
cd "$(dirname "$0")/../.."
bin=${1:-target/release/resume-export}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

inputs=(samples/*.json)
[ -d ../shared/corpus/real ] && inputs+=(../shared/corpus/real/*.json)
mkdir -p "$out/json"
for f in "${inputs[@]}"; do ln -s "$(realpath "$f")" "$out/json/$(basename "$f")"; done
# Other input shapes (FRESH, Reactive Resume, RenderCV, LinkedIn's export
# folder): their outputs are checked against the JSON Resume that `convert`
# makes of them.
for f in tests/fixtures/readers/{fresh,reactive-resume,rendercv}/*.{json,yaml} tests/fixtures/readers/linkedin/*/; do
  [ -e "$f" ] || continue
  f=${f%/}
  stem=$(basename "${f%.*}")
  if "$bin" convert -q "$f" -o "$out/json/$stem.json"; then
    inputs+=("$f")
  else
    echo "FAIL: convert $f exited non-zero"
    exit 1
  fi
done

passed=0
failed=0
tally() {  # reads a checker's output, echoes its failure lines, adds its counts
  local line
  while IFS= read -r line; do
    if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      passed=$((passed + BASH_REMATCH[1]))
      failed=$((failed + BASH_REMATCH[2]))
    else
      echo "$line"
    fi
  done
}

for fmt in pdf docx md txt; do
  if ! "$bin" -q -f "$fmt" -d "$out/$fmt" "${inputs[@]}"; then
    echo "FAIL: converting the inputs to $fmt exited non-zero"
    failed=$((failed + 1))
  fi
done

echo "-- pdf: qpdf, pdffonts, pdftotext"
tally < <(bash tests/interop/check_pdf.sh "$out/pdf")
tally < <(python3 tests/interop/check_pdf_text.py "$out/pdf" "$out/json")
echo "-- docx: python-docx, LibreOffice, pandoc"
tally < <(python3 tests/interop/check_docx.py "$out/docx" --json-dir "$out/json")
# Every other built-in layout in Word too (icons, sidebar, split header, band):
# the samples and a share of the corpus, every SHARE-th file (default 4), a
# different share for each layout, so that together they cover the corpus.
share=${SHARE:-4}
k=0
for layout in $("$bin" layouts | awk 'NR > 1 { print $1 }'); do
  these=(samples/*.json)
  i=0
  for f in "${inputs[@]}"; do
    case "$f" in
      ../shared/corpus/*)
        [ $((i % share)) -eq $((k % share)) ] && these+=("$f")
        i=$((i + 1)) ;;
    esac
  done
  k=$((k + 1))
  echo "-- docx in $layout (${#these[@]} files): python-docx, LibreOffice, pandoc"
  if ! "$bin" -q -f docx -l "$layout" -d "$out/docx-$layout" "${these[@]}"; then
    echo "FAIL: converting to docx in $layout exited non-zero"
    failed=$((failed + 1))
    continue
  fi
  tally < <(python3 tests/interop/check_docx.py "$out/docx-$layout" --json-dir "$out/json")
done
echo "-- md: pandoc"
tally < <(python3 tests/interop/check_markdown.py "$out/md")
echo "-- txt: control characters and width"
tally < <(python3 - "$out/txt" <<'PY'
import pathlib, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
p = f = 0
for t in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    text = t.read_text(encoding="utf-8")
    bad = [c for c in text if (unicodedata.category(c) == "Cc" and c != "\n") or c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"]
    wide = [l for l in text.splitlines() if width(l) > 80]
    if bad or wide:
        f += 1
        print(f"FAIL {t}: {len(bad)} control characters, {len(wide)} lines over 80 columns")
    else:
        p += 1
print(f"{p} passed, {f} failed")
PY
)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
