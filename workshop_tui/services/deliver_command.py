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
from ..domain.models import SubmissionState
from .bootstrap import start

_IN_FLIGHT = (SubmissionState.PENDING, SubmissionState.SENT)


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.db:
        settings.db_url = args.db
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
        while not stop.is_set() and _in_flight(services.store):
            if not deliverer.deliver_due():
                time.sleep(0.05)
        return 1 if _in_flight(services.store) else 0
    except KeyboardInterrupt:
        return 130
    finally:
        services.close()


def _in_flight(store) -> bool:
    return any(v.state in _IN_FLIGHT for v in store.outbox())
