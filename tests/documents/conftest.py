"""Sample documents, the three languages, and helpers to read what a rendered document says."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from workshop_tui.documents import models as m
from workshop_tui.documents.render import render_html, render_pdf
from workshop_tui.domain.models import SubmissionState
from workshop_tui.translations import translations
from workshop_tui.translations.formats import formats as app_formats

LANGUAGES = ("fr", "nl", "en")
VIN = "WVWZZZ1JZXW000001"
GARAGE = m.Garage(
    name="Garage Dupont",
    address="Rue de la Loi 16, 1000 Bruxelles",
    enterprise_number="0403.170.701",
    establishment_number="2.123.456.789",
    phone="+32 2 123 45 67",
    email="info@dupont.example",
)
VEHICLE = m.Vehicle(vin=VIN, plate="1-ABC-123", make="Volkswagen", model="Golf")
READING = m.Reading(km=123456, on=date(2026, 11, 27))


def receipt(**changes) -> m.Receipt:
    fields = {
        "garage": GARAGE,
        "customer": "Marie Lambert",
        "vehicle": VEHICLE,
        "reading": READING,
        "work": ["maintenance", "tyres"],
        "job_lines": ["Oil and filter changed", "Two front tyres"],
        "total_incl_vat": Decimal("1234.50"),
        "submission": m.Submission(state=SubmissionState.ACKNOWLEDGED, ack_number="ACK-778899"),
    }
    return m.Receipt(**(fields | changes))


def correction(**changes) -> m.CorrectionForm:
    fields = receipt().model_dump(exclude={"submission"}) | {
        "submission": m.Submission(
            state=SubmissionState.PAPER_REQUIRED, error_number="ERR-4455", request_id="req-1", issues=["km too low"]
        )
    }
    return m.CorrectionForm(**(fields | changes))


def history(**changes) -> m.HistoryReport:
    entries = [
        m.HistoryEntry(
            vehicle=VEHICLE,
            customer="Marie Lambert",
            reading=m.Reading(km=98000, on=date(2025, 10, 2)),
            work=["inspection"],
            total_incl_vat=Decimal("89.00"),
            submission=m.Submission(state=SubmissionState.REJECTED, error_number="ERR-1122"),
        ),
        m.HistoryEntry(
            vehicle=VEHICLE,
            customer="Marie Lambert",
            reading=READING,
            work=["maintenance"],
            total_incl_vat=Decimal("1234.50"),
            submission=m.Submission(state=SubmissionState.ACKNOWLEDGED, ack_number="ACK-778899"),
        ),
    ]
    fields = {
        "garage": GARAGE,
        "customer": "Marie Lambert",
        "vehicle": VEHICLE,
        "entries": entries,
        "printed_on": date(2026, 12, 1),
    }
    return m.HistoryReport(**(fields | changes))


BUYER = m.Person(first_name="Marie", name="Lambert", address="Kerkstraat 1, 9000 Gent", phone="0470 12 34 56")
SALE_VEHICLE = m.SaleVehicle(
    vin=VIN,
    plate="1-ABC-123",
    make="Volkswagen",
    model="Golf",
    type="1J",
    engine="1.6 TDI 77 kW",
    colour="Grey",
    colour_code="LA7W",
    first_entry_into_service=date(2019, 3, 15),
    displayed_km=123456,
    displayed_km_on=date(2026, 11, 27),
    options=["Tow bar"],
    accessories=["Winter tyres"],
)


def contract(**changes) -> m.SaleContract:
    fields = {
        "garage": GARAGE,
        "vehicle": SALE_VEHICLE,
        "buyer": BUYER,
        "essential_characteristics": ["Tow bar rated for 1,500 kg"],
        "trade_in": m.TradeIn(
            make="Renault", model="Clio", vin="VF1RJA00012345678", first_entry_into_service=date(2012, 5, 1)
        ),
        "trade_in_value": Decimal("2500.00"),
        "delivery": "Within 10 working days",
        "total_price_incl_vat": Decimal("14990.00"),
        "legal_warranty_months": 12,
        "commercial_warranty": m.CommercialWarranty(
            scope="Engine and gearbox", duration="6 months", provider="Garage Dupont"
        ),
        "off_premises_or_distance": False,
        "carpass": m.CarPass(id="CP-2026-000123", issued=date(2026, 11, 2)),
        "handed_over": [m.HandedOver(name="Registration certificate", handed_over=True)],
        "place": "Bruxelles",
        "signed_on": date(2026, 12, 1),
    }
    return m.SaleContract(**(fields | changes))


def checklist(**changes) -> m.Checklist:
    fields = {
        "garage": GARAGE,
        "vehicle": SALE_VEHICLE,
        "buyer": BUYER,
        "source": "Provisional list v0 from the dealer tool (seed 001)",
        "groups": [
            m.ChecklistGroup(
                title="Brakes",
                points=[
                    m.ChecklistPoint(label="Front brake discs", state="wear", remark="About 60 % left"),
                    m.ChecklistPoint(label="Handbrake", state="ok"),
                ],
            ),
            m.ChecklistGroup(
                title="Body", points=[m.ChecklistPoint(label="Rear bumper", state="repair", remark="Crack")]
            ),
        ],
        "place": "Bruxelles",
        "signed_on": date(2026, 12, 1),
    }
    return m.Checklist(**(fields | changes))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


class Html:
    """A rendered HTML page: its tags, attributes and visible text (spaces collapsed)."""

    def __init__(self, source: str):
        self.source = source
        reader = _Reader()
        reader.feed(source)
        self.tags = reader.tags
        self.attrs = reader.attrs
        self.text = re.sub(r"[ \t\r\n]+", " ", " ".join(reader.chunks))


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text with line breaks, justified spacing and no-break spaces collapsed (as PDF extraction gives them)."""
    return re.sub(r"[ \t\r\n\xa0]+", " ", text)


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


def speaking(language: str) -> dict:
    """The keyword arguments of the renderers for `language`."""
    return {"language": language, "translations": translations(language), "formats": app_formats(language)}


def render(doc, language: str) -> tuple[Html, str]:
    """The document in `language` as parsed HTML and as the flattened text of its PDF."""
    return Html(render_html(doc, **speaking(language))), flat(
        " ".join(pdf_pages(render_pdf(doc, **speaking(language))))
    )
