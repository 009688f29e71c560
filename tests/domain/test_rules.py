"""Car-Pass obligation: table tests from the Car-Pass FAQ, and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.codes import REASON_CODES, REFERENCE_CODES
from workshop_tui.domain.findings import Severity
from workshop_tui.domain.models import JobFacts, VehicleFacts
from workshop_tui.domain.rules import decide, nace_warning
from workshop_tui.domain.work import Role, WorkKind

CAR = VehicleFacts(category="M1", max_mass_kg=1600, registered_in_belgium=True)


def job(work, total="200.00", vat=False, vehicle=CAR, role=Role.MAIN):
    return JobFacts(
        work=[WorkKind(w) for w in work],
        total_incl_vat=Decimal(total),
        customer_vat_registered=vat,
        vehicle=vehicle,
        role=role,
    )


# (situation, job, must_report, first reason code, all codes)
SCENARIOS = [
    ("oil change for a private customer, 189 EUR", job(["maintenance"], "189.00"), True, ["REPORTABLE_WORK"]),
    (
        "bulb replaced for a private customer, 18.50 EUR",
        job(["parts_fitting"], "18.50"),
        False,
        ["PRIVATE_AT_MOST_125"],
    ),
    ("private customer, exactly 125.00 EUR", job(["battery"], "125.00"), False, ["PRIVATE_AT_MOST_125"]),
    ("private customer, 125.01 EUR", job(["battery"], "125.01"), True, ["REPORTABLE_WORK"]),
    (
        "fleet car, wiper blades 24 EUR",
        job(["parts_fitting"], "24.00", vat=True),
        True,
        ["REPORTABLE_WORK", "VAT_REGISTERED_ALWAYS"],
    ),
    (
        "fleet car, free check-up 0 EUR",
        job(["inspection"], "0.00", vat=True),
        True,
        ["REPORTABLE_WORK", "VAT_REGISTERED_ALWAYS"],
    ),
    ("car wash only", job(["car_wash"], "300.00", vat=True), False, ["NO_REPORTABLE_WORK"]),
    ("towing without repair", job(["towing"], "250.00"), False, ["NO_REPORTABLE_WORK"]),
    ("lettering: logo and phone number", job(["lettering"], "480.00", vat=True), False, ["NO_REPORTABLE_WORK"]),
    ("car-wrapping: colour-changing film", job(["wrapping"], "2400.00"), True, ["REPORTABLE_WORK"]),
    ("towing then repair", job(["towing", "mechanical_repair"], "900.00"), True, ["REPORTABLE_WORK"]),
    ("winter tyres fitted", job(["tyres"], "640.00"), True, ["REPORTABLE_WORK"]),
    ("radio fitted", job(["radio"], "350.00"), True, ["REPORTABLE_WORK"]),
    ("alarm fitted", job(["alarm"], "450.00"), True, ["REPORTABLE_WORK"]),
    ("exhaust replaced", job(["exhaust"], "380.00"), True, ["REPORTABLE_WORK"]),
    ("odometer replaced", job(["odometer_replacement"], "600.00"), True, ["REPORTABLE_WORK"]),
    ("electronic diagnosis and repair", job(["electronic_repair"], "150.00"), True, ["REPORTABLE_WORK"]),
    (
        "motorcycle service",
        job(["maintenance"], "300.00", vehicle=VehicleFacts(category="L3e", max_mass_kg=250)),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "heavy truck",
        job(["maintenance"], "3000.00", vat=True, vehicle=VehicleFacts(category="N3", max_mass_kg=26000)),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "city bus",
        job(["maintenance"], "3000.00", vat=True, vehicle=VehicleFacts(category="M3", max_mass_kg=18000)),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "tractor",
        job(["maintenance"], "800.00", vehicle=VehicleFacts(category="T", max_mass_kg=5000)),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "van of 3 500 kg",
        job(["maintenance"], "400.00", vat=True, vehicle=VehicleFacts(category="N1", max_mass_kg=3500)),
        True,
        ["REPORTABLE_WORK", "VAT_REGISTERED_ALWAYS"],
    ),
    (
        "N1 van declared at 3 600 kg",
        job(["maintenance"], "400.00", vat=True, vehicle=VehicleFacts(category="N1", max_mass_kg=3600)),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "motorhome of 3 500 kg",
        job(["body_repair"], "1200.00", vehicle=VehicleFacts(category="M1", max_mass_kg=3500)),
        True,
        ["REPORTABLE_WORK"],
    ),
    (
        "car never registered in Belgium",
        job(
            ["maintenance"],
            "400.00",
            vehicle=VehicleFacts(category="M1", max_mass_kg=1500, registered_in_belgium=False),
        ),
        False,
        ["NOT_REGISTERED_IN_BELGIUM"],
    ),
    (
        "subcontractor repairs a gearbox",
        job(["mechanical_repair"], "1800.00", role=Role.SUBCONTRACTOR),
        True,
        ["REPORTABLE_WORK"],
    ),
    (
        "independent inside a garage",
        job(["electrical_repair"], "700.00", role=Role.INDEPENDENT_IN_GARAGE),
        False,
        ["GARAGE_REPORTS"],
    ),
    (
        "independent at his own place",
        job(["electrical_repair"], "700.00", role=Role.INDEPENDENT_ELSEWHERE),
        True,
        ["REPORTABLE_WORK"],
    ),
    (
        "scope wins over role: motorcycle, independent in a garage",
        job(["maintenance"], "300.00", vehicle=VehicleFacts(category="L1e"), role=Role.INDEPENDENT_IN_GARAGE),
        False,
        ["VEHICLE_OUT_OF_SCOPE"],
    ),
    (
        "role wins over amount: independent in a garage, 40 EUR",
        job(["maintenance"], "40.00", role=Role.INDEPENDENT_IN_GARAGE),
        False,
        ["GARAGE_REPORTS"],
    ),
    ("no reportable work wins over amount", job(["car_wash"], "20.00"), False, ["NO_REPORTABLE_WORK"]),
]


@pytest.mark.parametrize("situation, facts, must_report, codes", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenarios_from_the_faq(situation, facts, must_report, codes):
    verdict = decide(facts)
    assert verdict.must_report is must_report, situation
    assert verdict.codes == codes
    assert all(r.code in REASON_CODES and r.reference in REFERENCE_CODES for r in verdict.reasons)


def test_reporter_by_role():
    assert decide(job(["maintenance"], role=Role.MAIN)).reporter == "workshop"
    assert decide(job(["maintenance"], role=Role.SUBCONTRACTOR)).reporter == "workshop_and_main_contractor"
    assert decide(job(["maintenance"], role=Role.INDEPENDENT_IN_GARAGE)).reporter == "host_garage"
    assert decide(job(["maintenance"], role=Role.INDEPENDENT_ELSEWHERE)).reporter == "workshop"
    assert decide(job(["car_wash"])).reporter is None


def test_exemption_carries_the_amount_and_the_limit():
    reason = decide(job(["tyres"], "99.9")).reasons[0]
    assert reason.params == {"amount": Decimal("99.90"), "limit": Decimal("125.00")}


def test_nace_code_outside_the_list_warns_but_does_not_refuse():
    verdict = decide(job(["maintenance"]), nace_code="47300")
    assert verdict.must_report
    assert [(w.code, w.severity, w.params["code"]) for w in verdict.warnings] == [
        ("NACE_NOT_CARPASS", Severity.WARN, "47300")
    ]
    assert decide(job(["maintenance"]), nace_code="45.201").warnings == []
    assert nace_warning("45320") is None


def test_float_amounts_are_refused():
    with pytest.raises(ValueError):
        JobFacts(work=["maintenance"], total_incl_vat=12.5, customer_vat_registered=False, vehicle=CAR)


works = st.lists(st.sampled_from(list(WorkKind)), min_size=1, max_size=5)
cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
roles = st.sampled_from(list(Role))
out_of_scope = st.one_of(
    st.builds(
        VehicleFacts,
        category=st.sampled_from(["L1e", "L3e", "L6e", "M2", "M3", "N2", "N3", "T", "C"]),
        max_mass_kg=st.integers(0, 40000),
    ),
    st.builds(VehicleFacts, category=st.sampled_from(["M1", "N1"]), max_mass_kg=st.integers(3501, 40000)),
    st.builds(
        VehicleFacts,
        category=st.sampled_from(["M1", "N1"]),
        max_mass_kg=st.integers(0, 3500),
        registered_in_belgium=st.just(False),
    ),
)


@given(works, cents, st.booleans(), out_of_scope, roles)
def test_out_of_scope_vehicles_never_must_report(work, total, vat, vehicle, role):
    facts = JobFacts(work=work, total_incl_vat=total, customer_vat_registered=vat, vehicle=vehicle, role=role)
    assert not decide(facts).must_report


@given(works, cents, cents)
def test_raising_a_private_amount_above_125_never_makes_it_exempt(work, low, extra):
    above = max(low, Decimal("125.01")) + extra
    facts = JobFacts(work=work, total_incl_vat=above, customer_vat_registered=False, vehicle=CAR)
    assert "PRIVATE_AT_MOST_125" not in decide(facts).codes


@given(works, cents)
def test_vat_registered_customer_reports_whatever_the_amount(work, total):
    facts = JobFacts(work=work, total_incl_vat=total, customer_vat_registered=True, vehicle=CAR)
    verdict = decide(facts)
    reportable = any(w not in {"car_wash", "towing", "lettering"} for w in work)
    assert verdict.must_report == reportable
    if reportable:
        assert verdict.codes == ["REPORTABLE_WORK", "VAT_REGISTERED_ALWAYS"]


@given(works, cents, st.booleans(), roles)
def test_not_due_verdicts_carry_exactly_one_exempting_reason(work, total, vat, role):
    facts = JobFacts(work=work, total_incl_vat=total, customer_vat_registered=vat, vehicle=CAR, role=role)
    verdict = decide(facts)
    if not verdict.must_report:
        assert len(verdict.reasons) == 1
        assert verdict.codes[0] != "REPORTABLE_WORK"
