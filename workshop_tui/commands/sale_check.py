"""`workshop-tui sale-check`: the sale's pre-print checks as a stable contract (issue 10 item 2).

Reads one JSON object on stdin (see `domain.check_inputs.parse_sale_check`), prints
`{"ok": bool, "findings": [{"code", "severity", "text"}]}` with `text` in `--lang`, and exits
0 when nothing blocks, 1 when something does. Bad input (not UTF-8, not JSON, nested too deeply,
a field of the wrong kind) raises `UsageError`, which the CLI says in one line with exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..domain.check_inputs import MAX_KM, MAX_TEXT, MAX_WARRANTY_MONTHS, InputError, parse_sale_check
from ..domain.findings import blocking
from ..domain.sale_checks import sale_findings
from ..translations.render import finding_text
from . import UsageError

EXIT_OK, EXIT_BLOCKED = 0, 1

PROBLEMS = {
    "not_object": "must be a JSON object",
    "not_list": "must be a list",
    "not_string": "must be a string",
    "not_integer": "must be an integer",
    "not_boolean": "must be true or false",
    "not_date": "must be a date written YYYY-MM-DD",
    "missing": "is missing",
    "empty": "must not be empty",
    "too_long": f"is longer than {MAX_TEXT} characters",
    "out_of_range": f"is out of range (km 0 to {MAX_KM:,}, warranty 0 to {MAX_WARRANTY_MONTHS} months)",
    "unknown_field": "is not a field of the input",
    "unknown_value": "must be one of: consumer, company, trader",
}


def explain_input(error: InputError) -> str:
    """One English line naming the field and what is wrong with it."""
    return f"{error.path or 'the input'} {PROBLEMS.get(error.problem, error.problem)}"


def decode(text: str) -> object:
    """The JSON value in `text`; UsageError when it is not JSON (RecursionError when nested too deeply)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"the input is not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from None
    except ValueError:  # an integer with more digits than Python converts
        raise UsageError("a number in the input has too many digits") from None


def run(args: argparse.Namespace) -> int:
    try:
        sale = parse_sale_check(decode(sys.stdin.read()))
    except InputError as error:
        raise UsageError(explain_input(error)) from None
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
