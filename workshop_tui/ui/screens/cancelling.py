"""A screen from which a reading that was never accepted can be cancelled with a reason."""

from __future__ import annotations

from functools import partial

from textual import work

from ...domain.lifecycle import CANCELLABLE
from ...domain.models import SubmissionView
from ..widgets.cancel_reason import CancelReason
from .base import WorkshopScreen


class CancellingScreen(WorkshopScreen):
    """`ask_cancel(view)` asks the reason, cancels in a worker, then calls `cancelled` there."""

    def ask_cancel(self, view: SubmissionView | None) -> None:
        if view is not None and view.state in CANCELLABLE:
            self.app.push_screen(CancelReason(view), partial(self._reason_given, view.id))

    def _reason_given(self, submission_id: int, reason: str | None) -> None:
        if reason:
            self._cancel(submission_id, reason)

    @work(thread=True, exclusive=True, exit_on_error=False, group="cancel")
    def _cancel(self, submission_id: int, reason: str) -> None:
        self.services.submissions.cancel(submission_id, reason)
        self.cancelled(submission_id)

    def cancelled(self, submission_id: int) -> None:
        """In the worker, once cancelled: reply with what the screen shows next."""
