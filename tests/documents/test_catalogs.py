"""The pending fr and nl catalogs translate every msgid the documents use, none fuzzy."""

from __future__ import annotations

import re

import pytest

from .catalog import catalog, msgids


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_msgid_is_translated_and_none_is_fuzzy(language):
    cat = catalog(language)
    translated = {msg.id: msg for msg in cat if msg.id}
    assert msgids() - translated.keys() == set()
    assert translated.keys() - msgids() == set()  # nothing stale for the lead to merge
    for msg in translated.values():
        assert msg.string and not msg.fuzzy, msg.id
        assert re.findall(r"%\(\w+\)s", msg.id) == re.findall(r"%\(\w+\)s", msg.string), msg.id
    assert not cat.fuzzy


def test_the_extraction_finds_templates_and_python_labels():
    ids = msgids()
    assert {"Essential specific characteristics", "Signs of wear", "Odometer (km)", "Maintenance"} <= ids
