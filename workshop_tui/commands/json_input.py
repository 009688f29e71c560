"""The one JSON object a subcommand reads on stdin (`obligation`, `check`, `submit`).

Whatever is wrong with the text becomes a `UsageError` saying so in one line: not JSON, not
one object, nested too deeply, a number too long to read, NaN or Infinity. Non-integer
numbers are read as `Decimal`, never as a float. Undecodable bytes on stdin are refused
by the CLI before this (see `cli.NotUtf8`).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any, NoReturn

from pydantic import ValidationError

from . import UsageError


def _no_constant(name: str) -> NoReturn:
    raise UsageError(f"input holds {name}, which is not a JSON number")


def load_object(text: str) -> dict[str, Any]:
    """`text` as one JSON object; UsageError with one line otherwise."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UsageError(f"input is not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise UsageError("input is nested too deeply") from None
    except ValueError:  # an integer longer than Python reads (int_max_str_digits)
        raise UsageError("a number in the input is too long") from None
    if not isinstance(data, dict):
        raise UsageError("input must be one JSON object")
    return data


def read_object() -> dict[str, Any]:
    """The JSON object on standard input."""
    return load_object(sys.stdin.read())


_PROBLEMS = {
    "not_object": "must be a JSON object",
    "not_list": "must be a list",
    "not_string": "must be a string",
    "not_integer": "must be an integer",
    "not_boolean": "must be true or false",
    "not_date": "must be a date written YYYY-MM-DD",
    "missing": "is missing",
    "empty": "is empty",
    "too_long": "is too long",
    "out_of_range": "is out of range",
    "unknown_field": "is not a known field",
    "unknown_value": "is not one of the known values",
}


def input_error_line(path: str, problem: str, detail: str = "") -> str:
    """One line naming the field and what is wrong with it, for a `domain.check_inputs.InputError`."""
    text = _PROBLEMS.get(problem, problem)
    return f"{path or 'input'}: {text}" + (f" ({detail})" if detail else "")


_VALIDATION = {
    "missing": "field is missing",
    "too_short": "the list is empty",
    "enum": "unknown value {input!r}",
    "greater_than_equal": "must not be negative",
    "less_than_equal": "must be at most {le}",
    "decimal_parsing": "{input!r} is not an amount",
    "decimal_max_places": "at most 2 decimals",
    "extra_forbidden": "is not a known field",
}


def validation_line(error: ValidationError) -> str:
    """One line naming the first field pydantic refused and why: `work.0: unknown value 'polishing'`."""
    first = error.errors()[0]
    template = _VALIDATION.get(first["type"])
    context = first.get("ctx") or {}
    input_text = first.get("input")
    if isinstance(input_text, str) and len(input_text) > 40:
        input_text = input_text[:40] + "..."
    text = template.format(input=input_text, **context) if template else first["msg"]
    return f"{'.'.join(str(p) for p in first['loc']) or 'input'}: {text}"
