#!/usr/bin/env bash
# Opens the app on a fresh copy of the demo county under a virtual screen and saves a picture of
# the window, so what a clerk sees can be looked at (README, reviews).
#   scripts/screenshot.sh [out.png] [seconds-to-wait]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/assets/screenshots/home.png}
wait=${2:-8}
app=${JIANDU_APP:-$root/target/debug/jiandu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$app" --data-dir "$tmp/data" demo >/dev/null
mkdir -p "$(dirname "$out")"
XDG_DATA_HOME=$tmp/xdg WEBKIT_DISABLE_COMPOSITING_MODE=1 xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  '$app' --data-dir '$tmp/data' & pid=\$!
  sleep $wait
  import -window root '$out'
  kill \$pid"
echo "截图：$out"
