"""Jobs being typed, saved under a key so that a crash or a restart loses nothing."""

from __future__ import annotations

from ..domain.models import JobDraft
from . import models as tables
from . import values
from .errors import InvalidValue
from .session import Session

D = tables.Draft


class Drafts:
    def __init__(self, session: Session):
        self._session = session

    def save(self, key: str, draft: JobDraft) -> None:
        """Save the job being typed under `key`, replacing the previous version."""
        if not 0 < len(key) <= D.key.max_length:
            raise InvalidValue(f"a draft key has 1 to {D.key.max_length} characters", "key")
        with self._session.transaction():
            D.insert(key=key, body=draft.model_dump_json(), updated_at=values.utcnow()).on_conflict(
                conflict_target=[D.key], preserve=[D.body, D.updated_at]
            ).execute()

    def load(self, key: str) -> JobDraft | None:
        with self._session.connection():
            body = D.select(D.body).where(D.key == key).scalar()
        return None if body is None else JobDraft.model_validate_json(body)

    def recent(self, limit: int = 50) -> list[JobDraft]:
        """The jobs being typed, the most recently changed first."""
        with self._session.connection():
            bodies = [row.body for row in D.select(D.body).order_by(D.updated_at.desc()).limit(limit)]
        return [JobDraft.model_validate_json(body) for body in bodies]

    def drop(self, key: str) -> None:
        with self._session.transaction():
            D.delete().where(D.key == key).execute()
