"""The codes the checks, the mileage rules and the reporting rules emit, and the legal references
the rules cite: plain strings, apart from the models those modules use, so that what words them
(`translations.render`) imports no pydantic. The VIN, company numbers and typed numbers keep their
codes beside their checks (`vin`, `identifiers`, `typed_numbers`): those import no models.
"""

from __future__ import annotations

# `checks.problems`, besides the VIN's (`vin.CODES`).
MISSING = "MISSING"  # field: the key of the empty field
NEGATIVE_TOTAL = "NEGATIVE_TOTAL"
FUTURE_READING = "FUTURE_READING"
NEGATIVE_KM = "NEGATIVE_KM"
CHECK_CODES = (MISSING, NEGATIVE_TOTAL, FUTURE_READING, NEGATIVE_KM)

# `mileage.check_reading` (params: km and dates typed).
FIVE_DIGIT = "FIVE_DIGIT"  # km
ROLLBACK = "ROLLBACK"  # km, last_km, on
IMPLAUSIBLE_DISTANCE = "IMPLAUSIBLE_DISTANCE"  # driven_km, on, days
MILEAGE_CODES = (FIVE_DIGIT, ROLLBACK, IMPLAUSIBLE_DISTANCE)

# `rules`: the reasons of a verdict; `VEHICLE_OUT_OF_SCOPE` carries either `category` or
# `max_mass_kg` and `limit_kg`.
VEHICLE_OUT_OF_SCOPE = "VEHICLE_OUT_OF_SCOPE"
NOT_REGISTERED_IN_BELGIUM = "NOT_REGISTERED_IN_BELGIUM"
GARAGE_REPORTS = "GARAGE_REPORTS"
NO_REPORTABLE_WORK = "NO_REPORTABLE_WORK"
PRIVATE_AT_MOST_125 = "PRIVATE_AT_MOST_125"  # amount, limit (Decimal)
REPORTABLE_WORK = "REPORTABLE_WORK"  # kinds (WorkKind values, sorted)
VAT_REGISTERED_ALWAYS = "VAT_REGISTERED_ALWAYS"
REASON_CODES = (
    VEHICLE_OUT_OF_SCOPE,
    NOT_REGISTERED_IN_BELGIUM,
    GARAGE_REPORTS,
    NO_REPORTABLE_WORK,
    PRIVATE_AT_MOST_125,
    REPORTABLE_WORK,
    VAT_REGISTERED_ALWAYS,
)

# `rules`: the legal reference of each reason (LAW: law of 11 June 2004 on odometer fraud;
# ROYAL_DECREE: Royal Decree of 26 August 2006; FAQ: the Car-Pass FAQ page named).
LAW_ART_2_FAQ_VEHICLES = "LAW_ART_2_FAQ_VEHICLES"
FAQ_VEHICLES = "FAQ_VEHICLES"
FAQ_SUBCONTRACTING = "FAQ_SUBCONTRACTING"
LAW_ART_2_FAQ_LETTERING = "LAW_ART_2_FAQ_LETTERING"
ROYAL_DECREE_ART_2_FAQ_ALWAYS = "ROYAL_DECREE_ART_2_FAQ_ALWAYS"
LAW_ART_6 = "LAW_ART_6"
FAQ_ALWAYS = "FAQ_ALWAYS"
REFERENCE_CODES = (
    LAW_ART_2_FAQ_VEHICLES,
    FAQ_VEHICLES,
    FAQ_SUBCONTRACTING,
    LAW_ART_2_FAQ_LETTERING,
    ROYAL_DECREE_ART_2_FAQ_ALWAYS,
    LAW_ART_6,
    FAQ_ALWAYS,
)

# `rules.nace_warning`: the company's NACE code is not one of Car-Pass's (code, codes).
NACE_NOT_CARPASS = "NACE_NOT_CARPASS"
