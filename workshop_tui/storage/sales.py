"""Sales at the sale desk and the stock of cars for sale.

A sale is saved whole (the `Sale` as JSON, with its VIN, buyer name, state and version as
columns for lists) every time it is typed, so a crash loses nothing. Its states:

- `draft`: being typed; `version` is the number its next print will get (1 at first);
- `printed`: `version` was printed and nothing changed since.

Printing stores the sale as it stands and its rendered documents as version `version`; that
version can never be updated or deleted (no method here does; the database refuses too). A
save that changes a printed sale makes it a draft of the next version: the printed one stays.
The audit log gets each print and each save that reopens a printed sale. A print of a sale
whose VIN is in stock marks that car sold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from peewee import AutoField, BlobField, BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from ..domain.sale import CarPass, Sale
from ..domain.stock import StockCar
from ..domain.vin import normalise
from . import values
from .errors import InvalidValue, NotFound, StateConflict
from .fields import UtcDateTimeField
from .models import Base
from .session import Session

LANGUAGES = ("fr", "nl", "en")


class SaleState(StrEnum):
    DRAFT = "draft"
    PRINTED = "printed"


class DocumentKind(StrEnum):
    CONTRACT = "contract"
    CHECKLIST = "checklist"


class SaleConflict(StateConflict):
    """The sale is not in a state that allows this step; `code` says which.

    Codes: SALE_ALREADY_PRINTED (nothing changed since the last print), SALE_CHANGED (the
    sale stored is not the one checked and rendered, or another terminal moved it on).
    """

    def __init__(self, code: str, sale_id: int):
        super().__init__(f"{code} (sale {sale_id})")
        self.code = code
        self.sale_id = sale_id


@dataclass(frozen=True)
class RenderedDocument:
    """One document as printed: the same text as PDF and HTML, in `language` (fr, nl or en)."""

    kind: DocumentKind
    language: str
    pdf: bytes
    html: bytes


@dataclass(frozen=True)
class SaleRecord:
    id: int
    sale: Sale
    state: SaleState
    version: int  # draft: the number its next print gets; printed: the one printed
    created_at: datetime
    updated_at: datetime

    @property
    def printed_versions(self) -> int:
        return self.version if self.state is SaleState.PRINTED else self.version - 1


@dataclass(frozen=True)
class SaleSummary:
    """A row of the sales history."""

    id: int
    vin: str | None
    buyer_name: str
    state: SaleState
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class PrintedVersion:
    sale_id: int
    version: int
    sale: Sale  # as printed
    printed_at: datetime
    terminal: str
    documents: tuple[RenderedDocument, ...]


class SaleRow(Base):
    id = AutoField()
    vin = TextField(null=True)
    buyer_name = TextField(default="")
    state = CharField(max_length=8)
    version = IntegerField()
    body = TextField()  # Sale as JSON
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "sale"


class SaleVersionRow(Base):
    """Immutable: inserted once at print, never updated or deleted."""

    id = AutoField()
    sale = ForeignKeyField(SaleRow, backref="versions")
    sale_id: int  # peewee's accessor for the column (for the type checker)
    version = IntegerField()
    body = TextField()
    printed_at = UtcDateTimeField()
    terminal = TextField()

    class Meta:
        table_name = "sale_version"


class SaleDocumentRow(Base):
    """Immutable, as its version."""

    id = AutoField()
    version = ForeignKeyField(SaleVersionRow, backref="documents")
    kind = CharField(max_length=16)
    language = CharField(max_length=2)
    pdf = BlobField()
    html = BlobField()

    class Meta:
        table_name = "sale_document"


class StockCarRow(Base):
    id = AutoField()
    vin = CharField(max_length=17, unique=True)
    carpass_id = TextField(null=True)
    carpass_issued = DateField(null=True)
    carpass_last_km = IntegerField(null=True)
    added_at = UtcDateTimeField()
    sold = BooleanField(default=False)
    sale = ForeignKeyField(SaleRow, null=True)

    class Meta:
        table_name = "stock_car"


MODELS = (SaleRow, SaleVersionRow, SaleDocumentRow, StockCarRow)
S, V, D, K = SaleRow, SaleVersionRow, SaleDocumentRow, StockCarRow


class Sales:
    def __init__(self, session: Session):
        self._session = session

    def create(self, sale: Sale) -> SaleRecord:
        """Store a new sale as a draft of version 1."""
        now = values.utcnow()
        with self._session.transaction():
            sale_id = S.insert(
                **_key_columns(sale), state=SaleState.DRAFT.value, version=1, created_at=now, updated_at=now
            ).execute()
            return _record(S.get_by_id(sale_id))

    def save(self, sale_id: int, sale: Sale) -> SaleRecord:
        """Replace the sale as typed. A change to a printed sale opens its next version (audited);
        saving a printed sale unchanged changes nothing."""
        with self._session.transaction():
            row = _row(sale_id)
            now = values.utcnow()
            if row.state == SaleState.DRAFT:
                _update(row, {**_key_columns(sale), "updated_at": now})
                return _record(S.get_by_id(sale_id))
            printed = Sale.model_validate_json(row.body)
            if printed == sale:
                return _record(row)
            version = row.version + 1
            _update(row, {**_key_columns(sale), "state": SaleState.DRAFT.value, "version": version, "updated_at": now})
            details = {"sale_id": sale_id, "printed_version": row.version, "version": version}
            self._session.audit("sale.changed_after_print", {**details, "changed": _changed(printed, sale)})
            return _record(S.get_by_id(sale_id))

    def get(self, sale_id: int) -> SaleRecord:
        with self._session.connection():
            return _record(_row(sale_id))

    def draft_for(self, vin: str) -> SaleRecord | None:
        """The most recently saved draft for this VIN, if any."""
        query = S.select().where(S.vin == normalise(vin), S.state == SaleState.DRAFT.value)
        with self._session.connection():
            row = query.order_by(S.updated_at.desc(), S.id.desc()).first()
        return None if row is None else _record(row)

    def history(self, query: str = "", limit: int = 100) -> list[SaleSummary]:
        """Sales newest first; `query` matches the VIN or the buyer's name (ignoring case)."""
        select = S.select(S.id, S.vin, S.buyer_name, S.state, S.version, S.updated_at)
        text = query.strip()
        if text:
            select = select.where(S.vin.contains(normalise(text)) | S.buyer_name.contains(text))
        with self._session.connection():
            rows = list(select.order_by(S.updated_at.desc(), S.id.desc()).limit(limit))
        return [SaleSummary(r.id, r.vin, r.buyer_name, SaleState(r.state), r.version, r.updated_at) for r in rows]

    def record_print(self, sale_id: int, sale: Sale, documents: Sequence[RenderedDocument]) -> PrintedVersion:
        """Store `documents` as the printed version of `sale`, which must be the sale as stored.

        Raises SaleConflict: SALE_CHANGED when the stored sale differs from `sale` (it changed
        after being checked and rendered), SALE_ALREADY_PRINTED when nothing changed since the
        last print. InvalidValue (field "documents") when there is none (PRINT_WITHOUT_DOCUMENTS), one kind
        twice in a language (PRINT_DOCUMENT_TWICE), or one without a PDF, an HTML or a language among
        fr, nl, en (PRINT_DOCUMENT_INCOMPLETE).
        """
        _check_documents(documents)
        with self._session.transaction():
            row = _row(sale_id)
            if row.state == SaleState.PRINTED:
                raise SaleConflict("SALE_ALREADY_PRINTED", sale_id)
            if Sale.model_validate_json(row.body) != sale:
                raise SaleConflict("SALE_CHANGED", sale_id)
            now = values.utcnow()
            _update(row, {"state": SaleState.PRINTED.value, "updated_at": now})
            version_id = V.insert(
                sale=sale_id, version=row.version, body=row.body, printed_at=now, terminal=self._session.terminal
            ).execute()
            D.insert_many(
                [
                    {"version": version_id, "kind": d.kind.value, "language": d.language, "pdf": d.pdf, "html": d.html}
                    for d in documents
                ]
            ).execute()
            sold = (
                K.update(sold=True, sale=sale_id).where(K.vin == row.vin, K.sold == False).execute() if row.vin else 0
            )
            self._session.audit(
                "sale.printed",
                {
                    "sale_id": sale_id,
                    "version": row.version,
                    "vin": row.vin,
                    "buyer_name": row.buyer_name,
                    "documents": [_fingerprint(d) for d in documents],
                    "stock_car_sold": bool(sold),
                },
            )
            return _printed(V.get_by_id(version_id))

    def printed(self, sale_id: int) -> list[PrintedVersion]:
        """Every printed version of the sale with its documents, oldest first."""
        with self._session.connection():
            _row(sale_id)
            return [_printed(v) for v in V.select().where(V.sale == sale_id).order_by(V.version)]


