#!/usr/bin/env bash
# `serve` against its own description: schemathesis (PyPI) reads /v1/openapi.json and
# sends requests made from it, valid and invalid (parameters, media types, bodies), to a
# real server on 127.0.0.1, then checks every answer: no 5xx, each status and body as
# described, valid data accepted and invalid data refused. A fixed seed and example
# count keep the run the same each time and about a minute long.
#
#   tests/interop/check_schemathesis.sh target/release/resume-export
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-target/release/resume-export}
SEED=${SCHEMATHESIS_SEED:-30}
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-1000}
# .ci/run installs schemathesis into this venv (see install_schemathesis there).
ST=${SCHEMATHESIS:-target/interop-schemathesis-venv/bin/st}
if [ ! -x "$ST" ]; then
  echo "schemathesis is missing at $ST (.ci/run installs it)"
  exit 1
fi
# On CPython 3.11 schemathesis's coverage phase stops with "SystemError: AST constructor
# recursion depth mismatch" (a CPython 3.11 bug in ast.parse): there the phase is left out.
phases=examples,coverage,fuzzing
if ! "$(dirname "$ST")/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  phases=examples,fuzzing
  echo "note: Python older than 3.12 in $(dirname "$ST"): the coverage phase is left out"
fi
work=$(mktemp -d)
PID=
trap '[ -z "$PID" ] || kill "$PID" 2>/dev/null || true; rm -rf "$work"' EXIT

"$BIN" serve --bind 127.0.0.1:0 --workers 2 2>"$work/log" </dev/null &
PID=$!
URL=
for _ in $(seq 200); do
  URL=$(grep -o '"address":"[^"]*"' "$work/log" 2>/dev/null | head -1 | cut -d'"' -f4) || true
  [ -n "$URL" ] && break
  sleep 0.05
done
[ -n "$URL" ] || { cat "$work/log"; echo "FAILED: the server did not start"; exit 1; }

echo "schemathesis $("$ST" --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1), seed $SEED, at most $EXAMPLES examples an operation, phases $phases, against $URL"
# Examples kept between runs would make two runs differ: none are kept. schemathesis
# keeps a cache in the folder it runs in: it runs in the temporary one.
st=$(cd "$(dirname "$ST")" && pwd)/$(basename "$ST")
status=0
run() {
  (cd "$work" && "$st" run "$URL/v1/openapi.json" \
    --seed "$SEED" --max-examples "$EXAMPLES" \
    --generation-database none --phases "$phases" \
    --workers 2 --request-timeout 30 --no-color "$@") || status=$?
}
# Every check on every operation but POST /v1/check; there every check but
# positive_data_acceptance: its `document` is a PDF or DOCX in base64, and no
# schema can say "a readable PDF", so schema-valid bytes that are not one are
# rightly a 422 (invalid ones are still checked to be refused).
run --checks all --exclude-path /v1/check
run --checks all --exclude-checks positive_data_acceptance --include-path /v1/check

# The server must have stayed up (and logged no panic) through all of it.
if ! kill -0 "$PID" 2>/dev/null; then
  echo "FAILED: the server is gone"; tail -20 "$work/log"; status=1
elif grep -q '"panic"\|panicked' "$work/log"; then
  echo "FAILED: the server logged a panic"; grep '"panic"\|panicked' "$work/log" | head -5; status=1
fi
if [ "$status" = 0 ]; then echo "ok: schemathesis found nothing"; else echo "FAILED: schemathesis (exit $status)"; fi
exit "$status"
