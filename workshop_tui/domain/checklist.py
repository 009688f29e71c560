"""The used-vehicle checklist (annex of the Royal Decree of 5 April 2019): its structure and parser.

The list of points is data (`data/used_vehicle_checklist.csv`), replaceable without code. The
parser is pure: text in, a `Checklist` out, or a `ChecklistError` carrying a code and a line.

File format: `# key: value` lines before the header give the list's `status` (`provisional` or
`official`) and its `source` (printed on the checklist header); other `#` lines are comments.
Then a CSV header and one row per point: group, group_fr, group_nl, group_en, point, label_fr,
label_nl, label_en. Groups are headings, in order of first appearance.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

LANGUAGES = ("fr", "nl", "en")
COLUMNS = ("group", *(f"group_{lang}" for lang in LANGUAGES), "point", *(f"label_{lang}" for lang in LANGUAGES))
STATUSES = ("provisional", "official")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_META = re.compile(r"#\s*(status|source)\s*:(.*)")


class CheckState(StrEnum):
    """The three ticks a point can get."""

    OK = "ok"
    WEAR = "wear"  # signs of wear
    REPAIR = "repair"  # to be repaired


@dataclass(frozen=True)
class _Labelled:
    id: str
    labels: Mapping[str, str]  # language -> label

    def label(self, language: str) -> str:
        """The label in `language`, or the id where the list gives none."""
        return self.labels.get(language) or self.id


@dataclass(frozen=True)
class ChecklistPoint(_Labelled):
    pass


@dataclass(frozen=True)
class ChecklistGroup(_Labelled):
    points: tuple[ChecklistPoint, ...]


@dataclass(frozen=True)
class Checklist:
    status: str  # "provisional" or "official"
    source: str  # where the list comes from, printed on the checklist header
    groups: tuple[ChecklistGroup, ...]

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"

    @property
    def points(self) -> tuple[ChecklistPoint, ...]:
        return tuple(p for g in self.groups for p in g.points)

    @cached_property
    def groups_by_id(self) -> Mapping[str, ChecklistGroup]:
        return {group.id: group for group in self.groups}

    @cached_property
    def points_by_id(self) -> Mapping[str, ChecklistPoint]:
        return {point.id: point for point in self.points}


class ChecklistError(ValueError):
    """A checklist file that cannot be used: `code` says why, `line` where (1-based, 0 for the whole file)."""

    def __init__(self, code: str, line: int = 0, detail: str = "") -> None:
        super().__init__(f"{code} at line {line}" + (f": {detail}" if detail else ""))
        self.code = code
        self.line = line
        self.detail = detail


def _metadata(lines: list[str]) -> tuple[dict[str, str], int]:
    """`# key: value` pairs before the header, and the index of the header line."""
    meta: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if not line.startswith("#"):
            return meta, index
        match = _META.fullmatch(line.strip())
        if match:
            key = match.group(1)
            if key in meta:
                raise ChecklistError("DUPLICATE_METADATA", index + 1, key)
            meta[key] = match.group(2).strip()
    raise ChecklistError("NO_HEADER")


def parse_checklist(text: str) -> Checklist:
    """The checklist described by `text`; raises ChecklistError on the first problem found.

    Codes: NO_HEADER, DUPLICATE_METADATA, MISSING_STATUS, BAD_STATUS, MISSING_SOURCE, BAD_HEADER,
    BAD_ROW (wrong number of cells), EMPTY_CELL, BAD_ID, DUPLICATE_POINT, GROUP_LABEL_MISMATCH,
    NO_POINTS.
    """
    lines = text.lstrip("\ufeff").splitlines()
    meta, header_index = _metadata(lines)
    if "status" not in meta:
        raise ChecklistError("MISSING_STATUS")
    if meta["status"] not in STATUSES:
        raise ChecklistError("BAD_STATUS", 0, meta["status"])
    if not meta.get("source"):
        raise ChecklistError("MISSING_SOURCE")
    rows = csv.reader(lines[header_index:])
    header = [cell.strip() for cell in next(rows)]
    if tuple(header) != COLUMNS:
        raise ChecklistError("BAD_HEADER", header_index + 1, ",".join(header))

    groups: dict[str, tuple[dict[str, str], list[ChecklistPoint]]] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=header_index + 2):
        if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
            continue
        if len(row) != len(COLUMNS):
            raise ChecklistError("BAD_ROW", number, f"{len(row)} cells, {len(COLUMNS)} expected")
        cells = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
        for column, value in cells.items():
            if not value:
                raise ChecklistError("EMPTY_CELL", number, column)
        for column in ("group", "point"):
            if not _ID.fullmatch(cells[column]):
                raise ChecklistError("BAD_ID", number, cells[column])
        if cells["point"] in seen:
            raise ChecklistError("DUPLICATE_POINT", number, cells["point"])
        seen.add(cells["point"])
        group_labels = {lang: cells[f"group_{lang}"] for lang in LANGUAGES}
        labels, points = groups.setdefault(cells["group"], (group_labels, []))
        if labels != group_labels:
            raise ChecklistError("GROUP_LABEL_MISMATCH", number, cells["group"])
        points.append(ChecklistPoint(cells["point"], {lang: cells[f"label_{lang}"] for lang in LANGUAGES}))
    if not seen:
        raise ChecklistError("NO_POINTS")
    return Checklist(
        status=meta["status"],
        source=meta["source"],
        groups=tuple(ChecklistGroup(gid, labels, tuple(points)) for gid, (labels, points) in groups.items()),
    )
