"""English msgids for the codes only documents write in words (submission states, checklist ticks);
the work kinds are the translations' own (`translations.labels.WORK`).

`N_` only marks a string for extraction (Babel keyword `N_`); the template translates it.
"""

from __future__ import annotations

from ..domain.models import SubmissionState
from .models import ChecklistState


def N_(message: str) -> str:
    return message


SUBMISSION_STATE = {
    SubmissionState.PENDING: N_("Waiting to be sent to Car-Pass"),
    SubmissionState.SENT: N_("Sent to Car-Pass"),
    SubmissionState.ACKNOWLEDGED: N_("Acknowledged by Car-Pass"),
    SubmissionState.REJECTED: N_("Refused by Car-Pass"),
    SubmissionState.PAPER_REQUIRED: N_("Signed correction form required"),
}

CHECKLIST_STATE = {
    ChecklistState.OK: N_("OK"),
    ChecklistState.WEAR: N_("Signs of wear"),
    ChecklistState.REPAIR: N_("To be repaired"),
}
