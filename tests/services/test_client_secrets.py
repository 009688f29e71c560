"""The Car-Pass password never shows up in a message, a repr or a log line."""

from __future__ import annotations

import base64
import logging
import uuid

import pytest
from pydantic import SecretStr

from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.http import ConfigurationError, ServiceError

SECRET = "Tr0ub4dor&3-never-log-me"
ENCODED = base64.b64encode(f"{SANDBOX_ESTABLISHMENT_NUMBER}:{SECRET}".encode()).decode()


def _chain(error: BaseException | None):
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


@pytest.mark.parametrize("fault", [None, "500", "drop", "malformed", "maintenance=5000"])
def test_password_is_in_no_error_repr_or_log(make_carpass, admin, caplog, fault):
    client = make_carpass(password=SecretStr(SECRET))
    if fault:
        admin.inject(fault, count=5)
    with caplog.at_level(logging.DEBUG), pytest.raises(ServiceError) as raised:
        client.status(str(uuid.uuid4()))
    texts = [repr(client), caplog.text] + [t for e in _chain(raised.value) for t in (str(e), repr(e))]
    for text in texts:
        assert SECRET not in text and ENCODED not in text


def test_credentials_in_the_url_or_over_plain_http_are_refused():
    for url in (f"https://{SANDBOX_ESTABLISHMENT_NUMBER}:{SECRET}@car-pass.example", "http://car-pass.example"):
        with pytest.raises(ConfigurationError) as raised:
            CarPassClient(url, SANDBOX_ESTABLISHMENT_NUMBER, SECRET, SANDBOX_ENTERPRISE_NUMBER)
        assert SECRET not in str(raised.value)


def test_https_and_loopback_http_are_accepted():
    for url in ("https://car-pass.example/inflow", "http://127.0.0.1:8765", "http://localhost:1"):
        with CarPassClient(url, SANDBOX_ESTABLISHMENT_NUMBER, SECRET, SANDBOX_ENTERPRISE_NUMBER) as client:
            assert SECRET not in repr(client)
