#!/usr/bin/env bash
# Checks every PDF in a directory with real readers: qpdf --check (syntax and
# streams), pdffonts (every font embedded and subset), pdftotext (text can be
# extracted). Prints one line per failure and a final "N passed, N failed".
# Needs qpdf and poppler-utils. Exit status: 0 when all pass, 1 otherwise,
# 2 on usage errors.
set -u

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 DIR   (checks DIR/*.pdf)" >&2
    exit 2
fi
for tool in qpdf pdffonts pdftotext; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool not found (install qpdf and poppler-utils)" >&2
        exit 2
    fi
done

passed=0
failed=0
shopt -s nullglob
for pdf in "$1"/*.pdf; do
    problems=()
    if ! qpdf --check "$pdf" >/dev/null 2>&1; then
        problems+=("qpdf --check failed")
    fi
    if ! fonts=$(pdffonts "$pdf" 2>&1); then
        problems+=("pdffonts failed")
    else
        # Rows after the two header lines; columns from the end: obj gen uni sub emb.
        bad=$(printf '%s\n' "$fonts" | tail -n +3 | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes") print $1 }')
        if [ "$(printf '%s\n' "$fonts" | tail -n +3 | grep -c .)" -eq 0 ]; then
            problems+=("pdffonts: no fonts")
        elif [ -n "$bad" ]; then
            problems+=("pdffonts: not embedded and subset: $(echo $bad)")
        fi
    fi
    if ! text=$(pdftotext -q "$pdf" - 2>/dev/null) || [ -z "$(printf '%s' "$text" | tr -d '[:space:]')" ]; then
        problems+=("pdftotext: no text")
    fi
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        for p in "${problems[@]}"; do
            echo "FAIL $pdf: $p"
        done
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
