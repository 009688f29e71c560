"""`workshop-tui export history [--from DATE] [--to DATE] -o PATH`: the reported readings as CSV
for Belgian Excel (`;`, decimal comma, BOM, headers and states in `--lang`), in a new file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paperwork
from . import UsageError
from .running import workshop


def run(args: argparse.Namespace) -> int:
    since, until = args.since, args.until
    if since and until and since > until:
        raise UsageError(f"--from {since.isoformat()} is after --to {until.isoformat()}")
    with workshop(args) as (_, services):
        entries = paperwork.history_entries(services, since, until)
        print(paperwork.write_export(entries, args.lang or "en", Path(args.output)))
    return 0
