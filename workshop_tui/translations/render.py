"""One renderer: every code the core emits, worded in a language with that language's formats.

    render("ROLLBACK", {"km": 41000, "last_km": 52000, "on": date(2026, 3, 1)}, "nl")
    finding_text(finding), reason_text(reason), reference_text(reason.reference),
    status_text(camera_status)          # language=None: the active language

Params are typed in the core and formatted here: names ending in "km" as kilometres, "_kg" as a
grouped number, Decimal as an amount, dates and datetimes the language's way, `kinds` as a list
of work labels, `field` as a field label, `service` and `setting` as their labels, a Finding
(the `error` of a lookup note: a service's problem) as its own sentence. The service's own
`words` are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain import codes, identifiers, typed_numbers, vin
from ..domain.findings import Finding
from . import N_, active_language, translations
from .formats import Formats, formats
from .labels import CAMERA_KIND, FIELD, SERVICE, SERVICE_SETTING, WORK

if TYPE_CHECKING:
    from ..domain.models import Reason

TEMPLATES: dict[str, str] = {
    # domain/vin.py
    vin.WRONG_LENGTH: N_("The VIN has {count} characters, {expected} expected."),
    vin.VIN_LETTER: N_("The letter {char} is not allowed in a VIN (position {position})."),
    vin.VIN_CHARACTER: N_("The character {char} is not allowed in a VIN (position {position})."),
    vin.VIN_CHECK_DIGIT: N_("Check digit (position 9) is {found}, {expected} expected: a character is mistyped."),
    # domain/mileage.py
    codes.FIVE_DIGIT: N_("5-digit odometer: {km} is reported as displayed; the true distance may be higher."),
    codes.ROLLBACK: N_("{km} is lower than {last_km} read on {on}: possible rollback."),
    codes.IMPLAUSIBLE_DISTANCE: N_("{driven_km} since {on} ({days} days) is an unusual distance: check the digits."),
    # domain/checks.py
    codes.MISSING: N_("{field} is missing."),
    codes.NEGATIVE_TOTAL: N_("The total incl. VAT must not be negative."),
    codes.FUTURE_READING: N_("The reading date lies in the future."),
    codes.NEGATIVE_KM: N_("The odometer reading must not be negative."),
    # domain/identifiers.py
    identifiers.ENTERPRISE_LENGTH: N_("The enterprise number has {count} digits, 10 expected."),
    identifiers.ENTERPRISE_START: N_("An enterprise number starts with 0 or 1."),
    identifiers.ENTERPRISE_CHECK: N_(
        "The enterprise number's check digits (last two) do not match: a digit is mistyped."
    ),
    identifiers.ESTABLISHMENT_LENGTH: N_("The establishment number has {count} digits, 10 expected."),
    identifiers.ESTABLISHMENT_START: N_("An establishment number starts with a digit from 2 to 8."),
    identifiers.ESTABLISHMENT_CHECK: N_("The establishment number's check digits (last two) do not match."),
    # domain/rules.py: reasons, the NACE warning, references
    codes.VEHICLE_OUT_OF_SCOPE: N_(
        "Category {category} is not a B-licence vehicle (only M1 and N1 are covered): no report."
    ),
    codes.NOT_REGISTERED_IN_BELGIUM: N_("The vehicle has never been registered in Belgium: it has no Car-Pass."),
    codes.GARAGE_REPORTS: N_("You work inside a garage as an independent: the garage reports the reading."),
    codes.NO_REPORTABLE_WORK: N_("Car wash, towing without repair and lettering alone need no report."),
    codes.PRIVATE_AT_MOST_125: N_(
        "Private customer and total {amount} incl. VAT is at most {limit}: no report needed."
    ),
    codes.REPORTABLE_WORK: N_("Reportable work: {kinds}. Report odometer, date and VIN."),
    codes.VAT_REGISTERED_ALWAYS: N_("VAT-registered customer: report whatever the amount."),
    codes.NACE_NOT_CARPASS: N_(
        "NACE code {code} is not one of the Car-Pass codes ({codes}): check your company profile."
    ),
    codes.LAW_ART_2_FAQ_VEHICLES: N_("Law of 11 June 2004 on odometer fraud, art. 2; Car-Pass FAQ “Which vehicles?”"),
    codes.FAQ_VEHICLES: N_("Car-Pass FAQ “Which vehicles?”"),
    codes.FAQ_SUBCONTRACTING: N_("Car-Pass FAQ “Subcontracting”"),
    codes.LAW_ART_2_FAQ_LETTERING: N_(
        "Law of 11 June 2004 on odometer fraud, art. 2; Car-Pass FAQ “Car-wrapping or lettering”"
    ),
    codes.ROYAL_DECREE_ART_2_FAQ_ALWAYS: N_(
        "Royal Decree of 26 August 2006, art. 2; Car-Pass FAQ “Must I always report?”"
    ),
    codes.LAW_ART_6: N_("Law of 11 June 2004 on odometer fraud, art. 6"),
    codes.FAQ_ALWAYS: N_("Car-Pass FAQ “Must I always report?”"),
    # services/api.py: vehicle lookup notes ({error}: a service problem, below)
    "LOOKUP_UNKNOWN": N_("The vehicle registry does not know this VIN: type the vehicle fields."),
    "LOOKUP_UNKNOWN_CACHED": N_("The vehicle registry does not know this VIN: saved copy of {when} shown."),
    "LOOKUP_DOWN": N_("{error}: type the vehicle fields."),
    "LOOKUP_DOWN_CACHED": N_("{error}: saved copy of {when} shown."),
    # services/sale_desk.py
    "CARPASS_FETCH_FAILED": N_("{error}: type the certificate's fields."),
    # services/problems.py: why a service call failed ({service}: which one), a clause without a full stop
    "SERVICE_UNREACHABLE": N_("{service} cannot be reached"),
    "SERVICE_TIMEOUT": N_("{service} did not answer in time"),
    "SERVICE_ANSWER_TOO_LARGE": N_("{service} sent an answer too large to read"),
    "SERVICE_UNDECODABLE": N_("{service} sent an answer that cannot be decoded"),
    "SERVICE_MALFORMED": N_("{service} sent an answer that does not follow the agreed format"),
    "SERVICE_BUSY": N_("{service} is too busy to answer (HTTP {status})"),
    "SERVICE_SERVER_ERROR": N_("{service} has a server error (HTTP {status})"),
    "SERVICE_MAINTENANCE": N_("{service} is down for maintenance"),
    "SERVICE_REFUSED": N_("{service} refused the request (HTTP {status})"),
    "SERVICE_AUTHENTICATION_FAILED": N_("{service} refused the establishment unit number or the password"),
    "SERVICE_NOT_FOUND": N_("{service} found nothing for this request"),
    "SERVICE_CORRECTION_LIMIT": N_("{service}: the one electronic correction is used, a signed form is required"),
    "SERVICE_INVALID_REQUEST": N_("{service}: the data do not make a valid request, nothing was sent"),
    "SERVICE_SETTINGS": N_("{service}: check the settings (Ctrl+G)"),
    "SERVICE_URL_INVALID": N_("{service}: the address must start with https:// and name a host"),
    "SERVICE_URL_WITH_CREDENTIALS": N_(
        "{service}: the address must not hold a user name or password, they belong in the settings"
    ),
    "SERVICE_URL_PLAIN_HTTP": N_(
        "{service}: the password is only sent over https:// (plain http is for the local sandbox)"
    ),
    # storage/errors.py: the database failed, a clause without a full stop
    "DATABASE_UNAVAILABLE": N_("The database cannot be used right now"),
    # scanners/camera.py: statuses ({source} is the kind of source and its target)
    "MOVE_CLOSER": N_("A code is in view but cannot be read: move the camera closer and hold it steady."),
    "SCANNING": N_("● Reading codes from {source} ({size})."),
    "ENDED": N_("End of {source}."),
    "NOTHING_FOUND": N_("No barcode or QR code found in {source}."),
    "DECODER_MISSING": N_("The {decoder} decoder is not available ({error}); zxing is used."),
    "PYZBAR_MISSING": N_("install the system library libzbar0 (apt-get install libzbar0) to use pyzbar"),
    "BAD_URL": N_("Not a camera address: {target} (rtsp://, http:// or https:// and a host expected)."),
    "FILE_MISSING": N_("File not found: {target}."),
    "FILE_UNREADABLE": N_("Cannot read {target}: not an image or video this terminal can decode."),
    "STREAM_LOST": N_("The camera stream {target} stopped: check the network and the camera app, then retry (F5)."),
    "CAMERA_LOST": N_("Camera {target} stopped sending images (unplugged?): reconnect it and retry (F5)."),
    "URL_UNREACHABLE": N_(
        "Cannot open the camera stream {target}: check the address and that the camera app is running."
    ),
    "NO_CAMERA": N_("No camera found at {target}: plug one in or choose another source in the settings."),
    "PERMISSION": N_("Camera {target} cannot be opened: no permission on {node} (add the user to the 'video' group)."),
    "CAMERA_BUSY": N_("Camera {target} is busy: close other camera programs and retry (F5)."),
    "IMAGE_TOO_LARGE": N_("The image {target} is too large ({width}×{height} pixels): crop or shrink it."),
    # domain/reading_checks.py and domain/sale_checks.py (CODES.md)
    "INVALID_VIN": N_("{vin} is not a valid VIN."),
    "FUTURE_DATE": N_("The reading date {date} lies after today ({today})."),
    "DATE_MORE_THAN_5_DAYS_AGO": N_("The reading date {date} is {days} days ago: report within 5 days."),
    "FIVE_DIGIT_OVER_99999": N_("A 5-digit odometer cannot show {km}."),
    "KM_BELOW_PREVIOUS": N_("{km} is lower than {previous_km} read on {previous_date}: confirm to send it."),
    "OVER_1000_KM_PER_DAY": N_(
        "{km_per_day} km a day since {previous_km} on {previous_date} ({days} days): check the digits."
    ),
    "SAME_READING_ALREADY_REPORTED": N_("{km} was already reported on {date}: confirm to send it again."),
    "CARPASS_MISSING": N_("The Car-Pass certificate is missing: it must be handed to the buyer."),
    "CARPASS_TOO_OLD": N_(
        "The Car-Pass issued on {issued} is valid until {valid_until}, before the sale on {sale_date}: ask for a new one."
    ),
    "CARPASS_ISSUED_AFTER_SALE": N_("The Car-Pass is issued on {issued}, after the sale on {sale_date}."),
    "CARPASS_VIN_MISMATCH": N_("The Car-Pass is for VIN {carpass_vin}, not for {vin}."),
    "KM_BELOW_CARPASS": N_("The odometer shows {km}, less than {carpass_km} on the Car-Pass."),
    "WARRANTY_BELOW_MINIMUM": N_(
        "A legal warranty of {months} months is below the minimum of {minimum} months for a used vehicle."
    ),
    "WARRANTY_REDUCED": N_("Legal warranty reduced to {months} months: the buyer must agree to it in writing."),
    # domain/identifiers.py: customers from other EU member states
    identifiers.VAT_COUNTRY: N_("{country} is not the prefix of an EU member state's VAT number."),
    identifiers.VAT_CHECK: N_("This {country} VAT number is not valid: a character is mistyped or missing."),
    # domain/typed_numbers.py
    typed_numbers.EMPTY: N_("Type a number."),
    typed_numbers.NOT_ASCII_DIGIT: N_("“{character}” is not one of the digits 0 to 9."),
    typed_numbers.EXPONENT: N_("Write the number in full, without an exponent (e)."),
    typed_numbers.NEGATIVE: N_("The number must not be negative."),
    typed_numbers.NOT_A_NUMBER: N_("“{text}” is not a number."),
    typed_numbers.AMBIGUOUS_SEPARATOR: N_(
        "“{text}” is ambiguous: type the kilometres without a separator, or grouped by three (1.400)."
    ),
    typed_numbers.KM_NOT_WHOLE: N_("Kilometres are whole numbers: “{text}” has decimals."),
    typed_numbers.TOO_MANY_DECIMALS: N_("An amount has at most 2 decimals, not {decimals}."),
    typed_numbers.KM_TOO_HIGH: N_("{km} is more than {limit_km}: check the digits."),
    typed_numbers.AMOUNT_TOO_HIGH: N_("{amount} is more than {limit}: check the digits."),
    # storage/values.py: search texts
    "SEARCH_TOO_LONG": N_("The search text is too long (at most {limit} characters)."),
    "SEARCH_CONTROL_CHARACTER": N_("The search text holds a control character."),
}
_MASS_OUT_OF_SCOPE = N_("Maximum mass {max_mass_kg} kg is over {limit_kg} kg: no report.")
_REFUSED_WITH_WORDS = N_("{service} refused the request (HTTP {status}): {words}")
_INVALID_REQUEST_BECAUSE = N_("{service}: the data do not make a valid request ({details}), nothing was sent")
_SETTING_TO_CHECK = N_("{service}: check the setting “{setting}” (Ctrl+G)")


def _template(code: str, params: Mapping[str, object]) -> str:
    if code == codes.VEHICLE_OUT_OF_SCOPE and "max_mass_kg" in params:
        return _MASS_OUT_OF_SCOPE
    if code == "SERVICE_REFUSED" and params.get("words"):
        return _REFUSED_WITH_WORDS
    if code == "SERVICE_INVALID_REQUEST" and params.get("details"):
        return _INVALID_REQUEST_BECAUSE
    if code == "SERVICE_SETTINGS" and params.get("setting") in SERVICE_SETTING:
        return _SETTING_TO_CHECK
    return TEMPLATES[code]


def _value(name: str, value: object, language: str, f: Formats) -> str:
    gettext = translations(language).gettext
    if name == "service":
        return gettext(SERVICE.get(None if value is None else str(value), SERVICE[None]))
    if value is None:
        return "?"
    if name == "kinds":
        return f.list(sorted(gettext(WORK[str(kind)]) for kind in value))  # type: ignore[attr-defined]
    if name == "field":
        return gettext(FIELD[str(value)])
    if name == "setting":
        return gettext(SERVICE_SETTING.get(str(value), str(value)))
    if isinstance(value, Finding):  # a service's problem inside a note
        return render(value.code, value.params, language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and name.endswith("km"):
        return f.km(value)
    if isinstance(value, int) and name.endswith("_kg"):
        return f.number(value)
    if isinstance(value, Decimal):
        return f.amount(value)
    if isinstance(value, datetime):
        return f.datetime(value)
    if isinstance(value, date):
        return f.date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def render(code: str, params: Mapping[str, object] | None = None, language: str | None = None) -> str:
    """The sentence for `code` with `params`, in `language` (None: the active language)."""
    language = language or active_language()
    params = dict(params or {})
    f = formats(language)
    if "kind" in params and "target" in params:
        params["source"] = (
            translations(language).gettext(CAMERA_KIND[str(params["kind"])]).format(target=params["target"])
        )
    values = {name: _value(name, value, language, f) for name, value in params.items()}
    return translations(language).gettext(_template(code, params)).format(**values)


def finding_text(finding: Finding, language: str | None = None) -> str:
    return render(finding.code, finding.params, language)


def error_text(error: BaseException) -> str:
    """What went wrong, for a message: a service or storage error's problem (`services.problems`,
    `storage.errors`) in the active language, else the error's own first line."""
    problem = getattr(error, "problem", None)
    if isinstance(problem, Finding):
        return finding_text(problem)
    return (str(error).splitlines() or [type(error).__name__])[0].rstrip(".")


def reason_text(reason: Reason, language: str | None = None) -> str:
    return render(reason.code, reason.params, language)


def reference_text(reference: str, language: str | None = None) -> str:
    """A legal reference code ("LAW_ART_6") in the language."""
    return render(reference, None, language)


def status_text(status: object, language: str | None = None) -> str:
    """A camera status (`scanners.camera.Status`): its code and params."""
    return render(str(status.code), status.params, language)  # type: ignore[attr-defined]
