"""Small builders for storage tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from workshop_tui.domain.models import JobDraft, Reason, Verdict
from workshop_tui.domain.work import WorkKind
from workshop_tui.storage import Store
from workshop_tui.storage import models as tables

VIN = "WVWZZZ1JZ3W386752"
OTHER_VIN = "VF1RFB00X56123456"
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def draft(**changes) -> JobDraft:
    fields = {
        "vin": VIN,
        "odometer_km": 123_456,
        "work": [WorkKind.MAINTENANCE],
        "job_lines": ["Oil and filter"],
        "total_incl_vat": Decimal("249.90"),
        "reading_at": NOON,
        "job_reference": "WO-1",
    }
    return JobDraft(**{**fields, **changes})


def verdict(must_report: bool = True) -> Verdict:
    reason = Reason(code="MAINTENANCE", reference="Law of 11 June 2004, art. 3")
    return Verdict(must_report=must_report, reporter="workshop" if must_report else None, reasons=[reason])


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    terminal: str
    actor: str | None
    action: str
    details: dict[str, Any]


def audit_entries(store: Store, limit: int = 100) -> list[AuditEntry]:
    """The latest audit entries, newest first (read straight from the table: the package has no reader)."""
    A = tables.AuditLog
    with store.connection_context():
        rows = list(A.select().order_by(A.id.desc()).limit(limit))
    return [AuditEntry(row.id, row.at, row.terminal, row.actor, row.action, row.details) for row in rows]
