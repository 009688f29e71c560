"""`workshop-tui sale-check`: the sale's pre-print checks as a stable contract (issue 10 item 2).

Reads one JSON object on stdin (see `domain.check_inputs.parse_sale_check`), prints
`{"ok": bool, "findings": [{"code", "severity", "text"}]}` with `text` in `--lang`, and exits
0 when nothing blocks, 1 when something does. Bad input (not UTF-8, not JSON, nested too deeply,
a field of the wrong kind) raises `UsageError` (see `json_input`), which the CLI says in one
line with exit 2.
"""

from __future__ import annotations

import argparse
import json

from ..domain.check_inputs import MAX_KM, MAX_TEXT, MAX_WARRANTY_MONTHS, InputError, parse_sale_check
from ..domain.findings import blocking
from ..domain.sale_checks import sale_findings
from ..translations import N_, _, active_language
from ..translations.formats import formats
from ..translations.render import finding_text
from . import UsageError
from .json_input import input_error_line, read_object

EXIT_OK, EXIT_BLOCKED = 0, 1

DETAILS = {
    "too_long": N_("at most {max_text} characters"),
    "out_of_range": N_("km 0 to {max_km}, warranty 0 to {max_months} months"),
}


def _detail(error: InputError) -> str:
    """The limits a refused value broke, said with the error."""
    if error.problem == "unknown_value":
        return "consumer, company, trader"  # the JSON values, as typed
    if error.problem not in DETAILS:
        return ""
    number = formats(active_language()).number
    return _(DETAILS[error.problem]).format(
        max_text=number(MAX_TEXT), max_km=number(MAX_KM), max_months=number(MAX_WARRANTY_MONTHS)
    )


def run(args: argparse.Namespace) -> int:
    try:
        sale = parse_sale_check(read_object())
    except InputError as error:
        raise UsageError(input_error_line(error.path, error.problem, _detail(error))) from None
    language = getattr(args, "lang", None) or "en"
    findings = sale_findings(sale)
    out = {
        "ok": not blocking(findings),
        "findings": [
            {"code": f.code, "severity": f.severity.value, "text": finding_text(f, language)} for f in findings
        ],
    }
    print(json.dumps(out, ensure_ascii=False))
    return EXIT_BLOCKED if blocking(findings) else EXIT_OK
