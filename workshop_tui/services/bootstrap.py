"""Build one terminal's services from its settings; start the sandbox when no URL is configured."""

from __future__ import annotations

import threading
from contextlib import ExitStack

from ..config import Company, Settings
from ..locations import data_dir, sandbox_db_url
from ..storage import Store
from .carpass_client import CarPassClient
from .outbox import Deliverer
from .policies import database_open
from .registry_client import RegistryClient
from .sandbox.app import SANDBOX_PASSWORD
from .sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER, SandboxServer
from .workshop import Workshop

SANDBOX_COMPANY = Company(
    name="Garage Sandbox (demo)",
    enterprise_number=SANDBOX_ENTERPRISE_NUMBER,
    establishment_number=SANDBOX_ESTABLISHMENT_NUMBER,
    nace_code="45201",
)


class Services(Workshop):
    """The workshop services plus what keeps them running (sandbox, deliverer thread)."""

    def __init__(self, *args, closer: ExitStack, **kwargs):
        super().__init__(*args, **kwargs)
        self._closer = closer

    def close(self) -> None:
        self._closer.close()


def start(settings: Settings, *, deliver: bool = True) -> Services:
    """Open the store, connect the clients (to the sandbox when a URL is empty), start delivering."""
    closer = ExitStack()
    try:
        sandbox = not (settings.registry.url and settings.carpass.url)
        registry_url, carpass_url = settings.registry.url, settings.carpass.url
        company, password = settings.company, settings.carpass.password
        if sandbox:
            server = SandboxServer()
            server.start()
            closer.callback(server.stop)
            registry_url, carpass_url = server.registry_url, server.carpass_url
            company, password = SANDBOX_COMPANY, SANDBOX_PASSWORD
        default_url = sandbox_db_url() if sandbox else None
        store = Store.open(settings.db_url or default_url, terminal=settings.terminal_name, retrying=database_open())
        closer.callback(store.close)
        registry = RegistryClient(
            registry_url, connect_timeout=settings.registry.connect_timeout, read_timeout=settings.registry.read_timeout
        )
        closer.callback(registry.close)
        carpass = CarPassClient(
            carpass_url,
            company.establishment_number,
            password,
            company.enterprise_number,
            connect_timeout=settings.carpass.connect_timeout,
            read_timeout=settings.carpass.read_timeout,
        )
        closer.callback(carpass.close)
        deliverer = Deliverer(store, carpass, worker=settings.terminal_name)
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
            company,
            data_dir() / "documents",
            sandbox=sandbox,
            closer=closer,
        )
    except BaseException:
        closer.close()
        raise
