"""The shared contract: wire format, validation, Car-Pass ID shape, activity codes."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from workshop_tui.domain.work import NOT_REPORTABLE, REPORTABLE, WorkKind
from workshop_tui.services.contract import (
    OPERATIONS,
    POST_DESCRIPTION,
    ObservationRequest,
    RegistryRecord,
    activity_codes_for,
    carpass_id_error,
    normalise_carpass_id,
    standard_activities,
)

VIN = "WVWZZZCDZMW517853"


def observation(**changes) -> dict:
    fields = {"vin": VIN, "observationDate": "2026-11-23T09:30:00+01:00", "odometerValue": 70700,
              "reference": "INV-1", "enterpriseNumber": "0412345614"}  # fmt: skip
    return {k: v for k, v in {**fields, **changes}.items() if v is not None}


def problems(**changes) -> str:
    with pytest.raises(ValidationError) as raised:
        ObservationRequest.model_validate(observation(**changes))
    return str(raised.value)


def test_observation_travels_in_camel_case_and_back():
    request = ObservationRequest.model_validate(
        observation(vin="wvw zzz-cdzmw517853", enterpriseNumber="BE 0412.345.614")
    )
    wire = json.loads(request.model_dump_json())
    assert wire["vin"] == VIN and wire["enterpriseNumber"] == "0412345614"
    assert wire["odometerReplaced"] is False and wire["fiveDigitOdometer"] is False
    assert ObservationRequest.model_validate_json(request.model_dump_json()) == request


def test_observation_needs_a_vin_or_a_plate():
    assert "give the VIN" in problems(vin=None)
    assert ObservationRequest.model_validate(observation(vin=None, licensePlate="1-abc-123")).license_plate == "1ABC123"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"vin": "WVWZZZCDZMW51785"}, "VIN_LENGTH"),
        ({"enterpriseNumber": "0412345615"}, "ENTERPRISE_CHECK"),
        ({"odometerValue": -1}, "greater than or equal to 0"),
        ({"odometerValue": 100_000, "fiveDigitOdometer": True}, "five-digit odometer"),
        ({"reference": ""}, "at least 1 character"),
    ],
)
def test_observation_refuses_what_car_pass_would(changes, message):
    assert message in problems(**changes)


@pytest.mark.parametrize("raw", ["4823-1190-7756", "cp12 3456 78ab", "AB12.34.56.78", "12345678"])
def test_well_formed_carpass_ids(raw):
    assert carpass_id_error(raw) is None


@pytest.mark.parametrize("raw", ["ABCDEFGHJKLM", "123", "12345678901234567", "AB12#3456789", ""])
def test_malformed_carpass_ids(raw):
    assert carpass_id_error(raw)


@given(
    st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=8, max_size=16), st.sampled_from([" ", "-", "."])
)
def test_carpass_id_separators_and_case_do_not_matter(raw, separator):
    spaced = separator.join(raw[i : i + 4] for i in range(0, len(raw), 4)).lower()
    assert normalise_carpass_id(spaced) == raw
    assert (carpass_id_error(spaced) is None) == (sum(c.isdigit() for c in raw) >= 4)


def test_registry_record_maps_to_the_domain_model():
    record = RegistryRecord.model_validate(
        {"vin": VIN, "make": "VOLKSWAGEN", "euCategory": "M1", "firstRegistration": "2021-10-21", "maxMassKg": 1860}
    )
    vehicle = record.to_vehicle(fetched_at=datetime(2026, 11, 23))
    assert (vehicle.category, vehicle.first_registration, vehicle.max_mass_kg) == ("M1", date(2021, 10, 21), 1860)
    assert vehicle.commercial_name is None and vehicle.fetched_at == datetime(2026, 11, 23)


def test_every_operation_can_be_retried_safely_and_fills_its_path():
    assert all(op.retry_safe for op in OPERATIONS)
    assert POST_DESCRIPTION.parameters == ["requestGuid"]
    assert POST_DESCRIPTION.url(requestGuid="a/b c") == "/observation/a%2Fb%20c/description"


def test_activity_codes_are_unique_and_translated():
    rows = standard_activities()
    codes = [row.activity.code for row in rows]
    assert len(codes) == len(set(codes))
    assert all(all(row.activity.description[lang].strip() for lang in ("en", "fr", "nl")) for row in rows)


def test_every_reportable_kind_of_work_has_exactly_one_activity():
    kinds = [row.work_kind for row in standard_activities() if row.work_kind]
    assert sorted(kinds) == sorted(REPORTABLE)
    assert not set(kinds) & NOT_REPORTABLE


def test_activity_codes_for_a_job_keep_its_order_without_duplicates():
    work = [WorkKind.TYRES, WorkKind.CAR_WASH, WorkKind.MAINTENANCE, WorkKind.TYRES]
    assert activity_codes_for(work) == ["TYRES", "MAINTENANCE"]
    assert activity_codes_for([WorkKind.CAR_WASH, WorkKind.TOWING]) == []
