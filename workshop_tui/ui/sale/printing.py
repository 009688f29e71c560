"""A sale as its two printed documents: the contract and the checklist, PDF and HTML, one language.

`render_sale` maps the typed `Sale` into the documents' models and renders them (blocking: from
a worker); `write_version` saves a recorded version's files under the sale's folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...documents import models as doc
from ...domain.checklist import Checklist
from ...domain.sale import Buyer, DocumentStatus, Sale
from ...paperwork import rendered
from ...services.sale_api import DocumentKind, PrintedVersion, RenderedDocument
from ...translations import N_, translations
from ...translations.formats import formats

_HANDED_OVER = {  # the documents the app cannot produce, by the English name the templates translate
    "registration_request_form": N_("Registration request form"),
    "certificate_of_conformity": N_("Certificate of conformity"),
}


def _person(buyer: Buyer) -> doc.Person:
    return doc.Person(
        first_name=buyer.first_name or "",
        name=buyer.last_name or buyer.company_name or "",
        company=buyer.company_name or "",
        vat_number=buyer.vat_number or "",
        address=buyer.address or "",
        phone=buyer.phone or "",
        email=buyer.email or "",
    )


def _vehicle(sale: Sale, signed_on: date) -> doc.SaleVehicle:
    v = sale.vehicle
    return doc.SaleVehicle(
        vin=v.vin or "",
        make=v.make or "",
        model=v.model or "",
        type=v.type or "",
        engine=v.engine or "",
        colour=v.colour or "",
        colour_code=v.colour_code or "",
        first_entry_into_service=v.first_entry_into_service,
        displayed_km=v.displayed_km or 0,
        displayed_km_on=signed_on,
        options=sale.options,
        accessories=sale.accessories,
    )


def _delivery(sale: Sale, language: str) -> str:
    t, _ = formats(language), translations(language).gettext
    if sale.delivery_on is not None:
        return _("On {date}").format(date=t.date(sale.delivery_on))
    if sale.delivery_by is not None:
        return _("At the latest on {date}").format(date=t.date(sale.delivery_by))
    return ""


def contract(sale: Sale, garage: doc.Garage, language: str) -> doc.SaleContract:
    signed_on = sale.sale_date or date.today()
    warranty = sale.commercial_warranty
    _ = translations(language).gettext
    return doc.SaleContract(
        garage=garage,
        buyer=_person(sale.buyer),
        vehicle=_vehicle(sale, signed_on),
        essential_characteristics=sale.essential_characteristics,
        trade_in=doc.TradeIn(**sale.trade_in.model_dump()) if sale.trade_in else None,
        delivery=_delivery(sale, language),
        total_price_incl_vat=sale.price_incl_vat or 0,
        legal_warranty_months=sale.legal_warranty_months,
        commercial_warranty=doc.CommercialWarranty(
            scope=warranty.scope or "",
            duration=_("{months} months").format(months=warranty.duration_months or 0),
            conditions=warranty.conditions or "",
            provider=warranty.giver or "",
            contact=warranty.contact or "",
        )
        if warranty
        else None,
        off_premises_or_distance=sale.off_premises,
        carpass=doc.CarPass(id=sale.carpass.id, issued=sale.carpass.issued)
        if sale.carpass and sale.carpass.id and sale.carpass.issued
        else None,
        handed_over=[
            doc.HandedOver(
                name=_(name),
                handed_over=status is DocumentStatus.HANDED_OVER,
                note=""
                if status is DocumentStatus.HANDED_OVER
                else _("Not required: imported after registration in another EU state"),
            )
            for key, name in _HANDED_OVER.items()
            if (status := getattr(sale.documents, key)) is not None
        ],
        place=sale.signature_place or "",
        signed_on=signed_on,
    )


def checklist(sale: Sale, garage: doc.Garage, points: Checklist, language: str) -> doc.Checklist:
    signed_on = sale.sale_date or date.today()
    groups = [
        doc.ChecklistGroup(
            title=group.label(language),
            points=[
                doc.ChecklistPoint(
                    label=point.label(language),
                    state=tick.state.value if (tick := sale.checklist.get(point.id)) and tick.state else None,
                    remark=tick.remark if tick else "",
                )
                for point in group.points
            ],
        )
        for group in points.groups
    ]
    return doc.Checklist(
        garage=garage,
        buyer=_person(sale.buyer),
        vehicle=_vehicle(sale, signed_on),
        source=points.source or "-",
        official=not points.provisional,
        groups=groups,
        place=sale.signature_place or "",
        signed_on=signed_on,
    )


def _rendered(kind: DocumentKind, document: doc.Document, language: str) -> RenderedDocument:
    return RenderedDocument(kind, language, rendered(document, language, "pdf"), rendered(document, language, "html"))


def render_sale(sale: Sale, garage: doc.Garage, points: Checklist | None, language: str) -> list[RenderedDocument]:
    """The contract, and the checklist when there is a list of points, in `language` (blocking)."""
    rendered = [_rendered(DocumentKind.CONTRACT, contract(sale, garage, language), language)]
    if points is not None:
        rendered.append(_rendered(DocumentKind.CHECKLIST, checklist(sale, garage, points, language), language))
    return rendered


def write_version(folder: Path, version: PrintedVersion) -> list[Path]:
    """Write a recorded version's files, `sale-<id>/v<version>-<kind>-<language>.pdf|.html`; never overwrites."""
    target = folder / f"sale-{version.sale_id}"
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    paths = []
    for document in version.documents:
        for suffix, data in (("pdf", document.pdf), ("html", document.html)):
            path = target / f"v{version.version}-{document.kind.value}-{document.language}.{suffix}"
            with path.open("xb") as out:
                out.write(data)
            paths.append(path)
    return paths
