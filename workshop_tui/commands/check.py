"""`workshop-tui check`: the pre-send checks of one odometer reading, a stable contract (issue 9 B).

Reads `{"vin", "date", "km", "odometer_replaced"?, "five_digit_odometer"?, "today"?, "history"?}`
on stdin and prints `{"ok", "findings": [{"code", "severity", "text"}]}`. Exit 0 when no finding
blocks, 1 when one does, 2 on bad input (one line on stderr naming the field).
"""

from __future__ import annotations

import argparse
import json

from ..domain.check_inputs import MAX_KM, InputError, parse_reading_check
from ..domain.findings import blocking
from ..domain.reading_checks import reading_findings
from ..translations import _, active_language
from ..translations.formats import formats
from ..translations.render import finding_text
from . import UsageError, clock
from .json_input import input_error_line, read_object

EXIT_OK, EXIT_BLOCKED = 0, 1


def _detail(error: InputError) -> str:
    """The range of a km (the only numbers of the input), said with the error."""
    if error.problem not in ("not_integer", "out_of_range"):
        return ""
    return _("0 to {max_km}").format(max_km=formats(active_language()).number(MAX_KM))


def run(args: argparse.Namespace) -> int:
    try:
        request = parse_reading_check(read_object())
    except InputError as error:
        raise UsageError(input_error_line(error.path, error.problem, _detail(error))) from None
    language = args.lang or "en"
    findings = reading_findings(
        request.vin, request.reading, request.history, request.today or clock.today_in_belgium()
    )
    out = {
        "ok": not blocking(findings),
        "findings": [
            {"code": f.code, "severity": f.severity.value, "text": finding_text(f, language)} for f in findings
        ],
    }
    print(json.dumps(out, ensure_ascii=False))
    return EXIT_BLOCKED if blocking(findings) else EXIT_OK
