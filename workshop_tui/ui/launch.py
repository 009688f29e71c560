"""`workshop-tui` with no subcommand: run the terminal, start the services, close the services.

The settings are read before anything is drawn: a broken settings file stops the start with
one line naming the setting (it is never replaced by defaults, see `config`).

The first screen is drawn before the services start (store, sandbox, HTTP clients: about half
of the start-up work): the mechanic can type or scan at once, and the workers that need a
service wait for it in their thread. Started in a thread any sooner, they would share the
interpreter with the first frame and delay it by as much.

What start-up builds (modules, classes, the first screen, the services) lives as long as the
terminal. The garbage collector waits until the services run (walking those objects over and
over was a tenth of the time to the first frame), and they are frozen out of its reach: its full
collections would otherwise walk them all (pauses of 50-180 ms in the middle of a scan). The
few thousand reference cycles start-up leaves behind are frozen with them (well under 1 MB):
collecting them first would cost 25-70 ms on the way to the first lookup.

Once the first screen is drawn, threads take turns on the interpreter every millisecond, not every
5 (Python's default): a worker back from the network or the database waits for its turn while a
screen is being built, once per request and per query. Beside a busy thread, first lookups in
the sandbox took 10.6 ms (median; worst 166 ms) with 5 ms turns and 5.9 ms (worst 20 ms) with 1 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..translations import _
from ..translations.render import error_text

if TYPE_CHECKING:
    from ..config import Settings
    from .app import WorkshopApp

SWITCH_INTERVAL_S = 0.001  # how long a thread keeps the interpreter when another one waits for it

# pydantic's plugin loader when its plugins are disabled: its `get_plugins` then gives none.
_NO_PLUGINS = ModuleType("pydantic.plugin._loader")
_NO_PLUGINS.get_plugins = tuple  # type: ignore[attr-defined]


def camera_factory(settings: Settings):
    """The camera loop of the settings, built when the app starts it (None: no camera)."""
    if not settings.camera_source.strip():
        return None
    from scanners.camera import CameraLoop

    return partial(CameraLoop, settings.camera_source, settings.decoder)


class StartingServices:
    """The terminal's services, started in a thread by `start()`; calls wait until they run.

    Only `sandbox` is read on the UI thread, and it is known from the settings
    (`Settings.sandbox`); every other call comes from a worker thread.
    """

    def __init__(self, settings: Settings, on_failure: Callable[[Exception], None] | None = None):
        self.settings = settings
        self.sandbox = settings.sandbox
        self.on_failure = on_failure
        self._running: Future[Any] = Future()
        self._started = False

    def start(self) -> None:
        """Start the services in a thread (once); a failure is raised by every later call.

        Called once the first screen is drawn: what start-up has built so far is frozen first;
        the garbage collector runs again once the services have started (or failed to). From
        then on threads take turns every `SWITCH_INTERVAL_S`.
        """
        if not self._started:
            self._started = True
            gc.freeze()
            sys.setswitchinterval(SWITCH_INTERVAL_S)
            threading.Thread(target=self._start, name="services-start", daemon=True).start()

    def _start(self) -> None:
        # The services' imports are half of the start-up work: made here, after the first frame.
        from .. import wiring

        try:
            running = wiring.start(self.settings)
            gc.freeze()  # and now the services
            self._running.set_result(running)
        except Exception as error:  # told once, then raised again by every call that waits for the services
            if self.on_failure is not None:
                self.on_failure(error)
            self._running.set_exception(error)
        finally:
            gc.enable()

    def __getattr__(self, name: str) -> Any:
        self.start()
        return getattr(self._running.result(), name)

    def close(self) -> None:
        """Close the services once they have started (a failed start left nothing open)."""
        if self._started and self._running.exception() is None:
            self._running.result().close()


def run(args: argparse.Namespace) -> int:
    skip_unused_imports()
    gc.disable()  # until the first frame (`StartingServices.start`)
    try:
        return _run(args)
    finally:
        gc.enable()


def skip_unused_imports() -> None:
    """What the terminal never uses is not imported on the way to its first lookup.

    - No pydantic plugin: pydantic need not look for them in every installed package's metadata
      (4 ms before the first frame), nor import its plugin loader, which imports importlib.metadata
      (with email, zipfile, csv: 7-10 ms). PYDANTIC_DISABLE_PLUGINS= (empty) lets them load.
    - No httpx command line: httpx imports it whenever click is installed (test and dev installs,
      textual-dev), with click, pygments and rich.syntax: 35 ms of the services' start. Marked
      missing, as on a terminal's own install: httpx then gives its `main` stub.
    """
    if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") == "__all__":
        sys.modules.setdefault("pydantic.plugin._loader", _NO_PLUGINS)
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def skip_unused_driver(database_url: str) -> None:
    """A terminal on SQLite does not import the PostgreSQL driver: peewee imports psycopg2 wherever it
    is installed, 10-20 ms of the services' start on the way to the first lookup. The database is chosen
    once per start (the settings screen's changes apply at the next), so it is marked missing, as on an
    install without it."""
    from ..config import database_scheme

    if database_scheme(database_url) == "sqlite":
        sys.modules.setdefault("psycopg2", None)  # type: ignore[arg-type]


def _tell_failure(app: WorkshopApp, error: Exception) -> None:
    """Tell, from the services' thread, that they could not start."""
    app.call_from_thread(
        app.notify, _("The services could not start: {error}. Nothing can be saved or sent: check the database in the settings (Ctrl+G) and restart.").format(error=error_text(error)), severity="error", timeout=60,
        markup=False,
    )  # fmt: skip


def _run(args: argparse.Namespace) -> int:
    from ..config import Settings

    settings = Settings.load(db_url=args.db, language=args.lang)
    skip_unused_driver(settings.database_url())  # a database file that cannot be made stops here, before the screen

    from .app import WorkshopApp

    services = StartingServices(settings)
    try:
        app = WorkshopApp(
            services,
            settings,
            camera=camera_factory(settings),
            on_first_frame=services.start,
        )
        services.on_failure = partial(_tell_failure, app)
        app.run()
        app.write_pending()  # the last keystrokes before quitting, now that the screen is gone
        return app.return_code or 0
    finally:
        services.close()
