"""What a check finds: a stable code, a severity, the field it concerns and typed parameters.

The core never words a finding; the UI, the CLI and the documents render `code` with
`params` in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum


class Severity(StrEnum):
    """How a finding weighs on sending or printing."""

    BLOCK = "block"  # cannot be sent or printed
    CONFIRM = "confirm"  # sent only after an explicit confirmation, recorded in the audit log
    WARN = "warn"  # shown, nothing more


@dataclass(frozen=True)
class Finding:
    """One finding: `params` hold typed values (km as int, amounts as Decimal, dates as date)."""

    code: str
    severity: Severity
    field: str | None = None
    params: Mapping[str, object] = dataclass_field(default_factory=dict)


def blocking(findings: Iterable[Finding]) -> bool:
    """True when any finding stops the action."""
    return any(f.severity is Severity.BLOCK for f in findings)
