#!/usr/bin/env bash
# The package as a clerk gets it: build the .deb, install it with the system package manager,
# run the INSTALLED program (not the build tree's) on a fresh data folder — the demo county, one
# letter exported headless, the window opened under Xvfb — then upgrade by installing again with
# the data in place, uninstall, and check the data folder is untouched. Sizes go to stdout for
# BENCHMARKS.md. Needs root or sudo (it installs a package); run by .ci/run after `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
fail() { echo "package test: $*" >&2; exit 1; }

make deb
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
[ -f "$deb" ] || fail "没有生成 .deb"
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

# What the package declares and carries.
info=$(dpkg-deb --info "$deb")
for dep in libwebkit2gtk-4.1-0 fonts-noto-cjk; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "Depends 缺少 $dep：$info"
done
contents=$(dpkg-deb --contents "$deb")
grep -qE '(\./)?usr/bin/jiandu$' <<<"$contents" || fail "包里没有 /usr/bin/jiandu"
desktop=$(grep -oE '(\./)?usr/share/applications/[^ ]*\.desktop' <<<"$contents" | head -1)
[ -n "$desktop" ] || fail "包里没有菜单项（.desktop）"
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  grep -q "usr/share/icons/hicolor/$size/apps/" <<<"$contents" || fail "缺少 $size 图标"
done
tmp=$(mktemp -d /tmp/jiandu-pkg.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/x"
grep -q '^Name=监督台账$' "$tmp/x/${desktop#./}" || fail "菜单项名称不是“监督台账”"
grep -q '^Categories=.*Office' "$tmp/x/${desktop#./}" || fail "菜单项不在办公类"

# Install, and use the installed binary only.
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -qq "./$deb" >/dev/null
bin=/usr/bin/jiandu
[ -x "$bin" ] || fail "安装后没有 $bin"
echo "installed: $(dpkg-query -W -f='${Installed-Size}' jiandu) KiB; binary $(du -k "$bin" | cut -f1) KiB"

data=$tmp/data
"$bin" --data-dir "$data" demo
"$bin" --data-dir "$data" check >"$tmp/check-1.txt"
# One signed letter's number, read from the database the installed program wrote.
number=$(python3 - "$data/jiandu.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT number FROM letter WHERE number IS NOT NULL AND voided_at IS NULL ORDER BY signed_date LIMIT 1").fetchone()[0])
PY
)
"$bin" --data-dir "$data" letters pdf --number "$number" --out "$tmp/letter.pdf"
pdftotext "$tmp/letter.pdf" - | grep -q "${number}" || fail "导出的函件 PDF 中没有文号 $number"

# The window, from the installed program, on this data.
if command -v xvfb-run >/dev/null; then
  XDG_DATA_HOME=$tmp/xdg timeout 15 xvfb-run -a "$bin" --data-dir "$data" >"$tmp/window.log" 2>&1 && status=0 || status=$?
  # `timeout` ends a window that stayed open with 124: that is success here.
  [ "$status" -eq 124 ] || { cat "$tmp/window.log" >&2; fail "窗口未能保持运行（退出码 $status）"; }
fi
# No display: a Chinese message naming xvfb-run, a non-zero exit, no backtrace.
if DISPLAY=:59 WAYLAND_DISPLAY= "$bin" --data-dir "$data" >"$tmp/nodisplay.log" 2>&1; then
  fail "没有显示时程序应以非零退出"
fi
grep -q "xvfb-run" "$tmp/nodisplay.log" || fail "没有显示时应提示 xvfb-run：$(cat "$tmp/nodisplay.log")"
if grep -qi "panicked\|backtrace" "$tmp/nodisplay.log"; then fail "没有显示时不应出现 panic：$(cat "$tmp/nodisplay.log")"; fi

# Upgrade: install again over the installed one, data in place.
sum_before=$(cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
$sudo apt-get install -y -qq --reinstall "./$deb" >/dev/null
"$bin" --data-dir "$data" check >"$tmp/check-2.txt"
diff -u "$tmp/check-1.txt" "$tmp/check-2.txt" || fail "升级后记录数变化"

# Uninstall (purge too): the program goes, the data stays byte for byte.
sum_mid=$(cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
$sudo apt-get purge -y -qq jiandu >/dev/null
[ ! -e "$bin" ] || fail "卸载后 $bin 仍在"
sum_after=$(cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
[ "$sum_mid" = "$sum_after" ] || fail "卸载改动了数据目录"
[ -n "$sum_before" ] || fail "数据目录为空"
echo "package test: 通过（安装、示范数据、导出函件、窗口、升级、卸载后数据保留）"
