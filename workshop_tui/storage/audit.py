"""The audit log: entries are only ever added (the database refuses UPDATE and DELETE)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .session import Session


class AuditLog:
    def __init__(self, session: Session):
        self._session = session

    def append(self, action: str, details: Mapping[str, Any], actor: str | None = None) -> None:
        """Add an entry in its own transaction (e.g. a confirmed warning before sending)."""
        with self._session.transaction():
            self._session.audit(action, details, actor=actor)
