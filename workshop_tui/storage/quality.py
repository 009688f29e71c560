"""The counts behind the site's data quality: readings recorded, and those refused or corrected.

Read from the submissions and the audit log (which keeps every rejection, refusal, correction
and fix even after the reading went through), so a reading fixed and then acknowledged still
counts as a discrepancy.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta

from ..domain.data_quality import WINDOW_DAYS, DataQuality
from . import models as tables
from . import values
from .database import tuples
from .session import Session

S, A = tables.Submission, tables.AuditLog
REFUSED_ACTIONS = ("submission.rejected", "submission.paper_required", "submission.needs_fixing")
CORRECTED_ACTIONS = ("submission.corrected", "submission.fixed")
CORRECTED = "CORRECTED"
_ISSUE_NUMBER = re.compile(r"\s*(\d+)\s*:")


def _causes(action: str, details: dict) -> set[str]:
    if action in CORRECTED_ACTIONS:
        return set()
    if details.get("problem_code"):
        return {str(details["problem_code"])}
    numbers = {m.group(1) for issue in details.get("issues") or [] if (m := _ISSUE_NUMBER.match(str(issue)))}
    return {f"CARPASS_ISSUE_{n}" for n in numbers} or {"CARPASS_REJECTED"}


class Quality:
    def __init__(self, session: Session):
        self._session = session

    def data_quality(self, now: datetime | None = None) -> DataQuality:
        """The readings recorded in the 12 months up to `now`, and those of them refused or corrected, by cause."""
        since = values.instant(now, "now") - timedelta(days=WINDOW_DAYS)
        entries = A.select(A.action, A.details).where(A.at >= since, A.action.in_(REFUSED_ACTIONS + CORRECTED_ACTIONS))
        causes: dict[int, set[str]] = {}
        with self._session.connection():
            readings = S.select().where(S.created_at >= since).count()
            for action, details in tuples(entries):
                submission_id = details.get("submission_id")
                if isinstance(submission_id, int):
                    causes.setdefault(submission_id, set()).update(_causes(action, details))
            recent = {i for (i,) in tuples(S.select(S.id).where(S.id.in_(list(causes)), S.created_at >= since))}
        causes = {i: found for i, found in causes.items() if i in recent}
        by_cause = Counter(cause for found in causes.values() for cause in (found or {CORRECTED}))
        return DataQuality(since=since, readings=readings, discrepancies=len(causes), by_cause=dict(by_cause))
