# segment-braze-wasm. `make run` serves the playground and the demo;
# `make test` runs every test. Both install what is missing first.
GO      ?= go
BUILD   := build
GOROOT  := $(shell $(GO) env GOROOT)
# go_js_wasm_exec (node runner for GOOS=js tests) lives beside wasm_exec.js.
WASMLIB := $(GOROOT)/lib/wasm
# web/node_modules comes from web/package-lock.json. The stamp makes a second
# run a no-op; npm ci removes node_modules first, so the stamp goes with it.
NPM_STAMP := web/node_modules/.local/npm.stamp

.PHONY: all build package dist test run size size-check bench deps deps-npm deps-bench deps-browser deps-brotli test-go test-wasm test-js test-e2e test-busy fuzz clean

all: build

## build: the wasm module, the shim and wasm_exec.js, with .br and .gz
## copies, and the planner build of the module in build/planner/
build: $(BUILD)/braze-wasm.wasm $(BUILD)/braze-wasm.js $(BUILD)/braze-wasm.mjs $(BUILD)/wasm_exec.js planner
	@# Written aside and renamed, as the module is: a server serving the
	@# copies while make runs never sends half of one.
	@for f in $(BUILD)/braze-wasm.wasm $(BUILD)/braze-wasm.js $(BUILD)/wasm_exec.js; do \
	  gzip -9 -n -c $$f > $$f.gz.tmp && mv $$f.gz.tmp $$f.gz; \
	  if command -v brotli >/dev/null; then brotli -q 11 -c $$f > $$f.br.tmp && mv $$f.br.tmp $$f.br; fi; \
	done

