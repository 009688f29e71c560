"""A verdict of the Car-Pass rules as sentences in the active language, one per reason code."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.models import Verdict
from ..translations import _
from ..translations.labels import REPORTER
from ..translations.render import finding_text, reason_text, reference_text


@dataclass(frozen=True)
class Explained:
    """One reason and its legal reference, both in the active language."""

    code: str
    text: str
    reference: str


def explain(verdict: Verdict) -> list[Explained]:
    """The verdict's reasons in order, each as a sentence."""
    return [Explained(r.code, reason_text(r), reference_text(r.reference)) for r in verdict.reasons]


def headline(verdict: Verdict) -> str:
    return _("REPORT TO CAR-PASS") if verdict.must_report else _("NO REPORT NEEDED")


def reporter_line(verdict: Verdict) -> str | None:
    return _(REPORTER[verdict.reporter]) if verdict.reporter else None


def warnings(verdict: Verdict) -> list[str]:
    return [finding_text(w) for w in verdict.warnings]
