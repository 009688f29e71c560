"""The composition root: settings → store → clients → sandbox → deliverer, in one place.

The terminal (`ui/launch.py`) and every CLI subcommand build what they need here and nowhere
else. Tests replace the network, the clock and the HTTP policies through `Seams`.

    settings = Settings.load(db_url=args.db)       # SettingsError names the file/variable at fault
    services = start(settings, deliver=False)      # StorageUnavailable, ConfigurationError, OSError
    ...
    services.close()
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

import httpx
from pydantic import SecretStr

from .config import Company, Settings
from .services.carpass_client import CarPassClient
from .services.outbox import Deliverer
from .services.policies import CARPASS_HTTP, REGISTRY_HTTP, HttpPolicy, database_open
from .services.registry_client import RegistryClient
from .services.workshop import Workshop
from .storage import Store
from .storage.values import utcnow

if TYPE_CHECKING:
    from .services.sale_desk import SaleDesk


@dataclass(frozen=True)
class Seams:
    """What tests replace: the network under both HTTP clients, the deliverer's clock, the HTTP policies."""

    transport: httpx.BaseTransport | None = None  # None: the real network
    clock: Callable[[], datetime] = utcnow
    registry_http: HttpPolicy = REGISTRY_HTTP
    carpass_http: HttpPolicy = CARPASS_HTTP


class Services(Workshop):
    """The workshop services plus what keeps them running (sandbox, deliverer thread), the
    company they report for (the sandbox's demo company in sandbox mode) and the sale desk."""

    def __init__(self, *args, company: Company, closer: ExitStack, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self._closer = closer

    @cached_property
    def sale_desk(self) -> SaleDesk:
        """Made when first opened: its modules and models (some 25 ms) are not imported on the way to
        the terminal's first vehicle lookup."""
        from .services.sale_desk import SaleDesk, shipped_checklist

        return SaleDesk(self.store, self.vehicles, shipped_checklist())

    def close(self) -> None:
        self._closer.close()


def start(settings: Settings, *, deliver: bool = True, seams: Seams = Seams()) -> Services:
    """Open the store, connect the clients (to the sandbox when a URL is empty), start delivering."""
    closer = ExitStack()
    try:
        sandbox = settings.sandbox
        registry_url, carpass_url = settings.registry.url, settings.carpass.url
        company = settings.company
        password: SecretStr | str = settings.carpass.password
        if sandbox:
            registry_url, carpass_url, company, password = _start_sandbox(closer)
        store = Store.open(settings.database_url(), terminal=settings.terminal_name, retrying=database_open())
        closer.callback(store.close)
        registry = RegistryClient(
            registry_url,
            connect_timeout=settings.registry.connect_timeout,
            read_timeout=settings.registry.read_timeout,
            policy=seams.registry_http,
            transport=seams.transport,
        )
        closer.callback(registry.close)
        carpass = CarPassClient(
            carpass_url,
            company.establishment_number,
            password,
            company.enterprise_number,
            connect_timeout=settings.carpass.connect_timeout,
            read_timeout=settings.carpass.read_timeout,
            policy=seams.carpass_http,
            transport=seams.transport,
        )
        closer.callback(carpass.close)
        deliverer = Deliverer(store, carpass, worker=settings.terminal_name, clock=seams.clock)
        closer.callback(deliverer.close)
        if deliver:
            stop = threading.Event()
            thread = threading.Thread(target=deliverer.run, args=(stop,), name="outbox", daemon=True)
            thread.start()
            closer.callback(thread.join, 10)
            closer.callback(deliverer.wake.set)
            closer.callback(stop.set)
        return Services(
            store,
            registry,
            carpass,
            deliverer,
            company.nace_code,
            sandbox=sandbox,
            company=company,
            closer=closer,
        )
    except BaseException:
        closer.close()
        raise


def _start_sandbox(closer: ExitStack) -> tuple[str, str, Company, str]:
    """The embedded sandbox's URLs, demo company and password, once it listens on loopback.

    Imported here only: a terminal with real services never loads it (some 15 ms less to start them).
    """
    from .sandbox.app import SANDBOX_PASSWORD
    from .sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER, SandboxServer

    server = SandboxServer()
    server.start()
    closer.callback(server.stop)
    company = Company(
        name="Garage Sandbox (demo)",
        enterprise_number=SANDBOX_ENTERPRISE_NUMBER,
        establishment_number=SANDBOX_ESTABLISHMENT_NUMBER,
        nace_code="45201",
    )
    return server.registry_url, server.carpass_url, company, SANDBOX_PASSWORD
