"""`workshop-tui document receipt|correction|history ID`: a document in the customer's language.

ID is the submission number for a receipt or a correction form, the VIN for a history report.
The file is written at `-o PATH`, or beside it under a fresh name when PATH exists; the path
written is printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paperwork
from ..documents.models import Document
from ..translations import _
from . import UsageError
from .clock import today_in_belgium
from .running import garage, workshop


def _submission_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) < 2**31:
        raise UsageError(_("{text} is not a submission number (a positive integer)").format(text=repr(text[:40])))
    return int(text)


def run(args: argparse.Namespace) -> int:
    language = args.lang or "en"
    with workshop(args) as (settings, services):
        firm = garage(settings, services)
        document: Document
        if args.kind == "history":
            try:
                document = paperwork.history_report(services, firm, args.id, today_in_belgium())
            except LookupError:
                raise UsageError(_("no reported reading of {vin}").format(vin=args.id)) from None
        else:
            build = paperwork.receipt if args.kind == "receipt" else paperwork.correction_form
            document = build(services, firm, _submission_id(args.id))
        print(paperwork.write_document(document, language, args.format, Path(args.output)))
    return 0
