#!/usr/bin/env bash
# Looks at the HTML report as a person would: runs a suite under the virtual clock, renders
# its HTML report and takes a screenshot of the page with headless Chromium. Not part of
# npm test; it installs nothing (on Debian: apt-get update && apt-get install -y chromium).
#
# Usage: scripts/screenshot-report.sh [suite] [out.png] [width,height]
#   defaults: strategies, report-<suite>.png in the current folder, 1280,2000
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
suite="${1:-strategies}"
png="$(realpath -m "${2:-report-$suite.png}")"
size="${3:-1280,2000}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "screenshot-report: $chromium not found; install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
mkdir -p "$(dirname "$png")"
npm run -s bench -- "$suite" --out "$work/results" --format json >/dev/null 2>"$work/bench.log" || { cat "$work/bench.log" >&2; exit 1; }
npm run -s report -- "$work/results/$suite.json" --format html --out "$work/$suite.html" 2>/dev/null

# A fresh profile, no network of its own (no updates, sync or QUIC), no GPU: a static page only.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars \
  --screenshot="$png" --window-size="$size" "file://$work/$suite.html" >"$work/chromium.log" 2>&1 || {
  echo "screenshot-report: chromium failed; its output:" >&2
  cat "$work/chromium.log" >&2
  exit 1
}
[ -s "$png" ] || { echo "screenshot-report: no screenshot written to $png" >&2; exit 1; }
echo "screenshot of the $suite report: $png"
