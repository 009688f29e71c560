"""What became of a submission, recorded one at a time or many at once (`Outbox.record`)
through the same code.

Each outcome names the states its submission may be in (`allowed`) and gives its column
changes and audit entry (`changes`, told how many corrections the submission has used).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.lifecycle import CANCELLABLE, IN_FLIGHT, SubmissionState, after_rejection
from . import values

NO_LEASE = {"claimed_by": None, "claimed_until": None}

Audit = tuple[str, dict[str, Any]] | None
Changes = tuple[dict[str, Any], Audit]


@dataclass(frozen=True)
class Sent:
    """The service accepted the request under `request_guid`; its final status is not known yet."""

    submission_id: int
    request_guid: str

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        sent = {"state": SubmissionState.SENT.value, "request_guid": self.request_guid, "last_error": None}
        return {**sent, **NO_LEASE}, (
            "submission.sent",
            {"submission_id": self.submission_id, "request_guid": self.request_guid},
        )


@dataclass(frozen=True)
class Acknowledged:
    """Car-Pass accepted the reading sent as `request_guid` under `ack_number`."""

    submission_id: int
    request_guid: str
    ack_number: str
    server_status: str

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        return (
            {
                "state": SubmissionState.ACKNOWLEDGED.value,
                "request_guid": self.request_guid,
                "ack_number": self.ack_number,
                "server_status": self.server_status,
                "last_error": None,
                **NO_LEASE,
            },
            (
                "submission.acknowledged",
                {
                    "submission_id": self.submission_id,
                    "ack_number": self.ack_number,
                    "server_status": self.server_status,
                },
            ),
        )


@dataclass(frozen=True)
class Rejected:
    """Car-Pass refused the data sent as `request_guid`; with the one correction used, paper is required."""

    submission_id: int
    request_guid: str
    error_number: str
    issues: tuple[str, ...]
    server_status: str

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        after = after_rejection(corrections_used)
        issues = list(self.issues)
        return (
            {
                "state": after.value,
                "request_guid": self.request_guid,
                "error_number": self.error_number,
                "issues": issues,
                "server_status": self.server_status,
                "last_error": None,
                **NO_LEASE,
            },
            (
                f"submission.{after.value}",
                {"submission_id": self.submission_id, "error_number": self.error_number, "issues": issues},
            ),
        )


@dataclass(frozen=True)
class Undecided:
    """Car-Pass has not decided yet: ask again at `next_attempt_at`.

    `sent_now`: this attempt sent the pending submission as `request_guid` (recorded as `Sent` too).
    """

    submission_id: int
    request_guid: str | None
    server_status: str
    next_attempt_at: datetime
    sent_now: bool

    @property
    def allowed(self) -> frozenset[SubmissionState]:
        return IN_FLIGHT if self.sent_now else frozenset({SubmissionState.SENT})

    def changes(self, corrections_used: int) -> Changes:
        next_at = values.instant(self.next_attempt_at, "next_attempt_at")
        waiting = {"server_status": self.server_status, "next_attempt_at": next_at, **NO_LEASE}
        if not self.sent_now:
            return waiting, None
        if self.request_guid is None:
            raise ValueError("an attempt that sent the submission knows its request GUID")
        sent, audit = Sent(self.submission_id, self.request_guid).changes(corrections_used)
        return {**waiting, **sent}, audit


@dataclass(frozen=True)
class Failed:
    """The attempt failed in transit (`error`, as `services.problems.stored` keeps it); try again at
    `next_attempt_at` with the same key."""

    submission_id: int
    error: str
    next_attempt_at: datetime

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        next_at = values.instant(self.next_attempt_at, "next_attempt_at")
        return {"last_error": self.error, "next_attempt_at": next_at, **NO_LEASE}, None


@dataclass(frozen=True)
class PaperChosen:
    """The workshop chose the signed paper form for a rejected submission."""

    submission_id: int

    allowed = frozenset({SubmissionState.REJECTED})

    def changes(self, corrections_used: int) -> Changes:
        return {"state": SubmissionState.PAPER_REQUIRED.value, **NO_LEASE}, (
            "submission.paper_required",
            {"submission_id": self.submission_id},
        )


@dataclass(frozen=True)
class Released:
    """The worker gives its lease back without a result (e.g. it is stopping)."""

    submission_id: int

    allowed = frozenset(SubmissionState)

    def changes(self, corrections_used: int) -> Changes:
        return dict(NO_LEASE), None


@dataclass(frozen=True)
class DueNow:
    """The user asked to retry a pending or sent submission at once."""

    submission_id: int

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        return {"next_attempt_at": values.utcnow()}, None


@dataclass(frozen=True)
class Refused:
    """The service refused the data (a 4xx answer): someone must fix it or cancel it.

    `state` is NEEDS_FIXING for the data, NEEDS_SETTINGS for the terminal's Car-Pass settings.
    `code`, `message` and `field` are the service's words (the message already truncated); without
    words of the service, `message` is the problem as `services.problems.stored` keeps it.
    """

    submission_id: int
    state: SubmissionState
    code: str
    message: str
    field: str | None = None

    allowed = IN_FLIGHT

    def changes(self, corrections_used: int) -> Changes:
        problem = {"problem_code": self.code, "problem_message": self.message, "problem_field": self.field}
        return {"state": self.state.value, "last_error": None, **problem, **NO_LEASE}, (
            f"submission.{self.state.value}",
            {"submission_id": self.submission_id, **problem},
        )


@dataclass(frozen=True)
class Cancelled:
    """The workshop withdrew a submission the service never accepted, saying why."""

    submission_id: int
    reason: str

    allowed = CANCELLABLE

    def changes(self, corrections_used: int) -> Changes:
        return {"state": SubmissionState.CANCELLED.value, "cancel_reason": self.reason, **NO_LEASE}, (
            "submission.cancelled",
            {"submission_id": self.submission_id, "reason": self.reason},
        )


Delivery = Sent | Acknowledged | Rejected | Undecided | Failed | Refused  # what a sender learns
Outcome = Delivery | PaperChosen | Released | DueNow | Cancelled
