"""Kinds of work a workshop does to a vehicle, as the Car-Pass rules see them."""

from __future__ import annotations

from enum import StrEnum


class WorkKind(StrEnum):
    MAINTENANCE = "maintenance"
    INSPECTION = "inspection"
    MECHANICAL_REPAIR = "mechanical_repair"
    ELECTRICAL_REPAIR = "electrical_repair"
    ELECTRONIC_REPAIR = "electronic_repair"
    BODY_REPAIR = "body_repair"
    PARTS_FITTING = "parts_fitting"
    TYRES = "tyres"
    EXHAUST = "exhaust"
    BATTERY = "battery"
    RADIO = "radio"
    ALARM = "alarm"
    CAR_WASH = "car_wash"
    TOWING = "towing"
    LETTERING = "lettering"
    WRAPPING = "wrapping"
    ODOMETER_REPLACEMENT = "odometer_replacement"


# Car wash, towing without repair and lettering (logo, name, phone number, no background
# film) are outside the law on their own. Everything else is maintenance, repair or fitting.
NOT_REPORTABLE = frozenset({WorkKind.CAR_WASH, WorkKind.TOWING, WorkKind.LETTERING})
REPORTABLE = frozenset(WorkKind) - NOT_REPORTABLE


class Role(StrEnum):
    """Who we are in this job (Car-Pass FAQ, subcontracting)."""

    MAIN = "main"
    SUBCONTRACTOR = "subcontractor"
    INDEPENDENT_IN_GARAGE = "independent_in_garage"
    INDEPENDENT_ELSEWHERE = "independent_elsewhere"
