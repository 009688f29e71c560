"""CSV export of readings that opens right in Belgian Excel.

`;` between cells, a decimal comma whatever the headers' language (Belgian Excel reads it so), UTF-8 with a BOM (so Excel reads accents), headers
in the chosen language, states in words, a fresh file for every export (never overwriting), and no
cell that Excel would run as a formula.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from ..domain.models import SubmissionState
from ..translations import labels as work_labels
from .formats import Formats, Translations
from .labels import N_
from .models import HistoryEntry
from .text import clean

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADERS = (
    N_("Date"),
    N_("Plate"),
    N_("VIN"),
    N_("Customer"),
    N_("Odometer (km)"),
    N_("Odometer replaced"),
    N_("Work done"),
    N_("Total incl. VAT (EUR)"),
    N_("Car-Pass status"),
    N_("Car-Pass acknowledgement number"),
    N_("Car-Pass error number"),
)


def cell(value: str) -> str:
    """A text cell made safe: control characters stripped, a would-be formula prefixed with `'`."""
    text = str(clean(value))
    # the raw start counts too: cleaning turns a leading tab or CR into a space
    return "'" + text if value.startswith(_FORMULA_STARTS) or text.startswith(_FORMULA_STARTS) else text


def _decimal(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def rows(
    entries: Iterable[HistoryEntry],
    *,
    translations: Translations,
    formats: Formats,
    state_label: Callable[[SubmissionState], str],
) -> list[list[str]]:
    """The header row and one row per reading, every cell already safe for Excel."""
    yes, no = translations.gettext("yes"), translations.gettext("no")
    table = [[translations.gettext(h) for h in _HEADERS]]
    for e in entries:
        work = [translations.gettext(work_labels.WORK[k]) for k in e.work] + list(e.job_lines)
        table.append(
            [
                formats.date(e.reading.on),
                e.vehicle.plate,
                e.vehicle.vin,
                e.customer,
                str(e.reading.km),
                yes if e.reading.odometer_replaced else no,
                "; ".join(work),
                _decimal(e.total_incl_vat),
                state_label(e.submission.state),
                e.submission.ack_number,
                e.submission.error_number,
            ]
        )
    return [[cell(c) for c in row] for row in table]


def fresh_path(path: Path) -> Path:
    """`path` if nothing is there yet, else `name (2).csv`, `name (3).csv`... the first that is free."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return candidate


def export_csv(
    entries: Iterable[HistoryEntry],
    path: Path,
    *,
    translations: Translations,
    formats: Formats,
    state_label: Callable[[SubmissionState], str],
) -> Path:
    """Write the readings to a new file at `path` (or beside it, under a fresh name) and return where.

    The file is created exclusively, so an export never overwrites anything, even in a race.
    OSError when the folder cannot be written.
    """
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(
        rows(entries, translations=translations, formats=formats, state_label=state_label)
    )
    return write_new(path, out.getvalue().encode("utf-8-sig"))


def write_new(path: Path, data: bytes) -> Path:
    """`data` in a new file at `path`, or beside it under a fresh name; returns where.

    The file is created exclusively, so nothing is ever overwritten, even in a race.
    """
    while True:
        target = fresh_path(path)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue  # another writer took that name between the check and the creation
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return target
