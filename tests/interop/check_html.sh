#!/usr/bin/env bash
# HTML sweep: converts every corpus file and sample to HTML in each built-in
# layout and checks each page with tests/interop/check_html.mjs (an HTML5
# parse with parse5, then axe-core in headless Chromium, light and dark).
# Installs what it needs: chromium with apt-get when missing; axe-core,
# puppeteer-core and parse5 from the npm registry into target/interop-node
# (ignored by git, reused between runs). Puppeteer downloads no browser.
# Prints one line per failure and a final "N passed, N failed"; exit 1 on any failure.
# Usage: tests/interop/check_html.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/resume-export}

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing: chromium"
  export DEBIAN_FRONTEND=noninteractive
  dpkg --configure -a >/dev/null 2>&1 || true  # finish an install interrupted earlier
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
node_dir=target/interop-node
if [ ! -d "$node_dir/node_modules/axe-core" ] || [ ! -d "$node_dir/node_modules/puppeteer-core" ] \
  || [ ! -d "$node_dir/node_modules/parse5" ]; then
  echo "== installing: axe-core, puppeteer-core, parse5 (npm)"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"private": true}' > "$node_dir/package.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$node_dir" --no-audit --no-fund --silent \
    axe-core@4 puppeteer-core@24 parse5@7 >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
inputs=(samples/*.json)
[ -d ../shared/corpus/real ] && inputs+=(../shared/corpus/real/*.json)
status=0
# A resume with a photo, and one under the sample letterhead (--brand).
photo_resume="$out/photo.json"
sed "s|\"basics\": {|\"basics\": {\"image\": \"$(pwd)/tests/fixtures/photo/portrait-gps.jpg\",|" \
  samples/lebenslauf-de.json > "$photo_resume"
layouts=(classic modern compact engineering harvard sidebar timeline banner)
for layout in "${layouts[@]}"; do
  if ! "$bin" -q -f html -l "$layout" -d "$out/$layout" "${inputs[@]}"; then
    echo "FAIL: converting the inputs to HTML ($layout) exited non-zero"
    status=1
  fi
  if ! "$bin" -q -f html -l "$layout" -o "$out/$layout/with-photo.html" "$photo_resume" \
    || ! "$bin" -q -f html -l "$layout" --brand samples/brand --ref R-1 \
      -o "$out/$layout/with-brand.html" "$photo_resume"; then
    echo "FAIL: converting with a photo or a brand to HTML ($layout) exited non-zero"
    status=1
  fi
done
NODE_PATH="$(realpath "$node_dir")/node_modules" node tests/interop/check_html.mjs \
  "${layouts[@]/#/$out/}" || status=1
exit $status
