"""The life of one Car-Pass submission in the local outbox: its states, which of them the
deliverer works on, which are final, the one electronic correction, and when paper is needed.

Storage keeps `SubmissionState`; what a screen shows is `Status`, derived from the state and
what the service last said (`status`). Both are codes: the UI words them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class SubmissionState(StrEnum):
    """Where a submission stands, as stored."""

    PENDING = "pending"  # recorded, not yet accepted by the service
    SENT = "sent"  # observation and description delivered, final status not yet known
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"  # error number and issues known; one electronic correction allowed
    PAPER_REQUIRED = "paper_required"  # correction already used: signed form needed
    NEEDS_FIXING = "needs_fixing"  # the service refused the data (4xx): edit and re-send, or cancel
    NEEDS_SETTINGS = "needs_settings"  # no password, wrong establishment number or password (401/403)
    CANCELLED = "cancelled"  # withdrawn by the workshop with a reason, never accepted by the service


IN_FLIGHT = frozenset({SubmissionState.PENDING, SubmissionState.SENT})
"""The deliverer sends or polls these."""

FINAL = frozenset({SubmissionState.ACKNOWLEDGED, SubmissionState.PAPER_REQUIRED, SubmissionState.CANCELLED})
"""Nothing more happens to these electronically."""

NEEDS_USER = frozenset({SubmissionState.REJECTED, SubmissionState.NEEDS_FIXING, SubmissionState.NEEDS_SETTINGS})
"""Waiting for someone at the terminal: correct, fix, cancel or change the settings."""

CANCELLABLE = frozenset({SubmissionState.NEEDS_FIXING, SubmissionState.NEEDS_SETTINGS})
"""Never accepted by the service, so withdrawing them leaves nothing half-reported."""

ELECTRONIC_CORRECTIONS_ALLOWED = 1  # a second correction needs the signed paper form
DUPLICATE_READING_ISSUE = "1003"  # Car-Pass's issue number: this km on this date is already reported


def is_duplicate(issues: Iterable[str]) -> bool:
    """Car-Pass rejected the reading as one already reported (issues as stored: "1003: words")."""
    return any(issue.partition(":")[0].strip() == DUPLICATE_READING_ISSUE for issue in issues)


def can_correct(state: SubmissionState, corrections_used: int, issues: Iterable[str] = ()) -> bool:
    """A rejected submission may be corrected electronically once, unless Car-Pass rejected it as a
    reading already reported: that reading is in Car-Pass, there is nothing to correct."""
    return (
        state is SubmissionState.REJECTED
        and corrections_used < ELECTRONIC_CORRECTIONS_ALLOWED
        and not is_duplicate(issues)
    )


def needs_paper(state: SubmissionState, corrections_used: int) -> bool:
    """The signed paper correction form is the only way left."""
    return state is SubmissionState.PAPER_REQUIRED or (
        state is SubmissionState.REJECTED and corrections_used >= ELECTRONIC_CORRECTIONS_ALLOWED
    )


def after_rejection(corrections_used: int) -> SubmissionState:
    """The state a rejection leads to: rejected (correctable) until the correction is used."""
    return (
        SubmissionState.PAPER_REQUIRED
        if corrections_used >= ELECTRONIC_CORRECTIONS_ALLOWED
        else SubmissionState.REJECTED
    )


class Status(StrEnum):
    """What a screen shows of a submission (a code the UI words)."""

    SENDING = "sending"  # pending, no attempt has failed yet
    OFFLINE = "offline"  # the last attempt failed in transit; the next one is scheduled
    PROCESSING = "processing"  # sent, Car-Pass has not decided yet
    WAITING_FOR_DIV = "waiting_for_div"  # sent, Car-Pass waits for the vehicle registry (DIV)
    REVIEWING = "reviewing"  # sent, Car-Pass staff check an anomaly
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    PAPER_REQUIRED = "paper_required"
    NEEDS_FIXING = "needs_fixing"
    NEEDS_SETTINGS = "needs_settings"
    CANCELLED = "cancelled"


_SERVER_STATUS = {"WAITING_FOR_DIV": Status.WAITING_FOR_DIV, "REVIEWING": Status.REVIEWING}


def status(state: SubmissionState, server_status: str | None, last_error: str | None) -> Status:
    """The status to show for a submission in `state`, given the service's last status word and
    the last transport error (None once an attempt got through)."""
    if state in IN_FLIGHT:
        if last_error is not None:
            return Status.OFFLINE
        if state is SubmissionState.PENDING:
            return Status.SENDING
        return _SERVER_STATUS.get(server_status or "", Status.PROCESSING)
    return Status(state.value)
