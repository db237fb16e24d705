# ebcheck — every command a newcomer or CI needs.
SWIFT ?= swift
PYTHON ?= python3
PREFIX ?= /usr/local
RELEASE_BIN := .build/release/ebcheck
DEBUG_BIN := .build/debug/ebcheck

.PHONY: all build release demo test deps swift-test e2e validators lint format bench install docs templates clean
.PHONY: integrations install-completions hostile fuzz fuzz-smoke

all: build

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product ebcheck

## demo: build, then lint the seed project and show the finding, the trace and the fix.
demo: deps-build release
	@echo "\$$ ebcheck check Fixtures/projects/seed"
	@$(RELEASE_BIN) check Fixtures/projects/seed; status=$$?; echo "(exit $$status)"; echo
	@echo "\$$ ebcheck fix --diff Fixtures/projects/seed"
	@$(RELEASE_BIN) fix --diff Fixtures/projects/seed || true

## test: install what the tests need, then run every suite.
test: deps build
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(PYTHON) Tests/validators/run.py $(DEBUG_BIN)
	bash Tests/integration/pre_commit.sh $(DEBUG_BIN)
	$(MAKE) integrations
	$(MAKE) hostile
	$(MAKE) fuzz-smoke
	$(MAKE) e2e

## hostile: throwaway repos full of bad bytes through check / check --format json / fix --write
## (exit 0-2 within 10 s, bad file named, JSON parses, nothing outside the root touched), then
## `fix --write` killed with SIGKILL at random moments (every file old or new, never partial).
hostile: build
	$(PYTHON) Tests/hostile/run.py $(DEBUG_BIN)
	$(PYTHON) Tests/hostile/kill_fix.py $(DEBUG_BIN) --trials 12

## fuzz: each libFuzzer target for SECONDS (built in .build-fuzz with -sanitize=fuzzer,address;
## FUZZ_CONFIG=release for more executions per second after a longer build).
SECONDS ?= 60
FUZZ_CONFIG ?= debug
fuzz:
	FUZZ_CONFIG=$(FUZZ_CONFIG) SWIFT=$(SWIFT) sh Tests/hostile/fuzz.sh $(SECONDS)

## fuzz-smoke: every fuzz target for about 30 s in total (part of `make test`).
fuzz-smoke:
	FUZZ_CONFIG=$(FUZZ_CONFIG) SWIFT=$(SWIFT) sh Tests/hostile/fuzz.sh 8

## e2e: boot every fixture on real nginx + gunicorn + Django; predictions must equal the
## answers, and after `ebcheck fix` every fixture must answer healthy for real; then
## `ebcheck probe` against running fixtures (loopback only) must agree with the harness.
e2e: build
	$(PYTHON) -m unittest Tests/e2e/test_harness.py
	$(PYTHON) Tests/e2e/run.py --jobs 2 --ebcheck $(DEBUG_BIN)
	$(PYTHON) Tests/e2e/run.py --jobs 2 --fix --ebcheck $(DEBUG_BIN)
	$(PYTHON) Tests/e2e/probe_test.py --ebcheck $(DEBUG_BIN)

deps-build:
	@sh scripts/install-deps.sh build

deps:
	@sh scripts/install-deps.sh all

lint:
	$(SWIFT) format lint --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

bench: release
	@sh scripts/bench.sh

install: release
	install -d $(PREFIX)/bin
	install -m 755 $(RELEASE_BIN) $(PREFIX)/bin/ebcheck
	$(MAKE) install-completions

clean:
	rm -rf .build

## templates: embed Templates/*.mustache into the binary's sources.
templates:
	$(PYTHON) scripts/embed-templates.py

## docs: regenerate docs/rules/*.md and the README rule table from the rules' descriptions.
docs: build
	$(DEBUG_BIN) write-docs .

## integrations: run the GitHub Action's build and check steps on the seed and validate its SARIF.
integrations:
	bash scripts/action-smoke.sh

## install-completions: bash, zsh and fish completions under $(PREFIX)/share.
install-completions: release
	install -d $(PREFIX)/share/bash-completion/completions $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN) --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/ebcheck
	$(RELEASE_BIN) --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_ebcheck
	$(RELEASE_BIN) --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/ebcheck.fish
