# ibm.cos: the two commands a fresh machine needs are `make demo` and `make test`.
# Everything else here is a step those two use, or a tool for contributors.

SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make demo` installs only requirements-demo.txt; `make venv` (and so `make test`) everything.
DEMO_STAMP := $(VENV)/.installed-demo
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

# The checkout is linked in as ansible_collections/ibm/cos so ansible finds ibm.cos.*.
COLLECTIONS := $(CURDIR)/build/collections
COLLECTION_LINK := $(COLLECTIONS)/ansible_collections/ibm/cos

export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export COS_STACK_DIR ?= $(CURDIR)/.cos-stack
export PYTHONPATH := $(CURDIR)/tests$(if $(PYTHONPATH),:$(PYTHONPATH))
export ANSIBLE_NOCOLOR := 1

PYTEST := $(BIN)/python -m pytest -p no:cacheprovider

.PHONY: help venv venv-demo collection stack-up stack-down demo test test-all \
        test-unit test-contract test-integration test-sanity test-lint test-docs \
        test-changelog test-ee test-release test-runner test-demo test-molecule test-examples test-compat test-real \
        test-bench-quick bench clean

help:
	@echo "make demo   - set up, start the local COS stack, run the demo playbook, stop the stack"
	@echo "make test   - set up and run every test (unit, contract, integration, sanity, lint, docs, ...)"
	@echo "make bench  - benchmark ibm.cos against amazon.aws and the floors (writes bench/RESULTS.md)"
	@echo "make stack-up / make stack-down - start / stop the local COS stack (.cos-stack/env)"

venv: $(STAMP)

venv-demo: $(DEMO_STAMP)

# The full set includes the demo's, so it stamps both.
$(STAMP): requirements.txt requirements-demo.txt requirements-dev.txt tests/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# ibm-cos-sdk-config ships only an sdist whose setup.py imports pkg_resources, which an
	# isolated build's newest setuptools no longer has: build it against the pinned setuptools.
	$(PIP_INSTALL) setuptools wheel -c tests/constraints.txt
	$(PIP_INSTALL) --no-build-isolation --no-deps ibm-cos-sdk-config -c tests/constraints.txt
	$(PIP_INSTALL) -r requirements-dev.txt -c tests/constraints.txt
	touch $@ $(DEMO_STAMP)

$(DEMO_STAMP): requirements.txt requirements-demo.txt tests/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing what the demo needs into .venv (requirements-demo.txt)"
	@# -qq: pip's notes on the machine's index configuration are not the demo's; errors still show.
	@$(PIP_INSTALL) --quiet -r requirements-demo.txt -c tests/constraints.txt
	@touch $@

collection: $(COLLECTION_LINK)

$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR) $@

stack-up: venv-demo
	$(BIN)/python -m cos_stack up

stack-down:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m cos_stack down; fi

demo: venv-demo collection
	@$(MAKE) --no-print-directory stack-up
	@status=0; \
	  ( set -a; . $(COS_STACK_DIR)/env; set +a; \
	    $(BIN)/ansible-playbook playbooks/demo.yml ) || status=$$?; \
	  $(MAKE) --no-print-directory stack-down; exit $$status

# `make test` starts one stack for the whole run and always stops it.
test: venv collection
	@$(MAKE) --no-print-directory stack-up
	@status=0; $(MAKE) --no-print-directory test-all || status=$$?; \
	  $(MAKE) --no-print-directory stack-down; exit $$status

test-all: test-unit test-contract test-integration test-molecule test-examples test-bench-quick test-compat \
          test-sanity test-lint test-docs test-changelog test-ee test-release test-runner test-demo

test-unit:
	$(PYTEST) tests/unit

test-contract:
	$(PYTEST) tests/contract

test-integration:
	$(PYTEST) tests/integration

# The supported ansible-core range: a smoke playbook under 2.16, 2.17 and 2.18 (2.19 runs the rest).
test-compat: collection
	tests/compat/run.sh

# The contract and integration suites against a real IBM COS account, then the report of which
# LEDGER.md rows real COS confirmed (build/real-cos-report.md, printed too; README "Running the
# tests against real IBM COS"). Needs IBMCLOUD_API_KEY and IBM_COS_INSTANCE_CRN (IBM_COS_REGION,
# IBM_KP_ROOT_KEY_CRN and HMAC keys optional); without them it says so and skips. Tests that need
# the local stack's counters, admin API or test keys skip; buckets are prefixed. COS_STACK_DIR points
# nowhere so no test can reach a local stack by mistake.
REAL_RESULTS := build/real-cos-results.json
REAL_REPORT := build/real-cos-report.md

test-real: venv collection
	@if [ -z "$$IBMCLOUD_API_KEY" ] || [ -z "$$IBM_COS_INSTANCE_CRN" ]; then \
	  echo "test-real: skipped (set IBMCLOUD_API_KEY and IBM_COS_INSTANCE_CRN to run against real IBM COS)"; \
	else \
	  rm -f $(REAL_RESULTS) $(REAL_REPORT); status=0; \
	  IBM_COS_REAL=1 COS_STACK_DIR=$(CURDIR)/build/no-local-stack \
	    $(PYTEST) -p real_cos.plugin --real-cos-results $(REAL_RESULTS) tests/contract tests/integration \
	    || status=$$?; \
	  $(BIN)/python -m real_cos.report $(REAL_RESULTS) --out $(REAL_REPORT) || status=$$?; \
	  exit $$status; \
	fi

# roles/buckets' molecule scenario on localhost against the stack: converge,
# idempotence, verify, with cleanup before and after; its own token cache.
test-molecule: venv collection
	@test -f $(COS_STACK_DIR)/env || { echo "test-molecule: no stack env; run 'make stack-up'" >&2; exit 1; }
	rm -rf build/molecule
	cd roles/buckets && set -a && . $(COS_STACK_DIR)/env && set +a && \
	  IBM_COS_TOKEN_CACHE_DIR=$(CURDIR)/build/molecule/token-cache \
	  NO_COLOR=1 ANSIBLE_FORCE_COLOR=0 molecule test

# Every module's EXAMPLES block run as a playbook against the stack (tests/examples/README.md).
test-examples: venv collection
	$(BIN)/python tests/examples/run_examples.py

# ansible-test sanity over what the release tarball ships (see tests/sanity/run.sh).
test-sanity: venv
	tests/sanity/run.sh

# Production profile, offline; settings and exclusions in .ansible-lint.
test-lint: venv collection
	ansible-lint --nocolor

# HTML site of the guides (docs/docsite) and the plugin docs into build/docs/html; warnings fail.
# Then headless Chromium (Debian's chromium, installed when missing) renders every page: the
# collection page must link every guide and module, no internal link may be broken; it keeps
# a screenshot of the collection page in build/docs/collection-page.png.
test-docs: venv collection
	tests/docs/build.sh
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(BIN)/python tests/docs/check_site.py

test-changelog: venv
	tests/release/changelog.sh

# ansible-builder create (no image build) and introspection of ibm.cos.
test-ee: venv collection
	tests/ee/check.sh

# Build the tarball, check what it ships, run the demo from an installed copy.
test-release: venv
	tests/release/check.sh

# The demo run by ansible-runner (the engine of AWX / AAP) from the built and installed tarball,
# with the execution environment's requirements, against the local stack (tests/runner/README.md).
test-runner: venv
	$(PYTEST) tests/runner

# `make demo` in a fresh copy of the checkout, with its own venv and stack: no warning in its
# output, and fewer packages installed than `make test` installs (tests/demo/check.sh).
test-demo:
	tests/demo/check.sh

# The benchmark's peer (amazon.aws + community.aws from the `ansible` package, plus matplotlib)
# lives in its own venv so it never mixes with the project's pins. BENCH_QUICK=1: a smoke run.
PEER_VENV := $(CURDIR)/bench/.venv-peer

$(PEER_VENV)/.installed: bench/requirements-peer.txt
	test -x $(PEER_VENV)/bin/python || $(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-peer.txt
	touch $@

bench: venv collection $(PEER_VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The benchmark's quick mode as a smoke test on the running stack (which it resets), ibm.cos and
# its floors only: the peer venv takes minutes to install. Fails when a run fails or a call count
# is off: a write on a no-op rerun or resync, other than one IAM exchange per playbook run.
# Results go to bench/work/RESULTS-test.md, never bench/RESULTS.md.
test-bench-quick: venv collection
	@test -f $(COS_STACK_DIR)/env || { echo "test-bench-quick: no stack env; run 'make stack-up'" >&2; exit 1; }
	$(BIN)/python bench/run.py --quick --no-peer --check-calls --running-stack $(COS_STACK_DIR) \
	  --only converge,upload,sync,iam,fleet --out bench/work/RESULTS-test.md

clean: stack-down
	rm -rf build tests/output
