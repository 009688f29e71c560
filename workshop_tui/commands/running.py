"""The services a one-shot subcommand works with (`document`, `export`, `submit`), opened and closed
around it, and the garage those documents name."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import Settings
from ..documents.models import Garage
from ..paperwork import garage_of
from ..wiring import Services, start


@contextmanager
def workshop(args: argparse.Namespace) -> Iterator[tuple[Settings, Services]]:
    """The settings in force (`--db` too) and the services, without a deliverer thread."""
    settings = Settings.load(db_url=args.db)
    services = start(settings, deliver=False)
    try:
        yield settings, services
    finally:
        services.close()


def garage(settings: Settings, services: Services) -> Garage:
    """The configured garage (also in sandbox mode, then marked SANDBOX); the sandbox's demo one
    when no name is configured."""
    company = settings.company if settings.company.name.strip() else services.company
    return garage_of(company, sandbox=services.sandbox)
