"""Each reason of the Car-Pass rules is one sentence in the active language, with its reference."""

from decimal import Decimal

from workshop_tui.domain.models import JobFacts, VehicleFacts
from workshop_tui.domain.rules import decide
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.translations import activate, translations
from workshop_tui.translations.labels import REPORTER
from workshop_tui.ui.verdict import explain, headline, reporter_line

CAR = VehicleFacts(category="M1", max_mass_kg=1_700)


def facts(**kw) -> JobFacts:
    base = dict(
        work=[WorkKind.MAINTENANCE], total_incl_vat=Decimal("95.00"), customer_vat_registered=False, vehicle=CAR
    )
    return JobFacts(**{**base, **kw})


def sentences(job: JobFacts, language: str) -> list[str]:
    activate(language)
    return [r.text for r in explain(decide(job))]


def test_private_customer_under_125_names_the_amount_and_the_limit():
    [text] = sentences(facts(), "fr")
    assert "95,00\xa0€" in text and "125,00\xa0€" in text
    activate("nl")
    assert headline(decide(facts())) == "GEEN MELDING NODIG"


def test_reportable_work_lists_the_kinds_in_the_language():
    job = facts(work=[WorkKind.TYRES, WorkKind.MAINTENANCE], total_incl_vat=Decimal("300"))
    [text] = sentences(job, "nl")
    assert "Banden en Onderhoud" in text


def test_heavy_vehicle_is_out_of_scope_by_mass():
    job = facts(vehicle=VehicleFacts(category="N1", max_mass_kg=4_200))
    [text] = sentences(job, "en")
    assert "4,200" in text and "3,500" in text


def test_motorcycle_is_out_of_scope_by_category():
    assert "L3E" in sentences(facts(vehicle=VehicleFacts(category="L3E")), "en")[0]


def test_references_follow_the_language():
    activate("nl")
    [reason] = explain(decide(facts()))
    assert reason.reference.startswith("Koninklijk besluit van 26 augustus 2006")


def test_vat_registered_customer_reports_and_says_who():
    job = facts(customer_vat_registered=True, role=Role.SUBCONTRACTOR)
    verdict = decide(job)
    assert len(sentences(job, "fr")) == 2
    assert reporter_line(verdict) == translations("fr").gettext(REPORTER["workshop_and_main_contractor"])
