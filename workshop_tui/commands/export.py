"""`workshop-tui export history [--from DATE] [--to DATE] -o PATH`: the reported readings as CSV
for Belgian Excel (`;`, decimal comma, BOM, headers and states in `--lang`), in a new file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paperwork
from ..translations import _
from . import UsageError
from .running import workshop


def run(args: argparse.Namespace) -> int:
    since, until = args.since, args.until
    if since and until and since > until:
        raise UsageError(
            _("--from {since} is after --to {until}").format(since=since.isoformat(), until=until.isoformat())
        )
    with workshop(args) as (_settings, services):
        entries = paperwork.history_entries(services, since, until)
        print(paperwork.write_export(entries, args.lang or "en", Path(args.output)))
    return 0
