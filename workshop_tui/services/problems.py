"""Why a service call failed, as a code and parameters (a `Finding`) that the UI words in the
reader's language (`translations.render`); the exception's message stays English, for the logs.

    error.problem  # Finding(TIMEOUT, Severity.WARN, None, {"service": CARPASS})

`stored` and `from_stored` keep a problem in a text column (the outbox's last error and refusal
message), so it is worded in the language of whoever reads it, not of whoever sent the reading.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..domain.findings import Finding, Severity

# The services, as a `service` parameter.
REGISTRY = "registry"
CARPASS = "carpass"
SERVICES = (REGISTRY, CARPASS)
LOG_NAMES = {REGISTRY: "vehicle registry", CARPASS: "Car-Pass"}  # in the English messages, for the logs

# Problem codes, with their parameters besides `service`.
UNREACHABLE = "SERVICE_UNREACHABLE"  # no connection (refused, DNS, TLS, proxy, reset)
TIMEOUT = "SERVICE_TIMEOUT"  # no complete answer within the deadline
ANSWER_TOO_LARGE = "SERVICE_ANSWER_TOO_LARGE"  # limit (bytes)
UNDECODABLE = "SERVICE_UNDECODABLE"  # a compressed body that cannot be decompressed
MALFORMED = "SERVICE_MALFORMED"  # an answer that does not follow the contract
BUSY = "SERVICE_BUSY"  # status (408, 429)
SERVER_ERROR = "SERVICE_SERVER_ERROR"  # status (5xx)
MAINTENANCE = "SERVICE_MAINTENANCE"  # the service's maintenance window
REFUSED = "SERVICE_REFUSED"  # status, code (the service's, may be ""), words (the service's own, may be "")
AUTHENTICATION_FAILED = "SERVICE_AUTHENTICATION_FAILED"  # wrong establishment number or password
NOT_FOUND = "SERVICE_NOT_FOUND"  # HTTP 404
CORRECTION_LIMIT = "SERVICE_CORRECTION_LIMIT"  # the one electronic correction is used
INVALID_REQUEST = "SERVICE_INVALID_REQUEST"  # details ("field: problem; ..."); nothing was sent
SETTINGS = "SERVICE_SETTINGS"  # setting (timeouts, the workshop's identity): they cannot work
URL_INVALID = "SERVICE_URL_INVALID"  # setting (None): not an https:// URL naming a host
URL_WITH_CREDENTIALS = "SERVICE_URL_WITH_CREDENTIALS"  # setting (None): user name or password in the URL
URL_PLAIN_HTTP = "SERVICE_URL_PLAIN_HTTP"  # setting (None): credentials over plain http to another machine
CODES = (
    UNREACHABLE, TIMEOUT, ANSWER_TOO_LARGE, UNDECODABLE, MALFORMED, BUSY, SERVER_ERROR, MAINTENANCE, REFUSED,
    AUTHENTICATION_FAILED, NOT_FOUND, CORRECTION_LIMIT, INVALID_REQUEST, SETTINGS, URL_INVALID,
    URL_WITH_CREDENTIALS, URL_PLAIN_HTTP,
)  # fmt: skip

# Marks a stored problem. The service's own words never hold it: `http.truncated` makes every
# control character a space.
_MARK = "\x1f"


def problem(code: str, service: str | None, /, **params: str | int | None) -> Finding:
    """The finding of a failed call to `service` (None: not known where it was raised)."""
    return Finding(code, Severity.WARN, None, {"service": service, **params})


def stored(problem: Finding) -> str:
    """`problem` as the text kept in the outbox (a mark, then JSON of its code and parameters)."""
    return _MARK + json.dumps({"code": problem.code, "params": dict(problem.params)}, ensure_ascii=False)


def from_stored(text: str | None) -> Finding | None:
    """The problem `stored` kept in `text`; None for anything else (e.g. an English message kept
    before problems were stored, or the service's own words)."""
    if not text or not text.startswith(_MARK):
        return None
    try:
        kept = json.loads(text[len(_MARK) :])
    except ValueError:
        return None
    if not isinstance(kept, dict) or kept.get("code") not in CODES or not isinstance(kept.get("params"), Mapping):
        return None
    return Finding(kept["code"], Severity.WARN, None, kept["params"])
