# redflag: `make serve` and `make test` work on a fresh machine: they install what is missing
# (into $(TOOLS), reused by later runs and fresh clones), build, then serve or test.

TOOLS ?= $(HOME)/.cache/redflag-tools
PORT ?= 8080
EXAMPLES_PORT ?= 8081
BINARYEN_VERSION := 132.0.0
# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)
export PATH := $(TOOLS)/bin:$(TOOLS)/npm/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
WASM_PACK := wasm-pack build --release --target web --out-name redflag
VERSION := $(shell awk -F'"' '/^version = / { print $$2; exit }' Cargo.toml)
DIST := dist/redflag-$(VERSION)

.PHONY: serve test test-native test-wasm test-browser fuzz wasm dist release bench eval tools rust-tools web-tools clean-tools

# The widget on $(PORT); the partner-embed examples (docs/examples) on $(EXAMPLES_PORT), another origin.
serve: wasm
	node scripts/serve.mjs --port $(PORT) --root www --examples-port $(EXAMPLES_PORT)

test: tools test-native test-wasm test-browser fuzz

test-native:
	cargo test --release --all-targets
	cargo test --release --doc

# The wasm build must give the native build's answers: the native CLI writes the expected
# reports for tests/parity/inputs.jsonl, the wasm test in headless Chromium compares.
test-wasm: release
	mkdir -p target/parity
	./target/release/redflag scan --jsonl tests/parity/inputs.jsonl > target/parity/expected.jsonl
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_ONLY_WEB=1 \
		cargo test --target wasm32-unknown-unknown --no-default-features --test wasm_parity

# The pattern lab's tests compare its figures with the command line's.
test-browser: wasm release web-tools
	cd tests/browser && node --test --test-concurrency=1 --test-timeout=180000 .

# A short run of every fuzz target (cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP
# allows them on the stable toolchain). FUZZ_SECONDS=600 make fuzz for a real session.
FUZZ_SECONDS ?= 15
FUZZ_TARGETS := normalize pack_loader chat_parse scan
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install --root $(TOOLS) cargo-fuzz --locked
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		RUSTC_BOOTSTRAP=1 cargo fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

wasm: rust-tools
	$(WASM_PACK) --out-dir www/pkg --no-pack . -- --no-default-features

# What a partner hosts: $(DIST)/widget (static files), $(DIST)/npm (the wasm-pack package with
# TypeScript types), $(DIST)/integrity.json (SRI hashes) and $(DIST)/sizes.txt.
dist: rust-tools
	$(WASM_PACK) --out-dir $(DIST)/npm . -- --no-default-features
	node scripts/dist.mjs --pkg $(DIST)/npm --out $(DIST)

release:
	cargo build --release

bench: tools release wasm
	cargo bench --bench throughput
	node tests/browser/bench.mjs

eval: release
	node scripts/eval.mjs

tools: rust-tools web-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@command -v wasm-pack >/dev/null || cargo install --root $(TOOLS) wasm-pack --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		cargo install --root $(TOOLS) wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@wasm-opt --version 2>/dev/null | grep -q "version $(firstword $(subst ., ,$(BINARYEN_VERSION))) " || \
		npm install --prefix $(TOOLS)/npm --no-save --no-audit --no-fund binaryen@$(BINARYEN_VERSION)

web-tools:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }
	@test -d tests/browser/node_modules/playwright-core || (cd tests/browser && npm ci --no-audit --no-fund)

clean-tools:
	rm -rf $(TOOLS)
