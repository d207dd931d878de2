# The two commands of the README:
#   make demo   installs, builds the SQLite database through the migrations, loads the
#               demo (Đắk Nông, Ninh Thuận) and serves it on http://127.0.0.1:5000 (`make demo
#               PORT=8080` for another port), with the reminder scheduler inside the one
#               web process; mail stays in the outbox unless MAIL_SERVER is set
#   make test   installs what the tests need (Chromium included) and runs the whole
#               suite twice, side by side: on SQLite and on the local PostgreSQL
# And, for the national-scale figures (README, "Benchmarks"):
#   make bench  builds a national dataset in the local PostgreSQL and measures pages,
#               API throughput under gunicorn, the reminder sweep and the naive design
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: demo test install install-test translations bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/pybabel compile -d app/translations >/dev/null

install-test: install
	$(BIN)/pip install --quiet -e ".[test]"
	bash scripts/ensure-system-packages

# PORT goes to the loader and the server too: links made outside a request (the demo's
# mail history, the scheduler's reminders) point to http://127.0.0.1:$(PORT) unless
# BASE_URL is set; links made in a request follow the address the browser used.
demo: install
	$(BIN)/flask --app wsgi db upgrade
	PORT=$(PORT) $(BIN)/flask --app wsgi demo
	PORT=$(PORT) SCHEDULER_IN_PROCESS=1 $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

test: install-test
	bash scripts/run-tests

bench: install
	$(BIN)/python -m bench

# For developers: refresh the catalogs after changing UI strings.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching
