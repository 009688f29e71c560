"""Each document in French, Dutch and English, as HTML and as PDF: the fields a garage hands over."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest

from workshop_tui.documents.models import CorrectionForm, Receipt
from workshop_tui.documents.render import render_pdf
from workshop_tui.translations.formats import formats as app_formats

from .conftest import VIN, checklist, contract, correction, flat, history, pdf_pages, receipt, render, speaking

TITLES = {
    "receipt": {
        "fr": "Reçu du relevé kilométrique",
        "nl": "Ontvangstbewijs van de kilometerstand",
        "en": "Odometer reading receipt",
    },
    "correction": {
        "fr": "Formulaire de correction Car-Pass",
        "nl": "Correctieformulier Car-Pass",
        "en": "Car-Pass correction form",
    },
    "history": {"fr": "Historique du véhicule", "nl": "Historiek van het voertuig", "en": "Vehicle history report"},
    "contract": {
        "fr": "Contrat de vente d'un véhicule",
        "nl": "Verkoopovereenkomst van een voertuig",
        "en": "Contract of sale of a vehicle",
    },
    "checklist": {
        "fr": "Liste de contrôle du véhicule d'occasion",
        "nl": "Checklist tweedehandsvoertuig",
        "en": "Used-vehicle checklist",
    },
}
DOCUMENTS = {
    "receipt": receipt,
    "correction": correction,
    "history": history,
    "contract": contract,
    "checklist": checklist,
}
SIGNATURE = {"fr": "Date et signature", "nl": "Datum en handtekening", "en": "Date and signature"}


def barcode_svg(html) -> str:
    (src,) = [attrs["src"] for tag, attrs in html.attrs if tag == "img"][:1]
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    return base64.b64decode(src[len(prefix) :]).decode()


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_document_names_the_garage_vehicle_and_reading_in_the_language(kind, language):
    html, pdf = render(DOCUMENTS[kind](), language)
    formats = app_formats(language)
    expected = [
        TITLES[kind][language],
        "Garage Dupont",
        "Rue de la Loi 16, 1000 Bruxelles",
        "0403.170.701",
        "1-ABC-123",
        VIN,
        formats.km(123456),
        formats.date(receipt().reading.on),
    ]
    for text in expected:
        assert text in html.text, text
        assert flat(text) in pdf, text
    assert ("html", {"lang": language}) in html.attrs
    assert "SANDBOX" not in html.text
    svg = barcode_svg(html)
    assert svg.lstrip().startswith("<?xml") and f">{VIN}</text>" in svg  # Code 39 label of scanners.labels


@pytest.mark.parametrize("kind", ["receipt", "correction"])
def test_receipt_and_correction_say_work_amount_customer_and_carpass_number(kind, language):
    doc = DOCUMENTS[kind]()
    assert isinstance(doc, Receipt | CorrectionForm)
    html, pdf = render(doc, language)
    work = {"fr": "Entretien, Pneus", "nl": "Onderhoud, Banden", "en": "Maintenance, Tyres"}[language]
    number = doc.submission.ack_number or doc.submission.error_number
    for text in (
        "Marie Lambert",
        work,
        "Oil and filter changed",
        app_formats(language).amount(Decimal("1234.50")),
        number,
    ):
        assert text in html.text, text
        assert flat(text) in pdf, text


def test_receipt_states_the_carpass_acknowledgement_in_words(language):
    html, _ = render(receipt(), language)
    label = {"fr": "Numéro d'accusé de réception Car-Pass", "nl": "Ontvangstbevestigingsnummer Car-Pass"}
    assert f"{label.get(language, 'Car-Pass acknowledgement number')} ACK-778899" in html.text


def test_the_correction_form_has_a_signature_line_and_the_error_number(language):
    html, pdf = render(correction(), language)
    assert SIGNATURE[language] in html.text and SIGNATURE[language] in pdf
    assert "ERR-4455" in pdf and "2.123.456.789" in pdf and "km too low" in pdf
    _, receipt_pdf = render(receipt(), language)
    assert SIGNATURE[language] not in receipt_pdf


def test_history_lists_every_reading_with_its_number_and_state(language):
    html, pdf = render(history(), language)
    formats = app_formats(language)
    refused = {"fr": "Refusé par Car-Pass", "nl": "Geweigerd door Car-Pass", "en": "Refused by Car-Pass"}[language]
    for text in (formats.km(98000), "ERR-1122", "ACK-778899", refused, formats.amount(Decimal("89.00"))):
        assert text in html.text and flat(text) in pdf, text


def test_sandbox_documents_are_marked(language):
    doc = receipt(garage=receipt().garage.model_copy(update={"sandbox": True}))
    html, pdf = render(doc, language)
    assert "SANDBOX" in html.text and "SANDBOX" in pdf
    assert "Garage Dupont (SANDBOX)" in html.text


def test_long_job_lines_wrap_in_the_pdf():
    words = " ".join(f"word{i}" for i in range(80))
    doc = receipt(job_lines=[words, "Q" * 250])
    lines = "\n".join(pdf_pages(render_pdf(doc, **speaking("en")))).splitlines()
    assert max(len(line) for line in lines) < 120  # nothing runs off the page
    assert sum("word" in line for line in lines) >= 4  # the long line took several lines
    assert all(f"word{i}" in flat(" ".join(lines)) for i in range(80))
    assert sum(line.count("Q") for line in lines) == 250  # the unbroken one is cut, not lost
    assert sum("Q" in line for line in lines) >= 2


def test_long_job_lines_may_break_anywhere_in_html():
    html, _ = render(receipt(job_lines=["Q" * 250]), "en")
    assert "overflow-wrap: anywhere" in html.source and "Q" * 250 in html.text


def test_a_vin_that_cannot_be_a_barcode_still_prints_as_text(language):
    doc = receipt(vehicle=receipt().vehicle.model_copy(update={"vin": "ABC123"}))
    html, pdf = render(doc, language)
    assert "img" not in html.tags
    assert "ABC123" in html.text and "ABC123" in pdf
