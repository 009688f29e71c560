"""The one JSON object a subcommand reads on stdin (`obligation`, `check`, `submit`).

Whatever is wrong with the text becomes a `UsageError` saying so in one line: not JSON, not
one object, nested too deeply, a number too long to read, NaN or Infinity (in the active
language; the fields are named as the input spells them). Non-integer
numbers are read as `Decimal`, never as a float. Undecodable bytes on stdin are refused
by the CLI before this (see `cli.NotUtf8`).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any, NoReturn

from pydantic import ValidationError

from ..translations import N_, _
from . import UsageError


def _no_constant(name: str) -> NoReturn:
    raise UsageError(_("input holds {name}, which is not a JSON number").format(name=name))


def load_object(text: str) -> dict[str, Any]:
    """`text` as one JSON object; UsageError with one line otherwise."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = _("line {line} column {column}").format(line=exc.lineno, column=exc.colno)
        raise UsageError(_("input is not JSON ({error})").format(error=f"{exc.msg}, {where}")) from None
    except RecursionError:
        raise UsageError(_("input is nested too deeply")) from None
    except ValueError:  # an integer longer than Python reads (int_max_str_digits)
        raise UsageError(_("a number in the input is too long")) from None
    if not isinstance(data, dict):
        raise UsageError(_("input must be one JSON object"))
    return data


def read_object() -> dict[str, Any]:
    """The JSON object on standard input."""
    return load_object(sys.stdin.read())


_PROBLEMS = {
    "not_object": N_("must be a JSON object"),
    "not_list": N_("must be a list"),
    "not_string": N_("must be a string"),
    "not_integer": N_("must be an integer"),
    "not_boolean": N_("must be true or false"),
    "not_date": N_("must be a date written YYYY-MM-DD"),
    "missing": N_("is missing"),
    "empty": N_("is empty"),
    "too_long": N_("is too long"),
    "out_of_range": N_("is out of range"),
    "unknown_field": N_("is not a known field"),
    "unknown_value": N_("is not one of the known values"),
}


def input_error_line(path: str, problem: str, detail: str = "") -> str:
    """One line naming the field and what is wrong with it, for a `domain.check_inputs.InputError`."""
    text = _(_PROBLEMS[problem]) if problem in _PROBLEMS else problem
    return f"{path or _('input')}: {text}" + (f" ({detail})" if detail else "")


_VALIDATION = {
    "missing": N_("field is missing"),
    "too_short": N_("the list is empty"),
    "enum": N_("unknown value {input!r}"),
    "greater_than_equal": N_("must not be negative"),
    "less_than_equal": N_("must be at most {le}"),
    "decimal_parsing": N_("{input!r} is not an amount"),
    "decimal_max_places": N_("at most 2 decimals"),
    "extra_forbidden": N_("is not a known field"),
}


def validation_line(error: ValidationError) -> str:
    """One line naming the first field pydantic refused and why: `work.0: unknown value 'polishing'`."""
    first = error.errors()[0]
    template = _(_VALIDATION[first["type"]]) if first["type"] in _VALIDATION else None
    context = first.get("ctx") or {}
    input_text = first.get("input")
    if isinstance(input_text, str) and len(input_text) > 40:
        input_text = input_text[:40] + "..."
    text = template.format(input=input_text, **context) if template else first["msg"]
    return f"{'.'.join(str(p) for p in first['loc']) or _('input')}: {text}"
