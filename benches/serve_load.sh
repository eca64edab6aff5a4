#!/usr/bin/env bash
# Load on `resume-export serve` from wrk on 127.0.0.1: throughput and latency
# at several concurrencies, RSS after 1,000 and 20,000 requests, and overload
# (256 connections against a small queue). Bounded in time: about 2 minutes.
#
#   benches/serve_load.sh [BINARY] [SECONDS_PER_STEP]
#
# Needs wrk (Debian: apt-get install wrk) and curl. Prints a Markdown table
# for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/resume-export}
STEP=${2:-10}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT


start() { # ARGS... : starts a server, sets PID and URL
  "$BIN" serve --bind 127.0.0.1:0 "$@" 2> "$work/log" &
  PID=$!
  for _ in $(seq 100); do
    URL=$(grep -o '"address":"[^"]*"' "$work/log" 2>/dev/null | head -1 | cut -d'"' -f4) || true
    [ -n "${URL:-}" ] && break
    sleep 0.05
  done
  [ -n "${URL:-}" ] || { echo "server did not start" >&2; cat "$work/log" >&2; exit 1; }
}
stop() { kill -TERM "$PID"; wait "$PID" || true; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
served() { curl -s "$URL/metrics" | awk '/^resume_export_http_requests_total\{route="\/v1\/render"/ {n += $2} END {print n + 0}'; }
field() { sed -n "s/.*$1 *\([0-9.]*[a-z]*\).*/\1/p" "$2" | head -1; }

echo "| concurrency | PDFs/s | p50 | p99 | non-2xx | errors |"
echo "|---:|---:|---:|---:|---:|---:|"
start --workers "$(nproc)" --queue 256 --timeout 30s
for c in 1 2 16 64; do
  wrk -t1 -c"$c" -d"${STEP}s" --latency --timeout 10s -s benches/serve_post.lua "$URL/v1/render?format=pdf" > "$work/wrk" 2>&1
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk")
  errors=$(awk '/Socket errors/ {print $0}' "$work/wrk" | sed 's/.*errors: //')
  echo "| $c | $rate | $p50 | $p99 | ${non2xx:-0} | ${errors:-none} |"
done
stop

echo
echo "| requests served | RSS (KiB) |"
echo "|---:|---:|"
start --workers "$(nproc)" --queue 256
for target in 1000 20000; do
  while [ "$(served)" -lt "$target" ]; do
    wrk -t1 -c8 -d2s -s benches/serve_post.lua "$URL/v1/render?format=pdf" > /dev/null 2>&1
  done
  echo "| $(served) | $(rss) |"
done
stop

echo
echo "Overload: 256 connections, --workers $(nproc) --queue 8, ${STEP} s"
start --workers "$(nproc)" --queue 8 --timeout 5s
before=$(rss)
wrk -t1 -c256 -d"${STEP}s" --latency --timeout 8s -s benches/serve_post.lua "$URL/v1/render?format=pdf" > "$work/wrk" 2>&1
after=$(rss)
grep -E "requests in|Non-2xx|Socket errors|Requests/sec|99%" "$work/wrk" | sed 's/^/    /'
echo "    RSS before ${before} KiB, after ${after} KiB"
curl -s "$URL/metrics" | grep -E '^resume_export_http_requests_(total|rejected_total)\{' | sed 's/^/    /'
stop
