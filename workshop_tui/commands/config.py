"""`workshop-tui config path|show`: where the settings file lives, and the settings in force."""

from __future__ import annotations

import argparse

from ..config import Settings
from ..locations import config_file


def run(args: argparse.Namespace) -> int:
    if args.what == "path":
        print(config_file())
    else:
        print(Settings.load(db_url=args.db).model_dump_json(indent=2))  # passwords shown as ********
    return 0
