"""What the job form says about the draft as typed: the verdict, odometer findings, what stops it.

Pure functions of the draft and the vehicle, in the mechanic's language; the job screen shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError

from ..domain import checks
from ..domain.findings import Finding
from ..domain.models import JobDraft, JobFacts, Verdict
from ..domain.rules import decide
from ..services.api import JobRecord
from ..translations import _
from ..translations.formats import Formats
from ..translations.labels import FIELD
from ..translations.render import finding_text
from .visit import Visit

# The facts the rules cannot decide without, in screen order.
DECISIVE_FIELDS = ("work", "total_incl_vat", "vehicle.category")


@dataclass(frozen=True)
class Decision:
    """The verdict and the facts it was drawn from, or the fields still needed to draw one."""

    verdict: Verdict | None = None
    facts: JobFacts | None = None
    needed: list[str] = field(default_factory=list)


def decision(draft: JobDraft, visit: Visit, nace_code: str | None) -> Decision:
    missing = set(checks.missing_fields(draft, visit.record))
    needed = [name for name in DECISIVE_FIELDS if name in missing]
    if needed or visit.record is None:
        return Decision(needed=needed)
    try:
        facts = checks.job_facts(draft, visit.record)
    except ValidationError:
        return Decision()
    return Decision(decide(facts, nace_code), facts)


def odometer_findings(draft: JobDraft, visit: Visit, today: date) -> list[Finding]:
    """The pre-send checks on the reading, every severity, as soon as a reading is typed."""
    return checks.draft_reading_findings(draft, visit.readings, today)


@dataclass(frozen=True)
class Review:
    """Everything that stops the submission: fields to highlight, sentences of the one message."""

    fields: list[str]
    texts: list[str]
    confirm: list[str] = field(default_factory=list)  # only these codes stop it: ask to confirm them


def review(
    draft: JobDraft,
    unreadable: dict[str, str],  # field -> what is wrong with it, in the UI language
    visit: Visit,
    now: datetime,
    t: Formats,
    refused: tuple[list[str], list[Finding | str]] = ([], []),
) -> Review:
    """Every missing field in the first sentence; then what could not be read; then the domain's
    other objections (a lower reading to confirm, a future date...); then what the services refused."""
    missing = checks.missing_fields(draft, visit.record)
    empty = [name for name in missing if name not in unreadable]
    fields = empty + list(unreadable)
    texts = (
        [_("Missing before sending: {fields}.").format(fields=t.list([_(FIELD[name]) for name in empty]))]
        if empty
        else []
    )
    texts += list(unreadable.values())
    dated = draft.model_copy(update={"reading_at": draft.reading_at or now})
    found = checks.problems(dated, visit.record, visit.readings, now)
    for problem in found:
        if problem.field not in missing:
            if problem.field:
                fields.append(problem.field)
            texts.append(finding_text(problem))
    confirm = [] if (unreadable or refused[1]) else checks.to_confirm(found)
    refusals = [p if isinstance(p, str) else finding_text(p) for p in refused[1]]
    return Review(fields + refused[0], texts + refusals, confirm)


def draft_of(job: JobRecord) -> JobDraft:
    """A recorded job back in the form: what a correction or a fix starts from."""
    return JobDraft(
        vin=job.vin,
        odometer_km=job.odometer_km,
        odometer_replaced=job.odometer_replaced,
        five_digit_odometer=job.five_digit_odometer,
        work=list(job.work),
        job_lines=list(job.job_lines),
        total_incl_vat=job.total_incl_vat,
        customer_id=job.customer.id if job.customer else None,
        customer_vat_registered=job.customer_vat_registered,
        role=job.role,
        reading_at=job.reading_at,
        job_reference=job.job_reference,
        license_plate=job.license_plate,
    )
