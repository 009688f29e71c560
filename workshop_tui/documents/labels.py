"""English msgids for the codes a document writes in words (work kinds, states, checklist ticks).

`N_` only marks a string for extraction (Babel keyword `N_`); the template translates it.
"""

from __future__ import annotations

from ..domain.models import SubmissionState
from ..domain.work import WorkKind
from .models import ChecklistState


def N_(message: str) -> str:
    return message


WORK = {
    WorkKind.MAINTENANCE: N_("Maintenance"),
    WorkKind.INSPECTION: N_("Inspection"),
    WorkKind.MECHANICAL_REPAIR: N_("Mechanical repair"),
    WorkKind.ELECTRICAL_REPAIR: N_("Electrical repair"),
    WorkKind.ELECTRONIC_REPAIR: N_("Electronic repair"),
    WorkKind.BODY_REPAIR: N_("Body repair"),
    WorkKind.PARTS_FITTING: N_("Fitting of parts"),
    WorkKind.TYRES: N_("Tyres"),
    WorkKind.EXHAUST: N_("Exhaust"),
    WorkKind.BATTERY: N_("Battery"),
    WorkKind.RADIO: N_("Radio"),
    WorkKind.ALARM: N_("Alarm"),
    WorkKind.CAR_WASH: N_("Car wash"),
    WorkKind.TOWING: N_("Towing"),
    WorkKind.LETTERING: N_("Lettering"),
    WorkKind.WRAPPING: N_("Wrapping"),
    WorkKind.ODOMETER_REPLACEMENT: N_("Odometer replacement"),
}

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
