"""`workshop-tui` with no subcommand: start the services, run the terminal, close the services."""

from __future__ import annotations

import argparse
from functools import partial

from ..config import Settings


def camera_factory(settings: Settings):
    """The camera loop of the settings, built when the app starts it (None: no camera)."""
    if not settings.camera_source.strip():
        return None
    from scanners.camera import CameraLoop

    return partial(CameraLoop, settings.camera_source, settings.decoder)


def run(args: argparse.Namespace) -> int:
    overrides = {name: value for name, value in (("db_url", args.db), ("language", args.lang)) if value}
    settings = Settings(**overrides)

    from ..services import bootstrap
    from .app import WorkshopApp

    services = bootstrap.start(settings)
    try:
        app = WorkshopApp(services, settings, camera=camera_factory(settings))
        app.run()
        app.write_pending()  # the last keystrokes before quitting, now that the screen is gone
        return app.return_code or 0
    finally:
        services.close()
