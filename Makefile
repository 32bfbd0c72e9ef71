# Two commands set everything up on a fresh machine:
#   make serve   build the site and serve it on http://127.0.0.1:8000
#   make test    build the site and run every test
# Both create the virtual environment (.venv) and install the pinned
# requirements first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# The commands in scripts/ run as modules of its packages, installed into
# .venv from scripts/pyproject.toml (README.md: Layout)
RUN    := $(PY) -m
export NO_MKDOCS_2_WARNING := 1

.PHONY: help build serve requirements test test-fast system-packages mirror-check mirror-fetch clean i18n-status i18n-diff i18n-done bundle release release-needs-key bench screenshots review-due atlas-status

help:
	@echo "make serve   build and serve the site on http://127.0.0.1:8000"
	@echo "make test    run every test"
	@echo "make test-fast  the tests that need no browser and no build of their own (about a minute)"
	@echo "make build   build the site into site/"
	@echo "make bundle  build the offline editions for trainers into dist/ (NEUTRAL=1: neutral names)"
	@echo "make release SIGNING_KEY=key  bundle, sign dist/SHA256SUMS (ssh-keygen only), publish site/downloads/"
	@echo "make mirror-check URL=address   is a mirror a genuine copy of the newest release?"
	@echo "make mirror-fetch URL=address DEST=folder   a checked copy to host as a mirror"
	@echo "make build ONION=1            the site for an onion service (no clearnet address)"
	@echo "make bench   bytes and first paint, this site against stock Material (printed;"
	@echo "             BENCH_ARGS=--write-performance also writes the tables into PERFORMANCE.md)"
	@echo "make screenshots  phone screenshots for the README (docs/assets/screenshots/)"
	@echo "make i18n-status              which pages are translated, missing or outdated"
	@echo "make i18n-diff PAGE=name.md   English changes since the translation was updated"
	@echo "make i18n-done PAGE=name.md   mark the translation as up to date with English"
	@echo "                              (the same on a web page: site/translate/index.html, after make build)"
	@echo "make requirements  requirements*.txt with hashes, from requirements*.in (after editing them)"
	@echo "make review-due [MONTHS=6]    pages whose reviewed: date is older than MONTHS months"
	@echo "make atlas-status             per phone system: settings-atlas paths citing the maker, a third party, not found"

# Three steps, each file checked against the SHA-256 that requirements*.txt
# record (--require-hashes: a package, or any package it pulls in, that is not
# pinned with its hashes stops the install). First setuptools alone
# (requirements-build.txt); then the site's and the tests' requirements with
# --no-build-isolation, so that the one package PyPI has only as source
# (jieba) is built with that setuptools and pip fetches no unchecked build
# tools; then the project's own scripts/, which has no dependencies:
# --no-deps --no-build-isolation, so this step fetches nothing.
$(VENV)/.installed: requirements-build.txt requirements.txt requirements-dev.txt scripts/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-build.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-build-isolation -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e scripts
	touch $@

# requirements-build.txt, requirements.txt and requirements-dev.txt, with the
# hashes of every file PyPI has for each pinned version, written by uv from
# the human-edited requirements*.in (CONTRIBUTING.md: Python requirements).
# Versions already in the .txt files are kept unless an .in file asks for
# another; UV_ARGS=--upgrade takes the newest of everything not pinned in an
# .in file. For Python 3.11.5 and newer (what pymdown-extensions and
# soupsieve require), on any system.
UV_COMPILE := $(BIN)/uv pip compile --quiet --no-config --universal --python-version 3.11.5 \
              --generate-hashes --custom-compile-command "make requirements" $(UV_ARGS)
requirements: $(VENV)/.installed
	$(UV_COMPILE) requirements-build.in -o requirements-build.txt
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt

# The system packages the browser tests need (Chromium, Firefox ESR, WebKitGTK's
# driver and a screen for it, a CJK font, npm): installed through apt when this
# user may (root, or sudo without a password); otherwise it stops before any
# test with one line naming them and the command to run.
system-packages:
	@sh scripts/dev/system_packages.sh

build: $(VENV)/.installed
	$(BIN)/properdocs build --strict

# The offline editions for trainers (scripts/editions/): a zip of the site,
# one self-contained HTML file and one small file per language and
# SHA256SUMS, all in dist/. NEUTRAL=1: neutral file names and titles.
bundle: build
	$(RUN) editions.bundle --site-dir site --dist dist $(if $(filter 1 yes true,$(NEUTRAL)),--neutral)

