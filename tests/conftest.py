"""Shared fixtures."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from urllib.parse import quote
from uuid import uuid4

import psycopg2
import pytest
from hypothesis import HealthCheck, settings

from workshop_tui.storage import Store

# Hypothesis judges "too slow" by wall-clock time, which a loaded CI machine (or the suite's own
# parallel terminals) stretches; the examples are small, so only that check is relaxed.
settings.register_profile("workshop", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("workshop")

# Database fixtures ---------------------------------------------------------------------
# `store_url` runs a test once on SQLite (a file in tmp_path) and once on PostgreSQL (a
# fresh schema on the server named by WORKSHOP_TEST_PG_URL); `store` is a Store open on it.
# Without WORKSHOP_TEST_PG_URL the PostgreSQL cases are skipped, unless
# WORKSHOP_TEST_REQUIRE_PG=1 (CI): then, as when the server is unreachable, they fail.

PG_URL_VARIABLE = "WORKSHOP_TEST_PG_URL"
REQUIRE_PG_VARIABLE = "WORKSHOP_TEST_REQUIRE_PG"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[psycopg2.extensions.connection]:
    """An autocommit admin connection to the test server (skip or fail as explained above)."""
    url = os.environ.get(PG_URL_VARIABLE, "")
    if not url:
        if os.environ.get(REQUIRE_PG_VARIABLE) == "1":
            pytest.fail(f"{REQUIRE_PG_VARIABLE}=1 but {PG_URL_VARIABLE} is not set")
        pytest.skip(f"{PG_URL_VARIABLE} is not set: PostgreSQL cases skipped")
    try:
        admin = psycopg2.connect(url, connect_timeout=5)
    except psycopg2.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {PG_URL_VARIABLE}={url} is unreachable: {exc}")
    admin.autocommit = True
    yield admin
    admin.close()


_schema_numbers = itertools.count()
_RUN = f"wt_{os.getpid()}_{uuid4().hex[:6]}"  # parallel runs never share a schema


@pytest.fixture
def postgres_url(postgres_admin) -> Iterator[str]:
    """The test server's URL with its search_path on a new, empty schema, dropped afterwards."""
    schema = f"{_RUN}_{next(_schema_numbers)}"
    with postgres_admin.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    base = os.environ[PG_URL_VARIABLE]
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    with postgres_admin.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshop.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    with Store.open(store_url, terminal="test-terminal") as opened:
        yield opened


@pytest.fixture(autouse=True)
def english_environment(monkeypatch) -> None:
    """The machine's locale never picks the language of a message (the CLI reads LC_ALL,
    LC_MESSAGES, LANG): a test that wants another language says so."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
