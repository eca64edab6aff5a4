#!/usr/bin/env bash
# resume-export beside its peers, on the same input, in the same run.
# A manual benchmark: not part of .ci/run (it installs ~1 GB of peers and takes ~10 min).
#
#   bash benches/peers.sh                  # install what is missing, build, measure
#   SKIP_INSTALL=1 bash benches/peers.sh   # use what is already under $PEERS_DIR
#   BATCH=0 bash benches/peers.sh          # skip the 50-resume batch comparison
#   RESUMED_IDLE=1 bash benches/peers.sh   # batch: also resumed's own waitUntil 'networkidle0'
#                                          # with one browser (~2 s a page: adds ~4 min)
#
# Input: the peers' sample, ../shared/peers/sample.resume.json (the official JSON Resume
# sample), converted to RenderCV's YAML by ../shared/peers/jsonresume_to_rendercv.py.
# Method as in ../shared/peers/RESULTS.md: a fresh process per run, median wall time.
# ONE hyperfine invocation per comparison, our tool and its peers together, so they share
# the machine's load of the moment. hyperfine's defaults give each command at least
# MIN_RUNS runs and at least 3 s of runs: our tool gets hundreds, RenderCV ~10.
#
# Peers (installed as ../shared/peers/run_peers.sh does, whose install steps are replicated
# here because that script has no install-only mode and writes beside itself):
#   RenderCV 2.8 (Typst) in a Python >= 3.12 venv; resumed 6.1.0 + jsonresume-theme-even
#   + puppeteer(-core) 24.43.1 on Debian's /usr/bin/chromium; HackMyResume 1.8.0; pandoc.
# RenderCV's template imports the Typst package @preview/fontawesome:0.6.0, which Typst
# downloads on first use from packages.typst.org. Offline, seed Typst's package cache from
# (first found): $FONTAWESOME (a .tar.gz or a folder of the package), the peers' folder's
# vendor/typst-fontawesome-0.6.0.tar.gz, or a git clone of its public repository (MIT,
# github.com/duskmoon314/typst-fontawesome, tag v0.6.0) when GitHub is reachable.
#
# Environment: PEERS_DIR (default /tmp/peers), PEERS_SRC (default ../shared/peers),
# MIN_RUNS (default 10), WARMUP (default 2), BATCH (default 50; 0 skips),
# BATCH_MIN_RUNS (default 3), CARGO_TARGET_DIR.
# Results: $PEERS_DIR/side-by-side/results/ (hyperfine JSON, versions, load, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
P=${PEERS_DIR:-/tmp/peers}
SRC=$(cd "${PEERS_SRC:-$repo/../shared/peers}" && pwd)
MIN_RUNS=${MIN_RUNS:-10}
WARMUP=${WARMUP:-2}
BATCH=${BATCH:-50}
BATCH_MIN_RUNS=${BATCH_MIN_RUNS:-3}
S=$P/side-by-side
R=$S/results
W=$S/work
rm -rf "$W" "$R"
mkdir -p "$P" "$R" "$W"
: > "$R/failures.txt"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$R/run.log" >&2; }
fail() { echo "$*" >> "$R/failures.txt"; log "FAILED: $*"; }

# ------------------------------------------------------------------ 1. peers
if [ -z "${SKIP_INSTALL:-}" ]; then
  need_apt=()
  command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
  command -v pandoc >/dev/null 2>&1 || need_apt+=(pandoc)
  [ -x /usr/bin/chromium ] || need_apt+=(chromium fonts-liberation fonts-dejavu)
  command -v pdfinfo >/dev/null 2>&1 || need_apt+=(poppler-utils)
  command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
  if [ ${#need_apt[@]} -gt 0 ]; then
    log "apt-get install ${need_apt[*]}"
    apt-get update -qq >>"$R/run.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${need_apt[@]}" >>"$R/run.log" 2>&1
  fi

  # RenderCV >= 2.4 needs Python >= 3.12 (pip on 3.11 silently resolves 2.3). A pyenv
  # shim answers to python3.12 even when it cannot run it: try each candidate for real.
  if [ ! -x "$P/venv/bin/rendercv" ]; then
    py=""
    for c in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/bin/python3.1[2-9] python3.12 python3.13 python3; do
      if "$c" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then py=$c; break; fi
    done
    if [ -n "$py" ]; then
      log "RenderCV venv with $py"
      "$py" -m venv "$P/venv"
      "$P/venv/bin/pip" install -q --upgrade pip >>"$R/run.log" 2>&1
      "$P/venv/bin/pip" install -q 'rendercv[full]==2.8' >>"$R/run.log" 2>&1 || fail "pip install rendercv failed"
    else
      fail "no Python >= 3.12: RenderCV 2.8 not installed (run_peers.sh falls back to 2.3 on 3.11)"
    fi
  fi

  export PUPPETEER_SKIP_DOWNLOAD=1
  if [ ! -d "$P/node/node_modules/resumed" ]; then
    log "npm install resumed + theme + puppeteer"
    mkdir -p "$P/node"
    (cd "$P/node" && { [ -f package.json ] || npm init -y >/dev/null 2>&1; } &&
      npm install resumed@6.1.0 jsonresume-theme-even@0.26.1 jsonresume-theme-elegant@1.16.1 \
        puppeteer@24.43.1 puppeteer-core@24.43.1 >>"$R/run.log" 2>&1) || fail "npm install resumed failed"
  fi
  if [ ! -d "$P/hmr/node_modules/hackmyresume" ]; then
    log "npm install hackmyresume"
    mkdir -p "$P/hmr"
    (cd "$P/hmr" && { [ -f package.json ] || npm init -y >/dev/null 2>&1; } &&
      npm install hackmyresume@1.8.0 >>"$R/run.log" 2>&1) || fail "npm install hackmyresume failed"
  fi
fi

# Typst package cache for RenderCV (same layout as run_peers.sh: $PEERS_DIR/xdgcache).
export XDG_CACHE_HOME=$P/xdgcache
FA=$XDG_CACHE_HOME/typst/packages/preview/fontawesome/0.6.0
if [ ! -f "$FA/typst.toml" ]; then
  mkdir -p "$FA"
  if [ -n "${FONTAWESOME:-}" ] && [ -d "$FONTAWESOME" ]; then
    cp -r "$FONTAWESOME"/. "$FA"/
  elif [ -n "${FONTAWESOME:-}" ] && [ -f "$FONTAWESOME" ]; then
    tar -xzf "$FONTAWESOME" -C "$FA" --strip-components=1
  elif [ -f "$SRC/vendor/typst-fontawesome-0.6.0.tar.gz" ]; then
    tar -xzf "$SRC/vendor/typst-fontawesome-0.6.0.tar.gz" -C "$FA" --strip-components=1
  elif timeout 60 git clone -q --depth 1 --branch v0.6.0 \
      https://github.com/duskmoon314/typst-fontawesome "$S/fa-clone" >/dev/null 2>&1; then
    cp -r "$S/fa-clone"/. "$FA"/ && rm -rf "$FA/.git" "$S/fa-clone"
  fi
fi
if ! grep -q '^version = "0.6.0"' "$FA/typst.toml" 2>/dev/null; then
  rm -rf "$FA"
  fail "Typst package @preview/fontawesome:0.6.0 missing (RenderCV fails offline without it): set FONTAWESOME=pkg.tar.gz|dir"
fi

export PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
RCV=$P/venv/bin/rendercv
RESUMED=$P/node/node_modules/.bin/resumed
HMR=$P/hmr/node_modules/.bin/hackmyresume

# ------------------------------------------------------------------ 2. our binary
log "cargo build --release"
cargo build --release --locked --quiet --bin resume-export
bin=${CARGO_TARGET_DIR:-$repo/target}/release/resume-export
[[ $bin = /* ]] || bin=$repo/$bin

# ------------------------------------------------------------------ versions, load
pkgver() { node -p 'require(process.argv[1] + "/node_modules/" + process.argv[2] + "/package.json").version' "$1" "$2" 2>/dev/null || echo missing; }
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "resume-export: $("$bin" --version) (git $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ', modified'))"
  echo "rendercv: $("$RCV" --version 2>/dev/null | tail -1 || echo missing)"
  "$P/venv/bin/pip" list 2>/dev/null | grep -iE '^(rendercv|typst|rendercv-fonts) ' | tr -s ' ' | sed 's/^/  /' || true
  echo "python (venv): $("$P/venv/bin/python" --version 2>&1)"
  echo "typst package fontawesome: $(grep -m1 '^version' "$FA/typst.toml" 2>/dev/null || echo missing)"
  echo "resumed: $(pkgver "$P/node" resumed), jsonresume-theme-even: $(pkgver "$P/node" jsonresume-theme-even), puppeteer-core: $(pkgver "$P/node" puppeteer-core)"
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
  echo "node: $(node --version)"
  echo "hackmyresume: $(pkgver "$P/hmr" hackmyresume)"
  echo "pandoc: $(pandoc --version | head -1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "cpu: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
} > "$R/versions.txt" 2>&1
cat "$R/versions.txt" >&2

# The load of the moment, before and after each comparison: the machine may be shared.
# top's second frame: CPU shares over 1 s (ni = niced processes) and the busiest processes.
load() {
  {
    echo "== $1 $(date +%H:%M:%S) loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
    top -b -n 2 -d 1 -w 200 | awk '/^top -/ {frame++} frame == 2 && /^%Cpu/ {print "   " $0}
      frame == 2 && /^ *PID/ {n = 5; next} frame == 2 && n-- > 0 {printf "   %5s%% cpu  nice %3s  %s\n", $9, $4, $12}'
  } >> "$R/load.txt" 2>/dev/null
}
# and every 5 s while measuring: load1 and the CPU split of the last 5 s (/proc/stat):
# busy = user + system at normal priority (the benchmark itself, other builds), nice =
# niced processes (e.g. a fuzzer), idle, steal (taken by the hypervisor).
( prev=$(head -1 /proc/stat)
  while sleep 5; do
    cur=$(head -1 /proc/stat)
    echo "$(date +%H:%M:%S) $(cut -d' ' -f1 /proc/loadavg) $prev $cur" | awk '{
      n = (NF - 2) / 2; t = 0
      for (k = 1; k <= 8; k++) { d[k] = $(3 + n + k) - $(3 + k); t += d[k] }
      # user nice system idle iowait irq softirq steal
      if (t > 0) printf "%s %s %.0f %.0f %.0f %.0f\n", $1, $2,
        100 * (d[1] + d[3] + d[6] + d[7]) / t, 100 * d[2] / t, 100 * (d[4] + d[5]) / t, 100 * d[8] / t }'
    prev=$cur
  done >> "$R/load-samples.txt" ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

# ------------------------------------------------------------------ inputs
cp "$SRC/sample.resume.json" "$W/resume.json"
mkdir -p "$W/rcv" "$W/node" "$W/hmr" "$W/pandoc" "$W/ours"
"$P/venv/bin/python" "$SRC/jsonresume_to_rendercv.py" "$W/resume.json" "$W/rcv/cv.yaml" >/dev/null 2>&1 \
  || python3 "$SRC/jsonresume_to_rendercv.py" "$W/resume.json" "$W/rcv/cv.yaml" >/dev/null 2>&1 \
  || fail "jsonresume_to_rendercv.py failed"
cp "$W/resume.json" "$W/node/resume.json"
cp "$W/resume.json" "$W/hmr/resume.json"

# resumed export with a fresh Chromium profile per run, as run_peers.sh does (profiles are
# removed after the measurements, not inside the timed command).
cat > "$W/resumed_export.sh" <<EOF
#!/bin/sh
exec "$RESUMED" export "$W/node/resume.json" -t jsonresume-theme-even -o "$W/node/even.pdf" \\
  --puppeteer-arg=--headless --puppeteer-arg=--no-sandbox --puppeteer-arg=--disable-gpu \\
  --puppeteer-arg=--disable-quic --puppeteer-arg=--no-first-run \\
  --puppeteer-arg=--disable-background-networking --puppeteer-arg=--disable-component-update \\
  --puppeteer-arg=--disable-sync --puppeteer-arg=--user-data-dir="\$(mktemp -d "$W/ud.XXXXXX")"
EOF
chmod +x "$W/resumed_export.sh"
cp "$SRC/resumed_batch.mjs" "$P/node/"

# try NAME OUTPUT CMD...: run once; a peer that fails (or writes nothing) leaves the table,
# with the reason in failures.txt. Prints nothing on success.
try() {
  local name=$1 out=$2; shift 2
  rm -f "$out"
  local rc=0
  "$@" >"$R/$name.first.log" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    local why
    why=$(grep -m1 -A1 -E '[A-Za-z]*Error: |error: ' "$R/$name.first.log" | tr -s '\n ' '  ' | sed 's/│//g' | cut -c1-300)
    fail "$name: exit $rc: ${why:-$(tail -n 3 "$R/$name.first.log" | tr -s '\n ' '  ')}"; return 1
  fi
  [ -s "$out" ] || { fail "$name: exit 0 but no $out"; return 1; }
}

# compare NAME MINRUNS WARMUP LABEL=CMD...: one hyperfine over our tool and the peers that
# ran; results/NAME.json. -N: no shell, so nothing is subtracted from our ~15 ms.
compare() {
  local name=$1 min=$2 warm=$3; shift 3
  local args=() pair
  for pair in "$@"; do args+=(-n "${pair%%=*}" "${pair#*=}"); done
  log "hyperfine: $name ($(( $# )) commands)"
  load "before $name"
  hyperfine -N --warmup "$warm" --min-runs "$min" --style basic \
    --export-json "$R/$name.json" "${args[@]}" >>"$R/run.log" 2>&1 || fail "$name: hyperfine failed"
  load "after $name"
}

ours() { echo "$bin -q $*"; }
rcv_pdf="$RCV render $W/rcv/cv.yaml -o $W/rcv/out_pdf -nopng -nomd -nohtml -q"
rcv_md="$RCV render $W/rcv/cv.yaml -o $W/rcv/out_md -notyp -nohtml -q"

# ------------------------------------------------------------------ 3. measure
# PDF: ours vs RenderCV (Typst) vs resumed + theme even + Chromium
cmds=("resume-export -f pdf=$(ours -f pdf -o "$W/ours/resume.pdf" "$W/resume.json")")
# shellcheck disable=SC2086
try rendercv_pdf "$W/rcv/out_pdf/Richard_Hendriks_CV.pdf" $rcv_pdf && cmds+=("RenderCV 2.8 (Typst) PDF=$rcv_pdf")
try resumed_pdf "$W/node/even.pdf" "$W/resumed_export.sh" && cmds+=("resumed export + theme even + Chromium PDF=$W/resumed_export.sh")
compare pdf "$MIN_RUNS" "$WARMUP" "${cmds[@]}"

# DOCX: ours vs pandoc. RESULTS.md's method: pandoc on RenderCV's Markdown (pandoc does not
# read JSON Resume); benches/hyperfine.sh's: pandoc -f commonmark on our own Markdown.
cmds=("resume-export -f docx=$(ours -f docx -o "$W/ours/resume.docx" "$W/resume.json")")
"$bin" -q -f md -o "$W/pandoc/ours.md" "$W/resume.json"
# shellcheck disable=SC2086
if try rendercv_md "$W/rcv/out_md/Richard_Hendriks_CV.md" $rcv_md; then
  cp "$W/rcv/out_md/Richard_Hendriks_CV.md" "$W/pandoc/rendercv.md"
  cmds+=("pandoc, RenderCV's Markdown -> DOCX=pandoc $W/pandoc/rendercv.md -o $W/pandoc/rendercv.docx")
fi
cmds+=("pandoc -f commonmark, our Markdown -> DOCX=pandoc -f commonmark $W/pandoc/ours.md -o $W/pandoc/ours.docx")
compare docx "$MIN_RUNS" "$WARMUP" "${cmds[@]}"

# Markdown: ours vs RenderCV's Markdown output vs HackMyResume (theme modern, lossy)
cmds=("resume-export -f md=$(ours -f md -o "$W/ours/resume.md" "$W/resume.json")")
if [ -s "$W/rcv/out_md/Richard_Hendriks_CV.md" ]; then cmds+=("RenderCV 2.8 Markdown=$rcv_md"); fi
try hmr_md "$W/hmr/out/resume.md" "$HMR" build "$W/hmr/resume.json" TO "$W/hmr/out/resume.md" \
  && cmds+=("HackMyResume 1.8 Markdown=$HMR build $W/hmr/resume.json TO $W/hmr/out/resume.md")
compare md "$MIN_RUNS" "$WARMUP" "${cmds[@]}"

# Batch of $BATCH copies, PDF: ours in one process (-j 1 and all cores) vs RenderCV in a
# shell loop (it has no batch mode) vs resumed's calls with ONE Chromium for all
# (resumed_batch.mjs, waitUntil 'load': the fastest Chromium path RESULTS.md found).
if [ "$BATCH" -gt 0 ]; then
  mkdir -p "$W/batch/in" "$W/batch/rcv" "$W/batch/ours" "$W/batch/node"
  for i in $(seq -w 1 "$BATCH"); do
    cp "$W/resume.json" "$W/batch/in/resume_$i.json"
    cp "$W/rcv/cv.yaml" "$W/batch/rcv/cv_$i.yaml"
  done
  cat > "$W/batch/rendercv_loop.sh" <<EOF
#!/bin/sh
for f in "$W"/batch/rcv/cv_*.yaml; do
  "$RCV" render "\$f" -o "\${f%.yaml}" -nopng -nomd -nohtml -q || exit 1
done
EOF
  cat > "$W/batch/resumed_one_browser.sh" <<EOF
#!/bin/sh
cd "$P/node" && exec node resumed_batch.mjs jsonresume-theme-even "$W/batch/node" "$W"/batch/in/resume_*.json
EOF
  chmod +x "$W/batch/"*.sh
  cmds=("resume-export -f pdf -j 1, $BATCH resumes=$(ours -f pdf -j 1 -d "$W/batch/ours" "$W/batch/in")"
        "resume-export -f pdf -j $(nproc), $BATCH resumes=$(ours -f pdf -j "$(nproc)" -d "$W/batch/ours" "$W/batch/in")")
  if [ -s "$W/rcv/out_pdf/Richard_Hendriks_CV.pdf" ]; then
    cmds+=("RenderCV 2.8, shell loop of $BATCH=$W/batch/rendercv_loop.sh")
  fi
  if [ -s "$W/node/even.pdf" ]; then
    cp "$W/batch/resumed_one_browser.sh" "$W/batch/resumed_one_browser_load.sh"
    sed -i 's/exec node/WAIT_UNTIL=load exec node/' "$W/batch/resumed_one_browser_load.sh"
    cmds+=("resumed API + theme even, 1 Chromium, waitUntil load, $BATCH=$W/batch/resumed_one_browser_load.sh")
    if [ -n "${RESUMED_IDLE:-}" ]; then
      cmds+=("resumed API + theme even, 1 Chromium, networkidle0 (resumed's), $BATCH=$W/batch/resumed_one_browser.sh")
    fi
  fi
  compare batch "$BATCH_MIN_RUNS" 0 "${cmds[@]}"
fi
rm -rf "$W"/ud.* 2>/dev/null || true
kill "$sampler" 2>/dev/null || true
load_summary=$(awk '{l[NR] = $2; b[NR] = $3; n[NR] = $4; i[NR] = $5; st[NR] = $6; if ($2 > mx) mx = $2}
  function med(a,   k, j, t) { for (k = 1; k <= NR; k++) for (j = k + 1; j <= NR; j++) if (a[j] < a[k]) { t = a[k]; a[k] = a[j]; a[j] = t }; return a[int((NR + 1) / 2)] }
  END { if (NR) printf "%d samples; medians: load1 %s (max %s), CPU busy %s%%, nice %s%%, idle %s%%, steal %s%%", NR, med(l), mx, med(b), med(n), med(i), med(st) }' "$R/load-samples.txt")

# What each PDF is (pages, paper): the tools do not produce the same document.
for f in "$W/ours/resume.pdf" "$W/rcv/out_pdf/Richard_Hendriks_CV.pdf" "$W/node/even.pdf"; do
  [ -s "$f" ] && echo "${f#"$W"/}: $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {p=$2} /^Page size:/ {s=$3"x"$5" pt"} END {print p" pages, "s}'), $(( $(stat -c %s "$f") / 1024 )) KB"
done > "$R/outputs.txt" 2>/dev/null || true

# ------------------------------------------------------------------ 4. ratio table
python3 - "$R" "$BATCH" > "$R/table.md" <<'EOF'
import json, os, sys
R, batch = sys.argv[1], int(sys.argv[2])
def ms(s): return f"{s * 1e3:,.1f} ms" if s < 1 else f"{s:,.2f} s"
print("| comparison | command | runs | median | mean ± σ | min | peer median / ours |")
print("|---|---|---|---|---|---|---|")
for name in ("pdf", "docx", "md", "batch"):
    path = os.path.join(R, name + ".json")
    if not os.path.exists(path):
        continue
    res = json.load(open(path))["results"]
    ours = [r for r in res if r["command"].startswith("resume-export")]
    base = min(r["median"] for r in ours)  # batch: the faster of -j 1 / -j N
    for r in res:
        if r["command"].startswith("resume-export"):
            ratio = "(ours)" if r["median"] == base else f"(ours, {r['median'] / base:.2f}× the faster)"
        else:
            ratio = f"**{r['median'] / base:,.0f}×**" if r["median"] / base >= 10 else f"**{r['median'] / base:.1f}×**"
        per = f" ({ms(r['median'] / batch)}/resume)" if name == "batch" else ""
        print(f"| {name} | {r['command']} | {len(r['times'])} | {ms(r['median'])}{per} | "
              f"{ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['min'])} | {ratio} |")
EOF
{
  echo; echo "## Peers, side by side ($(date -u '+%Y-%m-%d %H:%M UTC'))"; echo
  cat "$R/table.md"; echo
  echo "Versions:"; sed 's/^/    /' "$R/versions.txt"; echo
  echo "Outputs:"; sed 's/^/    /' "$R/outputs.txt"; echo
  echo "Load during the run, every 5 s ($(nproc) cores): $load_summary"
  echo "Before/after each comparison (1/5/15-min load average, busiest processes):"; sed 's/^/    /' "$R/load.txt"
  if [ -s "$R/failures.txt" ]; then echo; echo "Failures:"; sed 's/^/    /' "$R/failures.txt"; fi
  echo; echo "Raw: $R"
} | tee "$R/report.md"
