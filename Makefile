# Coordinator — the two commands of the README, and what they stand on.
#   make run   create the environment, migrate, load the demo data, serve on http://127.0.0.1:5000
#   make test  install what the tests need and run the whole suite (PostgreSQL too with TEST_DATABASE_URL)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
CATALOGS := $(wildcard coordinator/translations/*/LC_MESSAGES/messages.po)

.PHONY: run test install install-test catalogs migrate seed serve lint extract-messages update-catalogs chromium system-packages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: system-packages $(VENV)/.installed catalogs

install-test: system-packages $(VENV)/.installed-test catalogs chromium

# WeasyPrint needs Pango; the PDFs need fonts for Latin, Cyrillic and Arabic names; pdftoppm (poppler-utils)
# renders printouts to PNG to look at them.
system-packages:
	@if ! ldconfig -p | grep -q libpango-1.0 || ! fc-list | grep -qi "Noto Sans Arabic" || ! command -v pdftoppm >/dev/null; then \
	  echo "Installing Pango and fonts from Debian…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-dejavu-core poppler-utils >/dev/null; \
	fi

chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing Debian's chromium and chromium-driver…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

catalogs: $(VENV)/.installed
	@$(BIN)/pybabel compile -d coordinator/translations >/dev/null

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

serve:
	@echo ""
	@echo "  Coordinator is running on http://$(HOST):$(PORT)/"
	@echo "  Demo logins:  admin@example.org / demo-admin-password   (administrator)"
	@echo "                staff@example.org / demo-staff-password   (staff)"
	@echo "                organizer@example.org / demo-organizer-password   (organizer of GRCP 9)"
	@echo "                rapporteur1@example.org / demo-rapporteur-password   (rapporteur, GRCP 9 session 1)"
	@echo "                rapporteur2@example.org / demo-rapporteur-password   (rapporteur, GRCP 9 session 2)"
	@echo ""
	$(FLASK) run --host $(HOST) --port $(PORT)

run: seed serve

test: install-test
	$(BIN)/pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then echo "== again on PostgreSQL ($$TEST_DATABASE_URL)"; $(BIN)/pytest -q --db postgres; fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o coordinator/translations/messages.pot --no-location --sort-output .

update-catalogs: extract-messages
	$(BIN)/pybabel update -i coordinator/translations/messages.pot -d coordinator/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance
