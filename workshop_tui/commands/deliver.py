"""`workshop-tui deliver`: drain the outbox without a screen (back office, cron, tests).

Settings come from the settings file and WORKSHOP_* variables like the app's; several
processes may drain one PostgreSQL outbox at once.
"""

from __future__ import annotations

import argparse
import signal
import threading
import time

from ..config import Settings
from ..translations import _
from ..wiring import start
from . import UsageError


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(db_url=args.db)
    if settings.sandbox:
        raise UsageError(_("no Car-Pass URL is configured; `deliver` sends real readings, never to the sandbox"))
    services = start(settings, deliver=False)
    deliverer = services.deliverer
    deliverer.lease_seconds = args.lease
    deliverer.batch = args.batch
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        if not args.until_done:
            deliverer.run(stop)
            return 0
        while not stop.is_set() and services.store.outbox.in_flight():
            if not deliverer.deliver_due():
                time.sleep(0.05)
        return 1 if services.store.outbox.in_flight() else 0
    finally:
        services.close()
