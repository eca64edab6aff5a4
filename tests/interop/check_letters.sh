#!/usr/bin/env bash
# Cover letters and applications (issue 26), checked by tools we did not write,
# for the sample letters (English, German, Arabic right to left) in every
# built-in layout:
#   pdfua check: no errors, no warnings, claiming ua-1 and a-2a,ua-1;
#   qpdf --check on the PDF/A variants;
#   LibreOffice (headless) opens each DOCX and converts it to PDF, and the
#     text pdftotext reads from that holds the letter's closing;
#   check_html.mjs: an HTML5 parse and axe-core in headless Chromium;
# and an application (letter then resume, --brand) as PDF (pdfua, qpdf, both
# outline entries) and DOCX (LibreOffice).
# Prints one line per failure and a final "N passed, N failed"; exit 1 on any failure.
# Usage: tests/interop/check_letters.sh [BINARY]   (needs pdfua, poppler-utils,
# qpdf, LibreOffice; the HTML part needs what check_html.sh installs in target/interop-node)
set -u
cd "$(dirname "$0")/../.."
bin=${1:-target/release/resume-export}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1765000000}
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

pdf_ok() { # pdfua (and qpdf for a PDF/A claim)
  local pdf=$1 claim=$2 report
  if report=$(python3 -m pdfua check "$pdf" 2>&1); then pass; else
    fail "pdfua ($claim): $pdf"; echo "$report" | grep -E '^\s+\[(ERROR|WARN)' | head -5
  fi
  if [ "$claim" != ua-1 ]; then
    if qpdf --check "$pdf" >/dev/null 2>&1; then pass; else fail "qpdf --check: $pdf"; fi
  fi
}

docx_ok() { # LibreOffice converts it; its text holds `closing`
  local docx=$1 closing=$2 dir
  dir=$(dirname "$docx")/lo-$(basename "$docx" .docx)
  mkdir -p "$dir"
  if timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$out/lo-profile" \
    --convert-to pdf --outdir "$dir" "$docx" >/dev/null 2>&1 \
    && pdftotext "$dir/$(basename "$docx" .docx).pdf" - 2>/dev/null | tr -s ' \n' ' ' | grep -qiF "$closing"; then
    pass
  else
    fail "LibreOffice: $docx (converted, with \"$closing\" in its text)"
  fi
}

closing_of() { # the closing each sample letter ends with (its language's default when not set)
  case "$1" in
    letter-en) echo "Kind regards," ;;
    anschreiben-de) echo "Mit freundlichen Grüßen" ;;
    letter-ar) echo "التحية" ;;
  esac
}

layouts=$("$bin" layouts | awk '{ print $1 }')
html_dirs=()
for layout in $layouts; do
  for letter in samples/letters/*.md; do
    stem=$(basename "$letter" .md)
    for claim in ua-1 a-2a,ua-1; do
      dir="$out/$layout-$claim"
      if "$bin" -q -f pdf -l "$layout" --pdf-standard "$claim" -d "$dir" "$letter"; then
        pdf_ok "$dir/$stem.pdf" "$claim"
      else
        fail "converting $letter to PDF ($layout $claim)"
      fi
    done
    dir="$out/$layout"
    if "$bin" -q -f docx,html -l "$layout" -d "$dir" "$letter"; then
      pass
      # LibreOffice is slow: every letter in classic, one per other layout.
      if [ "$layout" = classic ] || [ "$stem" = letter-en ]; then
        docx_ok "$dir/$stem.docx" "$(closing_of "$stem")"
      fi
    else
      fail "converting $letter to DOCX and HTML ($layout)"
    fi
  done
  html_dirs+=("$out/$layout")
done

# The application: one PDF (both outline entries), one DOCX and one HTML page, under a letterhead.
app="$out/application"
mkdir -p "$app"
for claim in ua-1 a-2a,ua-1; do
  pdf="$app/application-$claim.pdf"
  if "$bin" -q --letter samples/letters/anschreiben-de.md --brand samples/brand --ref R-1 \
    -f pdf --pdf-standard "$claim" -o "$pdf" samples/lebenslauf-de.json; then
    pdf_ok "$pdf" "$claim"
    if python3 - "$pdf" <<'PY'
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as p, p.open_outline() as o:
    titles = [i.title for i in o.root]
    children = [c.title for i in o.root for c in i.children]
sys.exit(0 if titles == ["Anschreiben", "Lebenslauf"] and "Berufserfahrung" in children else 1)
PY
    then pass; else fail "application outline: $pdf"; fi
  else
    fail "converting the application to PDF ($claim)"
  fi
done
if "$bin" -q --letter samples/letters/anschreiben-de.md --brand samples/brand --ref R-1 \
  -f docx -o "$app/application.docx" samples/lebenslauf-de.json; then
  docx_ok "$app/application.docx" "Berufserfahrung"
else
  fail "converting the application to DOCX"
fi
# And one HTML page (the letter a region, then the resume), through axe-core below,
# in every layout (a sidebar's grid after the letter's region).
for layout in $layouts; do
  mkdir -p "$app/html-$layout"
  if "$bin" -q --letter samples/letters/anschreiben-de.md --brand samples/brand -l "$layout" \
    -f html -o "$app/html-$layout/application.html" samples/lebenslauf-de.json; then
    pass
    html_dirs+=("$app/html-$layout")
  else
    fail "converting the application to HTML ($layout)"
  fi
done

node_dir=target/interop-node
if [ -d "$node_dir/node_modules/axe-core" ]; then
  result=$(NODE_PATH="$(realpath "$node_dir")/node_modules" node tests/interop/check_html.mjs "${html_dirs[@]}")
  echo "$result" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
  counts=$(echo "$result" | tail -1)
  if [[ "$counts" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    fail "check_html.mjs gave no counts"
  fi
else
  fail "axe-core is not installed in $node_dir (tests/interop/check_html.sh installs it)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
