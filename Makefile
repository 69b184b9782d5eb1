# The README's commands. Each one sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
# Exact versions of every dependency (runtime, test and postgres extras) for Python 3.10+;
# `make lock` refreshes it from pyproject.toml (see the README's Development section).
LOCK   := requirements-lock.txt
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.10 --quiet

# The catalogues: the apps' messages and the workshop's content (datasets, notebook intros),
# a .po file a language under socialplaybook/locale/<lang>/LC_MESSAGES/ (see its README.md).
LOCALES := socialplaybook/locale
DOMAINS := socialplaybook content
EXTRACT = $(BIN)/pybabel extract --sort-by-file --add-location=file -c "Translators:" \
	--project=social-playbook --version=0.1.0 --copyright-holder="the social-playbook authors"

.PHONY: serve test test-fast bench lint install lock page-scripts chromium clean binder-badges \
	messages compile-messages

serve: $(VENV)/.installed
	$(BIN)/social-playbook serve --port $(PORT)

# Every tier on every core, a test file on one worker (the PostgreSQL role tests share the
# cluster's roles; a browser file shares its server). The unit and widget tiers run first, in
# processes of their own: the browser tests' Playwright keeps an asyncio loop running in the
# main thread, which the hub's and the kernels' tests cannot share.
test: $(VENV)/.installed chromium
	$(BIN)/python -m pytest -n auto --dist loadfile tests/unit tests/widgets
	$(BIN)/python -m pytest -n auto --dist loadfile tests notebooks --nbval-lax \
	  --ignore=tests/unit --ignore=tests/widgets

# Everything but the browser and the notebooks: the quick loop while editing.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto --dist loadfile tests/unit tests/widgets

bench: $(VENV)/.installed chromium
	$(BIN)/python -m tests.bench.run

lint: $(VENV)/.installed
	$(BIN)/ruff check socialplaybook widgets tests

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	$(MAKE) --no-print-directory compile-messages
	touch $@

# After changing any text of the apps, the datasets' translated columns or a notebook's
# intro: extract every message again (the .pot templates), update each language's .po
# (new messages empty, changed ones fuzzy with the previous English kept for the
# translator), compile the .mo files the apps read. `make install` and `pip install .`
# compile them too; the .mo files are not committed.
messages: $(VENV)/.installed
	$(EXTRACT) -F babel.cfg -o $(LOCALES)/socialplaybook.pot socialplaybook widgets
	$(EXTRACT) -F babel-content.cfg -o $(LOCALES)/content.pot datasets notebooks
	for domain in $(DOMAINS); do \
	  $(BIN)/pybabel update --previous --ignore-pot-creation-date -D $$domain \
	    -i $(LOCALES)/$$domain.pot -d $(LOCALES) || exit 1; \
	done
	$(MAKE) --no-print-directory compile-messages

# Babel's compiler, less what gettext would show as an empty text (see
# socialplaybook/language.py: compile_catalogue).
compile-messages:
	$(BIN)/python -m socialplaybook.language

# Re-resolve the lock after editing the dependencies in pyproject.toml: pins that still fit
# are kept; `make lock UPGRADE=1` moves everything to the newest versions. Then
# binder/requirements.txt gets the runtime part of the same pins.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(UV_COMPILE) $(if $(UPGRADE),--upgrade) --extra test --extra postgres -o $(LOCK)
	$(UV_COMPILE) --constraint $(LOCK) --no-annotate -o binder/requirements.txt

# The scripts every app's page preloads, made again for the installed Voila and widget
# versions (after `make lock`; tests/unit/test_page_scripts.py fails until it is run).
page-scripts: $(VENV)/.installed chromium
	$(BIN)/python -m tests.bench.page_scripts --write

# The README's Binder badges for a fork on GitHub: make binder-badges REPO=owner/name
binder-badges:
	@$(PYTHON) binder/badges.py $(REPO) $(if $(BRANCH),--branch $(BRANCH))

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium (e.g. sudo apt-get install chromium) for the browser tests."; fi; }

clean:
	rm -rf $(VENV) build *.egg-info
	find $(LOCALES) -name '*.mo' -delete
