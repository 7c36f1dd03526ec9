#!/usr/bin/env bash
# Runs the end-to-end tests against the real built app: a private Xvfb display, tauri-driver in
# front of Debian's WebKitWebDriver, and Node's test runner. Every run gets fresh data and WebKit
# folders under a temporary directory, so a clerk's real data is never touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export JIANDU_APP=${JIANDU_APP:-$root/target/debug/jiandu}
[ -x "$JIANDU_APP" ] || { echo "e2e: 找不到程序 $JIANDU_APP，请先构建（make test 会自动构建）" >&2; exit 1; }
driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
[ -x "$driver" ] || { echo "e2e: 缺少 tauri-driver（cargo install tauri-driver --locked）" >&2; exit 1; }
[ -x /usr/bin/WebKitWebDriver ] || { echo "e2e: 缺少 WebKitWebDriver（apt install webkit2gtk-driver）" >&2; exit 1; }

work=$(mktemp -d /tmp/jiandu-e2e.XXXXXX)
export JIANDU_E2E_WORK=$work
export XDG_DATA_HOME=$work/xdg-data XDG_CONFIG_HOME=$work/xdg-config XDG_CACHE_HOME=$work/xdg-cache
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export JIANDU_E2E_ARTIFACTS=$here/artifacts
mkdir -p "$JIANDU_E2E_ARTIFACTS"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A display of our own: Xvfb picks a free number and writes it to fd 5.
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "e2e: Xvfb 未能启动" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(cat "$work/display")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Each test file gets a tauri-driver of its own (and with it its own WebKitWebDriver and app), so
# a file that hangs or leaves a session open cannot take the files after it down with it
# ("Maximum number of active sessions").
start_driver() {
  local port native
  port=$(free_port); native=$(free_port)
  setsid "$driver" --port "$port" --native-port "$native" --native-driver /usr/bin/WebKitWebDriver >>"$work/driver.log" 2>&1 &
  driver_pid=$!
  pids+=("$driver_pid")
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  export TAURI_DRIVER_URL="http://127.0.0.1:$port/"
}
stop_driver() {
  # The driver's whole process group: WebKitWebDriver and any app window it started.
  kill -- "-$driver_pid" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
}

cd "$here"
if [ $# -gt 0 ]; then files=("$@"); else files=(*.test.mjs); fi
status=0
for f in "${files[@]}"; do
  start_driver
  node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec "$f" || status=$?
  stop_driver
done
if [ $status -ne 0 ]; then
  echo "---- tauri-driver log (tail) ----" >&2
  tail -40 "$work/driver.log" >&2 || true
  echo "截图见 $JIANDU_E2E_ARTIFACTS" >&2
fi
exit $status
