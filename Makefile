# The README's commands. Each one sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866

.PHONY: serve test test-fast bench lint install chromium clean

serve: $(VENV)/.installed
	$(BIN)/social-playbook serve --port $(PORT)

test: $(VENV)/.installed chromium
	$(BIN)/python -m pytest tests notebooks --nbval-lax

# Everything but the browser and the notebooks: the quick loop while editing.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest tests/unit tests/widgets

bench: $(VENV)/.installed chromium
	$(BIN)/python -m tests.bench.run

lint: $(VENV)/.installed
	$(BIN)/ruff check socialplaybook widgets tests

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium (e.g. sudo apt-get install chromium) for the browser tests."; fi; }

clean:
	rm -rf $(VENV) build *.egg-info
