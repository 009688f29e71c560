"""A verdict of the Car-Pass rules as sentences in the mechanic's language, one per reason code."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import rules
from ..domain.models import JobFacts, Reason, Verdict
from ..domain.work import REPORTABLE
from ..i18n import Translator
from .domain_text import localize


@dataclass(frozen=True)
class Explained:
    """One reason, localized, with its legal reference (kept as published)."""

    code: str
    text: str
    reference: str


def _reason_key_and_params(reason: Reason, facts: JobFacts, t: Translator) -> tuple[str, dict]:
    vehicle = facts.vehicle
    if reason.code == "VEHICLE_OUT_OF_SCOPE" and vehicle.category in rules.IN_SCOPE_CATEGORIES:
        return "reason.VEHICLE_OUT_OF_SCOPE.mass", {
            "mass": t.number(vehicle.max_mass_kg or 0),
            "limit": t.number(rules.MAX_MASS_KG),
        }
    params = {
        "category": vehicle.category,
        "amount": t.amount(facts.total_incl_vat),
        "limit": t.amount(rules.PRIVATE_EXEMPTION_MAX_EUR),
        "kinds": t.join(sorted(t(f"work.{k.value}") for k in REPORTABLE.intersection(facts.work))),
    }
    return f"reason.{reason.code}", params


def explain(verdict: Verdict, facts: JobFacts, t: Translator) -> list[Explained]:
    """The verdict's reasons in order, each as a localized sentence."""
    explained = []
    for reason in verdict.reasons:
        key, params = _reason_key_and_params(reason, facts, t)
        text = t(key, **params) if t.has(key) else reason.text
        explained.append(Explained(reason.code, text, reason.reference))
    return explained


def headline(verdict: Verdict, t: Translator) -> str:
    return t("verdict.report") if verdict.must_report else t("verdict.no_report")


def reporter_line(verdict: Verdict, t: Translator) -> str | None:
    return t(f"reporter.{verdict.reporter}") if verdict.reporter else None


def warnings(verdict: Verdict, t: Translator) -> list[str]:
    return [localize(w, t) for w in verdict.warnings]
