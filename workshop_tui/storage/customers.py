"""Customers: added once, found by name (ignoring case and accents) or VAT number."""

from __future__ import annotations

from ..domain import models as domain
from ..domain.identifiers import compact, compact_customer_vat, eu_vat_prefixes, vat_country
from . import models as tables
from . import records, values
from .session import Session

C = tables.Customer


class Customers:
    def __init__(self, session: Session):
        self._session = session

    def add(self, customer: domain.Customer) -> domain.Customer:
        """Check and add a customer (a professional needs a valid Belgian VAT number); returns it with its id."""
        customer = values.customer(customer)
        with self._session.transaction():
            customer_id = C.insert(
                name=customer.name,
                search_key=values.fold(customer.name),
                kind=customer.kind.value,
                vat_number=customer.vat_number,
                created_at=values.utcnow(),
            ).execute()
            self._session.audit("customer.added", {"customer_id": customer_id, **customer.model_dump(exclude={"id"})})
        return customer.model_copy(update={"id": customer_id})

    def find(self, query: str, limit: int = 20) -> list[domain.Customer]:
        """Customers whose name contains `query` (ignoring case and accents) or whose VAT number contains its digits.

        SearchRefused for a query too long or holding control characters."""
        select = C.select().order_by(C.search_key, C.id).limit(limit)
        text = values.search_text(query)
        if text:
            condition = C.search_key.contains(values.fold(text))
            digits = compact(text)
            if len(digits) >= 3:
                condition |= C.vat_number.contains(digits)
            if vat_country(text) in eu_vat_prefixes():  # another member state's number, prefix included
                condition |= C.vat_number.contains(compact_customer_vat(text))
            select = select.where(condition)
        with self._session.connection():
            return [records.customer(row) for row in select]