class Stock:
    """The cars for sale; a car stays listed (sold) once a sale of it is printed, until removed."""

    def __init__(self, session: Session):
        self._session = session

    def add(self, vin: str, carpass: CarPass | None = None) -> StockCar:
        """Put the car in stock with its Car-Pass, or replace the Car-Pass of a car already there.

        A car added again after being sold is for sale again.
        """
        vin = values.vin(vin)
        carpass = carpass or CarPass()
        fields = {
            K.carpass_id: carpass.id,
            K.carpass_issued: carpass.issued,
            K.carpass_last_km: carpass.last_km,
            K.sold: False,
            K.sale: None,
        }
        with self._session.transaction():
            K.insert({K.vin: vin, K.added_at: values.utcnow(), **fields}).on_conflict(
                conflict_target=[K.vin], update=fields
            ).execute()
            return _stock_car(K.get(K.vin == vin))

    def remove(self, vin: str) -> bool:
        """Take the car out of the stock list; False when it was not there."""
        with self._session.transaction():
            return K.delete().where(K.vin == values.vin(vin)).execute() > 0

    def get(self, vin: str) -> StockCar | None:
        with self._session.connection():
            row = K.get_or_none(K.vin == values.vin(vin))
        return None if row is None else _stock_car(row)

    def cars(self, include_sold: bool = False) -> list[StockCar]:
        query = K.select().order_by(K.added_at, K.id)
        if not include_sold:
            query = query.where(K.sold == False)
        with self._session.connection():
            return [_stock_car(row) for row in query]


