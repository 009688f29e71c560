"""Each reason of the Car-Pass rules is one localized sentence with its amount, kinds or category."""

from decimal import Decimal

from workshop_tui.domain.models import JobFacts, VehicleFacts
from workshop_tui.domain.rules import decide
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.i18n import Translator
from workshop_tui.ui.verdict import explain, headline, reporter_line

CAR = VehicleFacts(category="M1", max_mass_kg=1_700)


def facts(**kw) -> JobFacts:
    base = dict(
        work=[WorkKind.MAINTENANCE], total_incl_vat=Decimal("95.00"), customer_vat_registered=False, vehicle=CAR
    )
    return JobFacts(**{**base, **kw})


def sentences(job: JobFacts, language: str) -> list[str]:
    return [r.text for r in explain(decide(job), job, Translator(language))]


def test_private_customer_under_125_names_the_amount_and_the_limit():
    assert sentences(facts(), "fr") == [
        "Client particulier et total de 95,00 € TVAC, pas plus de 125,00 € : pas de déclaration."
    ]
    assert headline(decide(facts()), Translator("nl")) == "GEEN MELDING NODIG"


def test_reportable_work_lists_the_kinds_in_the_language():
    job = facts(work=[WorkKind.TYRES, WorkKind.MAINTENANCE], total_incl_vat=Decimal("300"))
    assert sentences(job, "nl") == ["Te melden werken: Banden en Onderhoud. Meld kilometerstand, datum en VIN."]


def test_heavy_vehicle_is_out_of_scope_by_mass():
    job = facts(vehicle=VehicleFacts(category="N1", max_mass_kg=4_200))
    assert sentences(job, "en") == ["Maximum mass 4,200 kg is over 3,500 kg: no report."]


def test_motorcycle_is_out_of_scope_by_category():
    assert sentences(facts(vehicle=VehicleFacts(category="L3E")), "en")[0].startswith("Category L3E is not")


def test_vat_registered_customer_reports_and_says_who():
    job = facts(customer_vat_registered=True, role=Role.SUBCONTRACTOR)
    verdict = decide(job)
    assert len(sentences(job, "fr")) == 2
    assert reporter_line(verdict, Translator("fr")) == "Vous déclarez, l'entrepreneur principal aussi."
