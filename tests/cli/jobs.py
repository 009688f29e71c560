"""Jobs sent to `workshop-tui submit` in this process, against the real sandbox (helpers of the
submit, document and export tests)."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta
from typing import Any

from workshop_tui.cli import main
from workshop_tui.commands.clock import today_in_belgium

VIN = "WVWZZZCDZMW517853"  # a clean sandbox car, last read at 70,554 km
PLATE = "1-FUC-552"


def job(**changes) -> dict:
    fields = {
        "reference": "INV-2026-0001",
        "vin": VIN,
        "date": today_in_belgium().isoformat(),
        "km": 71_900,
        "plate": PLATE,
        "work": ["maintenance", "tyres"],
        "job_lines": ["Oil and filter", "Two front tyres"],
        "total_incl_vat": "189.90",
        "customer": {"name": "Jan [/] Peeters"},
    }
    return {**fields, **changes}


def days_ago(days: int) -> str:
    return (today_in_belgium() - timedelta(days=days)).isoformat()


def call(monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """`workshop-tui ARGS` in this process: exit status, stdout, stderr."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def submit(monkeypatch, capsys, payload: dict, *args: str) -> tuple[int, Any, str]:
    """`workshop-tui submit ARGS` with `payload` on stdin: exit status, the JSON printed (None if nothing), stderr."""
    status, out, err = call(monkeypatch, capsys, "submit", *args, stdin=json.dumps(payload))
    return status, (json.loads(out) if out else None), err


__all__ = ["PLATE", "VIN", "call", "date", "days_ago", "job", "submit"]
