#!/usr/bin/env bash
# Tagged PDF, checked by tools we did not write, for every corpus file and sample in
# each built-in layout:
#   pdfua check (PyPI, the machine-checkable part of PDF/UA-1): no errors, no warnings,
#     for the default output (which claims PDF/UA-1) and for --pdf-standard a-2a,ua-1;
#   poppler's pdfinfo -struct-text: the text of the structure tree, read in tree order,
#     is the page text (pdftotext -raw) in the same order, less the page numbers;
#   qpdf --check on the PDF/A variants.
# Prints one line per failure and a final "N passed, N failed"; exit 1 on any failure.
# Usage: tests/interop/check_tagged.sh [BINARY]   (needs pdfua, poppler-utils, qpdf)
# LAYOUTS="a b" names the layouts (default: every built-in one); SAMPLE=N keeps the
# samples and every N-th corpus file for layouts after the first three (CI's budget).
set -u
cd "$(dirname "$0")/../.."
bin=${1:-target/release/resume-export}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

inputs=(samples/*.json)
[ -d ../shared/corpus/real ] && inputs+=(../shared/corpus/real/*.json)
passed=0
failed=0
layouts=${LAYOUTS:-$("$bin" layouts | awk '{ print $1 }')}
n=0
for layout in $layouts; do
  n=$((n + 1))
  these=("${inputs[@]}")
  if [ -n "${SAMPLE:-}" ] && [ "$n" -gt 3 ]; then
    these=(samples/*.json)
    i=0
    for f in "${inputs[@]}"; do
      case "$f" in samples/*) continue ;; esac
      [ $((i % SAMPLE)) -eq 0 ] && these+=("$f")
      i=$((i + 1))
    done
  fi
  for claim in ua-1 a-2a,ua-1; do
    dir="$out/$layout-$claim"
    if ! "$bin" -q -f pdf --layout "$layout" --pdf-standard "$claim" -d "$dir" "${these[@]}"; then
      echo "FAIL: $layout $claim: converting exited non-zero"
      failed=$((failed + 1))
      continue
    fi
    for pdf in "$dir"/*.pdf; do
      report=$(python3 -m pdfua check "$pdf" 2>&1)
      rc=$?
      if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
      else
        echo "FAIL: pdfua ($layout $claim, rc $rc): $(basename "$pdf")"
        echo "$report" | grep -E '^\s+\[(ERROR|WARN)' | head -5
        failed=$((failed + 1))
      fi
      if [ "$claim" != ua-1 ]; then
        if qpdf --check "$pdf" >/dev/null 2>&1; then
          passed=$((passed + 1))
        else
          echo "FAIL: qpdf --check ($layout $claim): $(basename "$pdf")"
          failed=$((failed + 1))
        fi
      fi
    done
  done
  # The structure tree in poppler's reading, against the page text.
  # A sidebar that runs on to page 2 is whole in the tree, split by page in the text.
  columns=
  [ "$layout" = sidebar ] && columns=--columns
  result=$(python3 tests/interop/struct_text.py $columns "$out/$layout-ua-1"/*.pdf)
  echo "$result" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
  counts=$(echo "$result" | tail -1)
  if [[ "$counts" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    echo "FAIL: struct_text.py gave no counts ($layout)"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
