#!/usr/bin/env bash
# Fails when files that `cargo test -p jiandu-core` writes for the UI differ from what git has:
# the TypeScript bindings of core's types and the error payloads the UI specs use. A stale copy
# would let the UI compile and its specs pass against a core that no longer sends those shapes.
# Staged (git add) counts as committed, so a developer can check before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(ui/src/api/bindings ui/src/api/__fixtures__)
existing=()
for d in "${dirs[@]}"; do [ -e "$d" ] && existing+=("$d"); done
[ ${#existing[@]} -gt 0 ] || exit 0
changed=$(git diff --name-only -- "${existing[@]}")
untracked=$(git ls-files --others --exclude-standard -- "${existing[@]}")
if [ -n "$changed$untracked" ]; then
  echo "以下由 Rust 生成的界面文件与仓库中的不一致（Rust 类型或错误信息已改）：" >&2
  printf '  %s\n' $changed $untracked >&2
  echo "请检查后提交这些文件（git add），再运行 make test。" >&2
  exit 1
fi
