# redflag: `make serve` and `make test` work on a fresh machine: they install what is missing
# (into $(TOOLS), reused by later runs and fresh clones), build, then serve or test.

TOOLS ?= $(HOME)/.cache/redflag-tools
PORT ?= 8080
EXAMPLES_PORT ?= 8081
# Tools are pinned: a version in $(TOOLS) that is not the one named here is replaced.
WASM_PACK_VERSION := 0.15.1
CARGO_FUZZ_VERSION := 0.13.2
# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)
# npm tools (wasm-opt from binaryen) come from tools/package-lock.json, installed with npm ci.
NPM_TOOLS := $(TOOLS)/npm
# make test-scale: pyspark (it pins its py4j) in a venv of its own.
PYSPARK_VERSION := 4.3.0
SCALE_VENV := $(TOOLS)/pyspark-venv
# Installs crate $(1) at version $(2), with its own Cargo.lock, unless `$(3) --version` ends in $(2).
# A lock can name a dependency release the registry no longer serves (wasm-bindgen-cli 0.2.130's
# webpki-roots 1.0.11): then the newest versions its manifest allows.
cargo_tool = test "$$($(3) --version 2>/dev/null | awk '{ print $$NF }')" = "$(2)" || \
	cargo install --root $(TOOLS) $(1) --version $(2) --locked --force || \
	cargo install --root $(TOOLS) $(1) --version $(2) --force
export PATH := $(TOOLS)/bin:$(NPM_TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
WASM_PACK := wasm-pack build --release --target web --out-name redflag
VERSION := $(shell awk -F'"' '/^version = / { print $$2; exit }' Cargo.toml)
DIST := dist/redflag-$(VERSION)

.PHONY: helplines serve test test-native test-wasm test-browser test-scale screenshots fuzz wasm dist release bench eval tools rust-tools web-tools scale-tools clean-tools

# The widget on $(PORT); the partner-embed examples (docs/examples) on $(EXAMPLES_PORT), another
# origin, the one partner allowed to embed the widget.
serve: helplines wasm
	node scripts/serve.mjs --port $(PORT) --root www --examples-port $(EXAMPLES_PORT) \
		--frame-ancestors "http://127.0.0.1:$(EXAMPLES_PORT) http://localhost:$(EXAMPLES_PORT)"

test: tools helplines test-native test-wasm test-browser fuzz

test-native:
	cargo test --release --all-targets
	cargo test --release --doc
	RUSTDOCFLAGS="-D warnings" cargo doc --release --no-deps --lib

# The wasm build must give the native build's answers: the native CLI writes the expected
# reports for tests/parity/inputs.jsonl, the wasm test in headless Chromium compares.
test-wasm: release
	mkdir -p target/parity
	./target/release/redflag scan --jsonl tests/parity/inputs.jsonl > target/parity/expected.jsonl
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_ONLY_WEB=1 \
		cargo test --target wasm32-unknown-unknown --no-default-features --test wasm_parity

# The pattern lab's tests compare its figures with the command line's.
test-browser: helplines wasm release web-tools
	cd tests/browser && node --test --test-concurrency=1 --test-timeout=180000 .

# The scale path (docs/scale.md): a Spark job in local mode pipes a few thousand records of
# tests/corpus and tests/cases/dev.jsonl through `redflag scan --jsonl` (rdd.pipe) and must give
# the direct run's reports, record by record (tests/scale/spark_pipe.py). Not part of `make test`.
test-scale: scale-tools release
	$(SCALE_VENV)/bin/python tests/scale/spark_pipe.py --redflag target/release/redflag --work target/scale

# docs/screenshots/: the flagged and the clear result at 360 and 1280 px in nl, fr and en.
screenshots: helplines wasm web-tools
	node scripts/screenshots.mjs

# A short run of every fuzz target (cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP
# allows them on the stable toolchain). FUZZ_SECONDS=600 make fuzz for a real session.
# fuzz/seeds/<target> and tests/fixtures/chat/hostile hold the hostile inputs found so far
# (committed), so every run tries them; fuzz/corpus/<target> is what the fuzzer learns.
FUZZ_SECONDS ?= 15
FUZZ_TARGETS := normalize pack_loader chat_parse scan
fuzz:
	@$(call cargo_tool,cargo-fuzz,$(CARGO_FUZZ_VERSION),cargo fuzz)
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		mkdir -p corpus/$$target seeds/$$target; \
		RUSTC_BOOTSTRAP=1 cargo fuzz run $$target corpus/$$target seeds/$$target ../tests/fixtures/chat/hostile -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

# The page's copy of the helpline directory (data/helplines.toml), written into www/index.html
# so that the helplines are in the first paint and do not wait for the engine.
helplines:
	node scripts/helplines-page.mjs

wasm: helplines rust-tools
	$(WASM_PACK) --out-dir www/pkg --no-pack . -- --no-default-features

# What a partner hosts: $(DIST)/widget (static files), $(DIST)/npm (the wasm-pack package with
# TypeScript types), $(DIST)/integrity.json (SRI hashes), $(DIST)/sizes.txt, and the headers
# the widget's server must send: $(DIST)/widget/_headers and $(DIST)/nginx.conf.
dist: helplines rust-tools
	$(WASM_PACK) --out-dir $(DIST)/npm . -- --no-default-features
	node scripts/dist.mjs --pkg $(DIST)/npm --out $(DIST)

release:
	cargo build --release

bench: tools release wasm
	cargo bench --bench throughput
	node tests/browser/bench.mjs
	node scripts/wasm-size.mjs

eval: release
	node scripts/eval.mjs

tools: rust-tools web-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@$(call cargo_tool,wasm-pack,$(WASM_PACK_VERSION),wasm-pack)
	@$(call cargo_tool,wasm-bindgen-cli,$(WASM_BINDGEN_VERSION),wasm-bindgen)
	@cmp -s tools/package-lock.json $(NPM_TOOLS)/package-lock.json && $(NPM_TOOLS)/node_modules/.bin/wasm-opt --version >/dev/null 2>&1 || \
		{ mkdir -p $(NPM_TOOLS) && cp tools/package.json tools/package-lock.json $(NPM_TOOLS)/ && npm ci --prefix $(NPM_TOOLS) --no-audit --no-fund; }

web-tools:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }
	@test -d tests/browser/node_modules/playwright-core || (cd tests/browser && npm ci --no-audit --no-fund)

# Spark runs on a JRE (Debian's, only where there is no java) and pyspark from PyPI.
scale-tools:
	@command -v java >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@test "$$($(SCALE_VENV)/bin/python -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null)" = "$(PYSPARK_VERSION)" || \
		{ rm -rf $(SCALE_VENV) && python3 -m venv $(SCALE_VENV) && \
		$(SCALE_VENV)/bin/pip install -q --disable-pip-version-check pyspark==$(PYSPARK_VERSION); }

clean-tools:
	rm -rf $(TOOLS)