def buyer_name(sale: Sale) -> str:
    """The buyer's name for lists: the company's name, else first and last name."""
    buyer = sale.buyer
    if buyer.company_name and buyer.company_name.strip():
        return buyer.company_name.strip()
    return " ".join(part.strip() for part in (buyer.first_name, buyer.last_name) if part and part.strip())


def _key_columns(sale: Sale) -> dict[str, object]:
    vin = normalise(sale.vehicle.vin) if sale.vehicle.vin else None
    return {"vin": vin or None, "buyer_name": buyer_name(sale), "body": sale.model_dump_json()}


def _row(sale_id: int) -> SaleRow:
    row = S.get_or_none(S.id == sale_id)
    if row is None:
        raise NotFound(f"SALE_NOT_FOUND (sale {sale_id})")
    return row


def _update(row: SaleRow, fields: dict[str, object]) -> None:
    """Update the sale if it is still in the state and version `row` was read in (else SALE_CHANGED)."""
    changed = S.update(**fields).where(S.id == row.id, S.state == row.state, S.version == row.version).execute()
    if changed != 1:
        raise SaleConflict("SALE_CHANGED", row.id)


def _changed(before: Sale, after: Sale) -> list[str]:
    return [name for name in Sale.model_fields if getattr(before, name) != getattr(after, name)]


def _check_documents(documents: Sequence[RenderedDocument]) -> None:
    if not documents:
        raise InvalidValue("PRINT_WITHOUT_DOCUMENTS", "documents")
    keys = [(d.kind, d.language) for d in documents]
    if len(set(keys)) != len(keys):
        raise InvalidValue("PRINT_DOCUMENT_TWICE", "documents")
    for d in documents:
        if d.language not in LANGUAGES or not d.pdf or not d.html:
            raise InvalidValue("PRINT_DOCUMENT_INCOMPLETE", "documents")


def _fingerprint(document: RenderedDocument) -> dict[str, object]:
    return {
        "kind": document.kind.value,
        "language": document.language,
        "pdf_sha256": hashlib.sha256(document.pdf).hexdigest(),
        "html_sha256": hashlib.sha256(document.html).hexdigest(),
    }


def _record(row: SaleRow) -> SaleRecord:
    return SaleRecord(
        id=row.id,
        sale=Sale.model_validate_json(row.body),
        state=SaleState(row.state),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _printed(row: SaleVersionRow) -> PrintedVersion:
    documents = tuple(
        RenderedDocument(DocumentKind(d.kind), d.language, bytes(d.pdf), bytes(d.html))
        for d in D.select().where(D.version == row.id).order_by(D.id)
    )
    return PrintedVersion(
        sale_id=row.sale_id,
        version=row.version,
        sale=Sale.model_validate_json(row.body),
        printed_at=row.printed_at,
        terminal=row.terminal,
        documents=documents,
    )


def _stock_car(row: StockCarRow) -> StockCar:
    return StockCar(
        vin=row.vin,
        carpass_id=row.carpass_id,
        carpass_issued=row.carpass_issued,
        carpass_last_km=row.carpass_last_km,
        added_at=row.added_at,
        sold=row.sold,
    )
