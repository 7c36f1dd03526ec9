#!/usr/bin/env bash
# Installs what building, running or testing Jiandu needs and is missing on a Debian/Ubuntu
# machine, and nothing else: a second run finds everything and returns at once.
#   scripts/setup.sh run    — build and run the app
#   scripts/setup.sh test   — also what the end-to-end tests need
set -euo pipefail
mode=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)

# apt packages: the WebKitGTK headers Tauri builds against, a C toolchain, and the CJK fonts the
# window and the printed letters use (Noto CJK for 宋/黑, AR PL for 宋 and 楷 substitutes).
pkgs=(libwebkit2gtk-4.1-dev build-essential pkg-config curl
      fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-gbsn00lp fonts-arphic-gkai00mp)
# xdotool answers the system file dialogs in the end-to-end tests (WebDriver reaches only the page);
# xwd (x11-apps) reads the screen for the start-time bench (scripts/bench-start.py).
if [ "$mode" = test ]; then
  pkgs+=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils python3 xdotool x11-apps)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "安装缺少的系统软件包：${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "需要 Rust 工具链（cargo）。请先安装 rustup：https://rustup.rs ，然后重新运行。" >&2
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "需要 Node.js 20 或更新版本（当前 $(node -v)）。" >&2
  exit 1
fi

# npm packages, reinstalled only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "安装 npm 依赖：$dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install "$root/ui"

if [ "$mode" = test ]; then
  npm_install "$root/tests/e2e"
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "安装 tauri-driver（从 crates.io 编译，约 1 分钟）"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
fi
