#!/usr/bin/env bash
# `serve` against tools we did not write: curl for every endpoint, the
# OpenAPI description through openapi-spec-validator (PyPI), a short wrk load
# (no socket errors, every answer 200) and an overload (every answer 200 or
# 503, none timed out), then SIGTERM (exit 0). About 40 seconds.
#
#   tests/interop/check_serve.sh target/release/resume-export
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-target/release/resume-export}
SAMPLE=samples/jsonresume-sample.json
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
failed=0
pass() { echo "ok: $*"; }
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
venv=target/interop-serve-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q openapi-spec-validator==0.7.2
fi

start() {
  "$BIN" serve --bind 127.0.0.1:0 "$@" 2> "$work/log" < /dev/null &
  PID=$!
  URL=
  for _ in $(seq 200); do
    URL=$(grep -o '"address":"[^"]*"' "$work/log" 2>/dev/null | head -1 | cut -d'"' -f4) || true
    [ -n "$URL" ] && break
    sleep 0.05
  done
  [ -n "$URL" ] || { cat "$work/log"; echo "FAILED: the server did not start"; exit 1; }
}

SOURCE_DATE_EPOCH=1700000000 start --workers 2 --queue 64
export SOURCE_DATE_EPOCH=1700000000

# Every format through curl, byte for byte the command line's file.
for f in pdf docx md txt html; do
  code=$(curl -s -o "$work/out.$f" -w '%{http_code}' --data-binary @"$SAMPLE" \
    -H 'Content-Type: application/json' "$URL/v1/render?format=$f")
  "$BIN" -q -f "$f" -o "$work/cli.$f" "$SAMPLE"
  if [ "$code" = 200 ] && cmp -s "$work/out.$f" "$work/cli.$f"; then pass "$f: 200, the CLI's bytes"; else fail "$f: $code or bytes differ"; fi
done
qpdf --check "$work/out.pdf" >/dev/null 2>&1 && pass "qpdf --check on the served PDF" || fail "qpdf --check"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary '{"basics":' -H 'Content-Type: application/json' "$URL/v1/render")
[ "$code" = 400 ] && pass "malformed JSON: 400" || fail "malformed JSON: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$SAMPLE" -H 'Content-Type: text/csv' "$URL/v1/render")
[ "$code" = 415 ] && pass "text/csv: 415" || fail "text/csv: $code"
for path in /healthz /readyz /v1/formats /v1/layouts /metrics; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$URL$path")
  [ "$code" = 200 ] && pass "GET $path: 200" || fail "GET $path: $code"
done

# The description is valid OpenAPI 3.1.
curl -s "$URL/v1/openapi.json" -o "$work/openapi.json"
if "$venv/bin/openapi-spec-validator" "$work/openapi.json" >"$work/oas" 2>&1; then
  pass "openapi-spec-validator: $(tail -1 "$work/oas")"
else
  cat "$work/oas"; fail "openapi-spec-validator"
fi

# Load: 16 connections for 5 s; every answer 200, no socket errors.
wrk -t1 -c16 -d5s --timeout 10s -s benches/serve_post.lua "$URL/v1/render?format=pdf" > "$work/wrk" 2>&1
rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
if grep -qE "Socket errors|Non-2xx" "$work/wrk"; then cat "$work/wrk"; fail "load at 16: errors"; else pass "load at 16: $rate PDFs/s, all 200"; fi
kill -TERM "$PID"; wait "$PID" && pass "SIGTERM: exit 0" || fail "SIGTERM: exit $?"

# Overload: 256 connections against --queue 4: 200 or 503, none timed out.
start --workers 2 --queue 4 --timeout 5s
wrk -t1 -c256 -d5s --timeout 8s -s benches/serve_post.lua "$URL/v1/render?format=pdf" > "$work/wrk" 2>&1
answered=$(curl -s "$URL/metrics" | awk '/^resume_export_http_requests_total\{route="\/v1\/render"/ {n += $2} END {print n + 0}')
other=$(curl -s "$URL/metrics" | awk '/^resume_export_http_requests_total\{route="\/v1\/render"/ && $0 !~ /status="(200|503)"/ {n += $2} END {print n + 0}')
if grep -q "timeout [1-9]" "$work/wrk" || [ "$other" != 0 ]; then
  cat "$work/wrk"; fail "overload: timeouts or statuses other than 200/503 ($other)"
else
  pass "overload at 256: $answered answered, each 200 or 503, none timed out"
fi
kill -TERM "$PID"; wait "$PID" || true

echo "$failed failed"
[ "$failed" = 0 ]