# A signed release (README.md: Releases). The key goes to ssh-keygen alone
# (scripts/editions/sign.sh), never to a Python process: the bundle runs in a
# make that is not given SIGNING_KEY (make passes command-line variables on
# in MAKEFLAGS, hence env -u); sign.sh signs dist/SHA256SUMS; Python without
# the key publishes site/downloads/, the mirrors list and site/SHA256SUMS;
# sign.sh signs those two. Stops first without a key.
unexport SIGNING_KEY
NO_MAKE_VARS := env -u SIGNING_KEY -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES
release: release-needs-key
	$(NO_MAKE_VARS) $(MAKE) --no-print-directory bundle VENV="$(VENV)" NEUTRAL="$(NEUTRAL)"
	sh scripts/editions/sign.sh "$(SIGNING_KEY)" allowed_signers dist/SHA256SUMS
	$(NO_MAKE_VARS) $(RUN) editions.release --site-dir site --dist dist
	sh scripts/editions/sign.sh "$(SIGNING_KEY)" allowed_signers site/downloads/mirrors.txt site/SHA256SUMS

# Mirrors (scripts/mirror/, docs/en/mirrors.md): is a mirror a genuine copy of
# the newest release? SOCKS=host:port for an onion address (tor: 127.0.0.1:9050).
mirror-check: $(VENV)/.installed
	@test -n "$(URL)" || { echo "make mirror-check URL=<the mirror's address> [SOCKS=127.0.0.1:9050]" >&2; exit 2; }
	$(RUN) mirror.check "$(URL)" $(if $(SOCKS),--socks "$(SOCKS)")

# A signed copy to host as a new mirror, fetched and checked file by file.
mirror-fetch: $(VENV)/.installed
	@test -n "$(URL)" -a -n "$(DEST)" || { echo "make mirror-fetch URL=<the site or a mirror> DEST=<folder> [SOCKS=...]" >&2; exit 2; }
	$(RUN) mirror.check "$(URL)" --save "$(DEST)" $(if $(SOCKS),--socks "$(SOCKS)")

release-needs-key:
	@test -n "$(SIGNING_KEY)" || { echo "make release needs the project's signing key:" \
	  "make release SIGNING_KEY=<path to the OpenSSH private key>. Only the maintainers hold it" \
	  "(README.md: Releases); make bundle makes the editions unsigned." >&2; exit 2; }

serve: $(VENV)/.installed
	$(BIN)/properdocs serve --strict --dev-addr 127.0.0.1:8000

# axe-core for the accessibility tests, pinned in tests/package-lock.json
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund
	touch $@

# pytest's settings and markers: tests/pytest.ini. Two processes (pytest-xdist):
# a file whose tests share a module-scoped fixture runs whole in one of them,
# the other tests are shared out one by one, the longest of the last run first;
# the site is built once for both (tests/conftest.py). PYTEST_ARGS adds to the
# command line (e.g. -n 0: one process).
PYTEST_ARGS ?=
test: system-packages $(VENV)/.installed tests/node_modules/.installed
	$(PY) -m pytest tests -n 2 --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

# No browser, no build but the session's one: what to run while editing.
test-fast: $(VENV)/.installed
	$(PY) -m pytest tests -m "not slow and not browser"

# Speed on slow links (PERFORMANCE.md): prints the tables and the byte budgets,
# asserts nothing; BENCH_ARGS=--write-performance writes them into PERFORMANCE.md.
bench: $(VENV)/.installed
	$(RUN) dev.bench $(BENCH_ARGS)

screenshots: $(VENV)/.installed
	$(RUN) dev.screenshots

# Translators' commands (CONTRIBUTING.md): PAGE is a file name such as about.md.
i18n-status: $(VENV)/.installed
	@$(RUN) i18n.status

i18n-diff: $(VENV)/.installed
	@$(RUN) i18n.diff "$(PAGE)"

i18n-done: $(VENV)/.installed
	@$(RUN) i18n.done "$(PAGE)"

# Pages (every language) whose front matter `reviewed:` date is older than MONTHS months.
MONTHS ?= 6
review-due: $(VENV)/.installed
	@$(RUN) review.due --months "$(MONTHS)"

# The settings atlas (docs/atlas/): per system, how many paths cite the maker's
# own text, a third-party page or a phone, and how many tasks have no path.
atlas-status: $(VENV)/.installed
	@$(RUN) atlas.status

clean:
	rm -rf site dist .cache
