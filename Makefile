# The two commands of the README: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export PATH := $(HOME)/.cargo/bin:$(PATH)

UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/tsconfig*.json ui/package.json -type f 2>/dev/null)

.PHONY: run test setup setup-test app app-debug test-core test-ui test-e2e test-package bench bench-start screenshot deb clean

## make run — install what is missing, build, and open the window on the data in your user folder.
run: setup app
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "没有图形界面（DISPLAY 未设置）。可在虚拟屏幕中运行："; \
	  echo "  xvfb-run -a ./target/release/jiandu"; \
	  echo "或使用无需界面的命令：./target/release/jiandu --help"; \
	  exit 1; \
	fi
	./target/release/jiandu

## make test — every test: core (Rust), UI (Vitest), end-to-end (the real app under Xvfb).
test: setup-test test-core test-ui app-debug test-e2e
	@echo "全部测试通过。"

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run build

app: ui/dist/index.html
	cargo build --release -p jiandu

app-debug: ui/dist/index.html
	cargo build -p jiandu

test-core:
	cargo test -p jiandu-core
	scripts/check-generated.sh

test-ui:
	cd ui && npx vitest run

test-e2e:
	tests/e2e/run.sh

## Benchmarks (figures go to BENCHMARKS.md).
bench: bench-start
	cargo bench -p jiandu-core

## Start time and memory of the window against an empty Tauri window from the same workspace
## (release builds, Xvfb): the demo county and a generated city-scale database.
bench-start: setup-test ui/dist/index.html
	cargo build --release -p jiandu -p jiandu-empty-window
	scripts/bench-start.py --city

## A screenshot of the window with the demo county, for the README.
screenshot: app-debug
	scripts/screenshot.sh

## A .deb package (offline; npm's @tauri-apps/cli).
## make deb — the .deb a clerk installs by double-click (target/release/bundle/deb/). The Tauri
## packager runs from the repository root, where it finds src-tauri/; the UI is built first.
deb: setup ui/dist/index.html
	ui/node_modules/.bin/tauri build --bundles deb
	@ls -l target/release/bundle/deb/*.deb

## make test-package — build the .deb, install it, run the installed program, upgrade, uninstall
## (needs root or sudo; CI runs it after make test).
test-package: setup-test
	scripts/test-package.sh

clean:
	cargo clean
	rm -rf ui/dist