# The Go 1.25 garbage collector rather than Green Tea: 7.8 KB less brotli
# (the module's budget), the same per-event time (js/bench-handle.js).
WASMGO := GOEXPERIMENT=nogreenteagc GOOS=js GOARCH=wasm $(GO)
# Every Go file the module is built from (not tests: a rebuild costs a minute).
WASM_SRC := $(filter-out %_test.go,$(wildcard core/*.go core/*/*.go core/internal/*/*.go wasm/*.go))
# The boot plan's build id (wasm/boot_js.go): the module takes only a plan
# the planner build of the same sources made, so both get this hash.
BUILD_ID := $(shell cat go.mod go.sum $(WASM_SRC) | sha256sum | cut -c1-16)
WASMLD   := -X main.buildID=$(BUILD_ID)

$(BUILD)/braze-wasm.wasm: go.mod go.sum $(WASM_SRC)
	@mkdir -p $(BUILD)
	# Written aside and renamed: a test reading the old file never sees half a module.
	$(WASMGO) build -trimpath -ldflags='-s -w $(WASMLD)' -o $@.tmp ./wasm && mv $@.tmp $@

.PHONY: planner
## planner: the planner build, build/planner/ (braze-wasm.wasm, wasm_exec.js):
## the module plus what only developers' tools use (wasm/planner_js.go):
## boot plans, for make dist and the package's braze-wasm-plan, and the dry
## runs of BrazeWasm.plan(), for the playground and tests (assetsUrl).
## Pages never download it: the module they get is 5-6 KB brotli smaller.
planner: $(BUILD)/planner/braze-wasm.wasm $(BUILD)/planner/wasm_exec.js

$(BUILD)/planner/braze-wasm.wasm: go.mod go.sum $(WASM_SRC)
	@mkdir -p $(@D)
	$(WASMGO) build -tags planner -trimpath -ldflags='-s -w $(WASMLD)' -o $@.tmp ./wasm && mv $@.tmp $@

# The shim: readable ES modules in js/src, bundled by esbuild (web/'s
# devDependency) into the minified script-tag file and an ES module for
# bundlers. es2021: the newest syntax the source uses (||=).
SHIM_SRC := $(wildcard js/src/*.js)
ESBUILD  := web/node_modules/.bin/esbuild --bundle --target=es2021 --log-level=warning

# Property names that start with _ are the shim's own (never read by Go,
# the SDK or the page): the minified file shortens them. terser (its
# defaults, three compress passes) then minifies esbuild's output again:
# its names and rewrites leave the file ~230 B brotli smaller than esbuild's
# minifier alone (5,456 -> 5,239 B when it came). ascii_only: a script
# served without a charset is read in the page's encoding, where U+E000
# (encode.js's mark) written as UTF-8 would be other characters.
# quote_style=1: strings in single quotes, 6 B less brotli when it came
# (5,197 -> 5,191). Written aside and renamed, as the module is.
TERSER := web/node_modules/.bin/terser --compress passes=3 --mangle --format ascii_only=true,quote_style=1
$(BUILD)/braze-wasm.js: $(SHIM_SRC) $(NPM_STAMP)
	@mkdir -p $(BUILD)
	$(ESBUILD) --minify --mangle-props='^_' --format=iife --outfile=$@.esbuild.js js/src/index.js
	$(TERSER) -o $@.tmp $@.esbuild.js && rm $@.esbuild.js && mv $@.tmp $@

# wasm_exec.js stays a file of its own, imported (js/src/module.js): the
# site's bundler makes it part of the app.
$(BUILD)/braze-wasm.mjs: $(SHIM_SRC) $(NPM_STAMP)
	@mkdir -p $(BUILD)
	$(ESBUILD) --format=esm --external:./wasm_exec.js --outfile=$@ js/src/module.js

# CommonJS, for require() on a server (SSR): importing must not throw there.
# It has no import.meta.url, so in a page it needs assetsUrl.
$(BUILD)/braze-wasm.cjs: $(SHIM_SRC) $(NPM_STAMP)
	@mkdir -p $(BUILD)
	$(ESBUILD) --format=cjs --external:./wasm_exec.js --log-override:empty-import-meta=silent --outfile=$@ js/src/module.js

# wasm_exec.js beside each build of the module: the shipped one, the
# planner and the testhooks build.
$(BUILD)/wasm_exec.js $(BUILD)/planner/wasm_exec.js $(BUILD)/testhooks/wasm_exec.js: $(WASMLIB)/wasm_exec.js
	@mkdir -p $(@D)
	cp $< $@

## package: the npm package folder, build/package (npm pack it, or npm
## install build/package): the ES module, the CommonJS file, the script-tag
## file, the wasm, wasm_exec.js, the types (js/braze-wasm.d.ts), the boot
## plan's command (js/bootplan.js, braze-wasm-plan), the planner build it
## runs (planner/) and the package's README (js/README.md)
PKG := $(BUILD)/package
package: build $(BUILD)/braze-wasm.cjs
	rm -rf $(PKG) && mkdir -p $(PKG)
	cp $(BUILD)/braze-wasm.js $(BUILD)/braze-wasm.mjs $(BUILD)/braze-wasm.cjs $(BUILD)/braze-wasm.wasm $(BUILD)/wasm_exec.js js/bootplan.js js/README.md $(PKG)/
	mkdir -p $(PKG)/planner && cp $(BUILD)/planner/braze-wasm.wasm $(BUILD)/planner/wasm_exec.js $(PKG)/planner/
	cp js/braze-wasm.d.ts $(PKG)/braze-wasm.d.mts
	cp js/braze-wasm.d.ts $(PKG)/braze-wasm.d.cts
	node -e 'const p = require("./js/package.json"); delete p.scripts; console.log(JSON.stringify(p, null, 2))' > $(PKG)/package.json

.PHONY: testhooks
## testhooks: the wasm module with the test-only panic hook (wasm/testhook_js.go)
## and its wasm_exec.js, for the fault tests in web/ (assetsUrl); never shipped
testhooks: $(BUILD)/testhooks/braze-wasm.wasm $(BUILD)/testhooks/wasm_exec.js

$(BUILD)/testhooks/braze-wasm.wasm: go.mod go.sum $(WASM_SRC)
	@mkdir -p $(@D)
	$(WASMGO) build -tags testhooks -trimpath -ldflags='-s -w $(WASMLD)' -o $@ ./wasm

## dist: a folder to upload as it is (README "Hosting it yourself"):
## build/dist/braze-wasm/<hash>/ holds the three files and their .br and .gz
## copies (the hash is the server's: sha256 of the three, 16 hex digits);
## build/dist/script-tag.html holds the tag to paste, printed too: the
## script tag, with the boot plan Go makes of SETTINGS in data-plan (bad
## settings stop make dist with Go's message; README). Set where
## build/dist goes and your settings:
##   make dist ASSETS_URL=https://assets.example.com/ SETTINGS='{"apiKey":"...","endpoint":"..."}'
DIST       := $(BUILD)/dist
ASSETS_URL ?= /
# Passed in the environment: a shell quote cannot hold every JSON.
export SETTINGS
# The copies are made here, not taken from build/: make dist never rewrites
# build/, which a running server or test may be reading.
dist: $(BUILD)/braze-wasm.wasm $(BUILD)/braze-wasm.js $(BUILD)/wasm_exec.js planner
	@command -v brotli >/dev/null || { echo 'dist: brotli not found; as root: apt-get install -y brotli (make deps-brotli)' >&2; exit 1; }
	@rm -rf $(DIST)
	@set -e; hash=$$(for f in braze-wasm.js braze-wasm.wasm wasm_exec.js; do cat $(BUILD)/$$f; printf '\0'; done | sha256sum | cut -c1-16); \
	dir=$(DIST)/braze-wasm/$$hash; mkdir -p $$dir; \
	for f in braze-wasm.js braze-wasm.wasm wasm_exec.js; do \
	  cp $(BUILD)/$$f $$dir/; gzip -9 -n -c $(BUILD)/$$f > $$dir/$$f.gz; brotli -q 11 -c $(BUILD)/$$f > $$dir/$$f.br; \
	done; \
	node js/scripttag.js '$(ASSETS_URL)braze-wasm/'$$hash/braze-wasm.js $$dir/braze-wasm.js $(BUILD)/planner > $(DIST)/script-tag.html; \
	echo "dist: upload $(DIST)/ as it is to $(ASSETS_URL) (README: Hosting it yourself); the tags for the page's <head> ($(DIST)/script-tag.html):"; \
	cat $(DIST)/script-tag.html

## size: raw, gzip and brotli sizes of the build output, then what makes up
## the wasm module: its sections, its code bytes by Go package and its
## largest functions (bench/wasmsize; SIZE_TOP=n lists n functions)
SIZE_TOP ?= 30
size: build $(BUILD)/braze-wasm.syms.wasm
	@printf '%-22s %10s %10s %10s\n' file raw gzip brotli
	@for f in braze-wasm.wasm braze-wasm.js wasm_exec.js; do \
	  printf '%-22s %10s %10s %10s\n' $$f $$(wc -c < $(BUILD)/$$f) $$(wc -c < $(BUILD)/$$f.gz) $$( [ -f $(BUILD)/$$f.br ] && wc -c < $(BUILD)/$$f.br || echo -); \
	done
	@echo
	@$(GO) run ./bench/wasmsize -top $(SIZE_TOP) $(BUILD)/braze-wasm.syms.wasm $$($(WASMGO) list -deps ./wasm)

# The module with its function names (no -s), which wasmsize reads: the
# same code and data as braze-wasm.wasm, plus a name section.
$(BUILD)/braze-wasm.syms.wasm: go.mod go.sum $(WASM_SRC)
	@mkdir -p $(BUILD)
	$(WASMGO) build -trimpath -ldflags='-w $(WASMLD)' -o $@ ./wasm

## size-check: fail when a build output is over its brotli budget in
## bench/budgets.txt (exact bytes; the issue's 600 KiB and 4 KiB)
size-check: build
	@command -v brotli >/dev/null || { echo 'size-check: brotli not found (make deps-browser installs it)' >&2; exit 1; }
	@fail=0; while read -r f max; do \
	  case "$$f" in ''|'#'*) continue;; esac; \
	  got=$$(brotli -q 11 -c $(BUILD)/$$f | wc -c); \
	  if [ "$$got" -gt "$$max" ]; then echo "size-check: $$f is $$got bytes brotli, over its budget of $$max (bench/budgets.txt)" >&2; fail=1; \
	  else echo "size-check: $$f $$got <= $$max bytes brotli"; fi; \
	done < bench/budgets.txt; exit $$fail

## bench: sizes, the Go core benchmarks and the browser benchmark against
## Segment's Braze Actions plugin (per event, and page loads on emulated
## networks: about 14 minutes); writes bench/report.md and bench/report.json.
## BENCH_FLAGS=-quick checks that all of it runs (a few minutes; not figures,
## so its report goes to a temporary folder, which it names);
## -loads n, -net-rounds n, -short-tries n set the sizes (go run ./bench -h)
BENCH_FLAGS ?=
bench: deps-bench build
	$(GO) run ./bench $(BENCH_FLAGS)

## test: everything, installing what is missing first
test: deps build package size-check test-go test-wasm test-js test-e2e fuzz

test-go:
	$(GO) vet ./...
	$(GO) test -timeout 300s ./core/... ./bench/...

test-wasm:
	PATH="$(PATH):$(WASMLIB)" GOOS=js GOARCH=wasm $(GO) test -timeout 120s ./wasm/...
	PATH="$(PATH):$(WASMLIB)" GOOS=js GOARCH=wasm $(GO) test -timeout 120s -tags planner -run 'TestConfigurePlan$$|TestConfigurePlanTaken|TestDryRun' ./wasm/...

test-js: $(BUILD)/braze-wasm.js
	node --test js/

## test-e2e: the server tests and the browser tests in web/ (needs deps and build)
# About 2 minutes on a quiet 2-core machine, twice that beside another run:
# the timeout only stops a hung run, so it leaves room for a busy machine.
E2E_TIMEOUT := 900s
test-e2e: testhooks package
	$(GO) test -timeout $(E2E_TIMEOUT) ./web/...

## test-busy: the shim's node tests and the e2e tests (-count=1) while CPU
## hogs run beside them (yes > /dev/null, two a core; BUSY_HOGS=n sets how
## many), as on a CI machine busy with other work: the tests must wait for
## what they expect, never for a time. The hogs are killed at the end,
## whatever the result. Needs deps, as test-e2e
BUSY_HOGS ?= $(shell echo $$((2 * $$(nproc 2>/dev/null || echo 2))))
test-busy: testhooks package
	@hogs=; trap 'kill $$hogs 2>/dev/null' EXIT INT TERM; \
	for i in $$(seq $(BUSY_HOGS)); do yes > /dev/null & hogs="$$hogs $$!"; done; \
	echo "test-busy: $(BUSY_HOGS) CPU hogs running (pids$$hogs)"; \
	start=$$(date +%s); \
	node --test js/ && $(GO) test -count=1 -timeout $(E2E_TIMEOUT) ./web/...; rc=$$?; \
	echo "test-busy: exit $$rc after $$(( $$(date +%s) - start )) s beside $(BUSY_HOGS) CPU hogs"; exit $$rc

## fuzz: a short run of every fuzz target, so they keep working in CI
# A count of inputs, about 10 s of each target on a 2-core machine, not a
# duration: with -fuzztime 10s, Go 1.26's coordinator can fail a target
# that found nothing with "context deadline exceeded" as the time runs out
# (golang/go#75804, fixed in Go 1.27; seen here in a clean-clone run).
FUZZ_INPUTS := 200000x
fuzz:
	@for p in ./core ./core/jsonread ./core/internal/atof ./bench ./bench/wasmsize; do \
	  for t in $$($(GO) test -list 'Fuzz.*' $$p | grep ^Fuzz); do \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZ_INPUTS) $$p || exit 1; \
	  done; \
	done

## run: build and serve the playground, the demo and the local Braze backend
## (flags: make run ARGS='-addr :9000'; env PORT overrides the port). It
## installs what running needs only: Chromium is for the tests.
run: deps-npm deps-brotli build
	$(GO) run ./web $(ARGS)

## deps: everything the server and the browser tests need; fast when installed
deps: deps-npm deps-browser

# @braze/web-sdk 4+ ships ES modules only; the Braze CDN's braze.no-module.min.js
# is stood in for by an esbuild bundle, for the tests and the demo only. It
# stays under node_modules (git-ignored): the SDK is never committed.
BRAZE_BUNDLE := web/node_modules/.local/braze-6.13.0.no-module.min.js

## deps-npm: the JS packages of web/ and the local Braze SDK bundle
deps-npm: $(BRAZE_BUNDLE)

# A web/node_modules that links to another checkout's install is used while
# its stamp is current; once stale, npm ci would empty the folder it links
# to, under the other checkout: this one gets an install of its own instead.
$(NPM_STAMP): web/package.json $(wildcard web/package-lock.json)
	@command -v npm >/dev/null || { echo 'deps-npm: npm not found; install Node.js 20+ (apt-get install nodejs npm)' >&2; exit 1; }
	@if [ -L web/node_modules ]; then \
	  echo "deps-npm: web/node_modules links to $$(readlink web/node_modules), older than web/package.json; npm ci would empty it, so this checkout gets its own" >&2; \
	  rm web/node_modules; fi
	cd web && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	@mkdir -p $(@D) && touch $@

$(BRAZE_BUNDLE): $(NPM_STAMP)
	cd web && node_modules/.bin/esbuild --bundle --minify --format=iife --global-name=braze \
	  --log-level=warning --outfile=$(BRAZE_BUNDLE:web/%=%) node_modules/@braze/web-sdk/src/index.js

# The peer of the browser benchmark: Segment's Braze Actions plugin, and the
# Braze SDK version nested under it, which both destinations get (served for
# js.appboycdn.com by the benchmark). Only make bench needs them.
PEER_VERSION  := 1.6.0
PEER_BUNDLE   := web/node_modules/.local/peer-actions-braze-$(PEER_VERSION).js
BRAZE4_BUNDLE := web/node_modules/.local/braze-peer.no-module.min.js

## deps-bench: the bundles the browser benchmark serves (make bench)
deps-bench: deps $(PEER_BUNDLE) $(BRAZE4_BUNDLE)

$(PEER_BUNDLE): $(NPM_STAMP) bench/peer-entry.js
	cd web && node_modules/.bin/esbuild --bundle --minify --format=iife --platform=browser \
	  --log-level=warning --outfile=$(PEER_BUNDLE:web/%=%) < ../bench/peer-entry.js

$(BRAZE4_BUNDLE): $(NPM_STAMP)
	cd web && node_modules/.bin/esbuild --bundle --minify --format=iife --global-name=braze \
	  --log-level=warning --outfile=$(BRAZE4_BUNDLE:web/%=%) \
	  node_modules/@segment/analytics-browser-actions-braze/node_modules/@braze/web-sdk/src/index.js

## deps-browser: Chromium for the browser tests (chromium-headless-shell),
## nginx with its brotli_static module (TestDist runs the README's config)
## and brotli for the build; installed with apt-get when missing and we are root
deps-browser: deps-brotli
	@missing=; \
	if [ -z "$$CHROMIUM" ] && ! command -v chromium-headless-shell >/dev/null && ! command -v chromium >/dev/null; then \
	  missing=" chromium-headless-shell"; fi; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	ls /etc/nginx/modules-enabled/*brotli-static* >/dev/null 2>&1 || missing="$$missing libnginx-mod-http-brotli-static"; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "deps-browser: missing for the tests:$$missing; as root: apt-get install -y$$missing (or set CHROMIUM to a Chromium binary)" >&2; exit 1; fi; \
	echo "deps-browser: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -q && apt-get install -y -q --no-install-recommends $$missing

## deps-brotli: brotli for the build's .br copies; installed with apt-get
## when missing and we are root, else a warning (the build still works)
deps-brotli:
	@command -v brotli >/dev/null && exit 0; \
	if [ "$$(id -u)" != 0 ]; then echo 'deps-brotli: warning: no brotli, so the build makes no .br copies; as root: apt-get install -y brotli' >&2; exit 0; fi; \
	echo 'deps-brotli: installing brotli'; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -q && apt-get install -y -q --no-install-recommends brotli

clean:
	rm -rf $(BUILD)
