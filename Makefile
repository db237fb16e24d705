# ebcheck — every command a newcomer or CI needs.
SWIFT ?= swift
PYTHON ?= python3
PREFIX ?= /usr/local
RELEASE_BIN := .build/release/ebcheck
DEBUG_BIN := .build/debug/ebcheck
# The release binary carries the Swift runtime and libyaml inside it (static), so it runs where
# no Swift toolchain is installed; scripts/static-libyaml.sh points pkg-config at libyaml.a.
STATIC_YAML := .build/static-yaml
# Concrete generic types (Set<Diagnostic>, [String: Sourced<String>]...) get their metadata from
# direct accessors instead of mangled names: the runtime then neither demangles them nor scans
# every conformance record of the static binary to check their requirements on first use
# (about a third of the seed check's instructions). Code generation only: outputs are the same.
METADATA_FLAGS := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
# Start-up (docs/performance.md, round four): the executable exports none of its 11,000 symbols
# (swiftc passes -export-dynamic; nothing loads or looks them up), and libstdc++ is linked
# from its archive (scripts/static-libyaml.sh), so the loader binds ~150 symbols, not ~1,800.
# Package.swift links the release binary with lld. Link flags only: no module is rebuilt.
# The code and zero-filled data a check touches are laid out first, in the order the seed check
# first touches them (scripts/link-order.txt, written by scripts/make-link-order.py): start-up
# is mostly page faults, and the hot code had been spread over the whole 15 MB of .text (round
# seven). Names the code no longer has are skipped, so a stale list costs locality, not a build.
# The linker does not watch the list: after changing it, delete $(RELEASE_BIN) to relink.
LINK_ORDER := scripts/link-order.txt
LINK_FLAGS := -Xlinker --no-export-dynamic \
  -Xlinker --symbol-ordering-file=$(CURDIR)/$(LINK_ORDER) -Xlinker --no-warn-symbol-ordering
RELEASE_FLAGS := -c release --product ebcheck --static-swift-stdlib $(METADATA_FLAGS) $(LINK_FLAGS)

.PHONY: all build release demo test deps swift-test e2e validators lint format bench install docs templates clean
.PHONY: differential integrations install-completions hostile fuzz fuzz-smoke dist dist-test deps-dist deps-bench

all: build

build:
	$(SWIFT) build

release:
	@sh scripts/static-libyaml.sh $(STATIC_YAML)
	PKG_CONFIG_PATH="$(CURDIR)/$(STATIC_YAML)" $(SWIFT) build $(RELEASE_FLAGS)

## dist: dist/ebcheck-VERSION-TRIPLE.tar.gz (+ .sha256) and the manylinux wheel, from the
## static release binary (stripped); the version is the binary's own --version.
dist: deps-dist
	@$(MAKE) --no-print-directory release
	sh scripts/dist.sh $(RELEASE_BIN)

## dist-test: the tarball's and the wheel's binaries run with the Swift toolchain hidden, need
## only glibc and libstdc++, and the wheel hook works in the real pre-commit (part of `make test`).
dist-test: dist
	bash Tests/dist/run.sh dist

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
	$(MAKE) differential
	$(MAKE) e2e
	$(MAKE) dist-test

## hostile: throwaway repos full of bad bytes through check / check --output-format json / fix
## (exit 0-2 within 20 s, bad file named, JSON parses, nothing outside the root touched), then
## `fix` (multi-file fixes in one transaction) killed with SIGKILL at random moments: every
## file old or new, never partial, and no temporary survives the next run.
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

## differential: for every fixture whose health check reaches Django, the status ebcheck's
## interpreter predicts equals what Django's test client answers the same request.
differential: build
	$(PYTHON) Tests/differential/run.py --ebcheck $(DEBUG_BIN)

## e2e: boot every fixture on real nginx + gunicorn + Django; predictions must equal the
## answers, and after `ebcheck fix` every fixture must answer healthy for real; then
## `ebcheck probe` against running fixtures (loopback only) must agree with the harness.
e2e: build
	$(PYTHON) -m unittest Tests/e2e/test_harness.py
	$(PYTHON) Tests/e2e/run.py --jobs 1 --ebcheck $(DEBUG_BIN)
	$(PYTHON) Tests/e2e/run.py --jobs 1 --fix --ebcheck $(DEBUG_BIN)
	$(PYTHON) Tests/e2e/probe_test.py --ebcheck $(DEBUG_BIN)

deps-build:
	@sh scripts/install-deps.sh build

deps:
	@sh scripts/install-deps.sh all

deps-dist:
	@sh scripts/install-deps.sh dist

deps-bench:
	@sh scripts/install-deps.sh bench

lint:
	$(SWIFT) format lint --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

## bench: the static binary against manage.py check --deploy, ruff and a C program that only
## exits, the 200-service monorepo, and callgrind's instruction count (docs/performance.md).
bench: deps-bench release
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

## integrations: run the GitHub Action's steps on the seed (the release download, served from
## dist/ on loopback, and the build from source) and validate its SARIF.
integrations: dist
	bash scripts/action-smoke.sh dist

## install-completions: bash, zsh and fish completions under $(PREFIX)/share.
install-completions: release
	install -d $(PREFIX)/share/bash-completion/completions $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN) --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/ebcheck
	$(RELEASE_BIN) --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_ebcheck
	$(RELEASE_BIN) --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/ebcheck.fish
