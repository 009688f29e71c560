"""Names and numbers from people and services are text: escaped, stripped of control characters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workshop_tui.documents import models as m
from workshop_tui.documents.text import clean
from workshop_tui.domain.models import SubmissionState

from .conftest import GARAGE, checklist, contract, receipt, render

HOSTILE = [
    "<script>alert(1)</script>",
    "Jan [/] Peeters",
    '=HYPERLINK("http://evil.example","x")',
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }} {% trans %}",
]
DIRTY = "Jan\x00 Pee\x1b[31mters\u202e\x07"


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_printed_literally_never_as_markup(name, language):
    doc = receipt(
        customer=name,
        garage=GARAGE.model_copy(update={"name": name}),
        job_lines=[name],
        submission=m.Submission(state=SubmissionState.REJECTED, error_number=name),
    )
    html, pdf = render(doc, language)
    assert html.text.count(name) >= 4  # garage, customer, job line, error number, all verbatim
    assert name in pdf
    assert "script" not in html.tags and html.tags.count("img") == 1  # only the barcode
    assert "49" not in html.text  # no template expression was evaluated


def test_hostile_text_in_the_sale_documents_is_escaped():
    buyer = m.Person(first_name="<b>", name="<script>x</script>", address="=1+1")
    html, _ = render(
        contract(buyer=buyer, essential_characteristics=["<i>fast</i>"], delivery="</table>", place="<b>x"), "en"
    )
    assert "script" not in html.tags and "i" not in html.tags
    assert (
        "<script>x</script>" in html.text
        and "<i>fast</i>" in html.text
        and "</table>" in html.text
        and "Signed at <b>x on" in html.text
    )
    html, _ = render(checklist(source="<h1>not official</h1>"), "en")
    assert "<h1>not official</h1>" in html.text and html.tags.count("h1") == 2  # one title per copy


def test_control_characters_never_reach_a_document(language):
    doc = receipt(
        customer=DIRTY, job_lines=[DIRTY], vehicle=receipt().vehicle.model_copy(update={"plate": "1-AB\rC-123"})
    )
    html, pdf = render(doc, language)
    for text in (html.source, pdf):
        assert not any(ord(ch) < 32 and ch not in "\n" for ch in text)
        assert "\u202e" not in text
    assert "Jan Pee[31mters" in html.text and "1-AB C-123" in html.text


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [("a\x00b", "ab"), ("a\tb\r\nc", "a b  c"), ("\u202eevil", "evil"), ("a\u2028b", "a b"), ("ok é €", "ok é €")],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_documents_import_only_the_domain_never_ui_services_or_storage():
    package = Path(m.__file__).parent
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = "." * node.level + node.module
                assert not any(layer in module.split(".") for layer in ("ui", "services", "storage")), (path, module)
