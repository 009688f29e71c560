"""Requests and responses as the sandbox application sees them, independent of sockets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pydantic import BaseModel

from ..services.contract import ErrorBody, ErrorCode

JSON = "application/json"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Response:
    """What to answer. `delay` seconds pass before answering; `drop` closes without an answer;
    `dribble` sends the answer one byte every that many seconds."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    dribble: float = 0.0

    def delayed(self, seconds: float) -> Response:
        return replace(self, delay=seconds)

    def dribbled(self, seconds: float) -> Response:
        return replace(self, dribble=seconds)

    def dropped(self) -> Response:
        return replace(self, drop=True)

    def garbled(self) -> Response:
        """The same answer with its JSON body cut in half (and never empty)."""
        return replace(self, body=self.body[: len(self.body) // 2] or b"{")


def json_response(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, model.model_dump_json().encode(), {"Content-Type": JSON, **(headers or {})})


class ApiError(Exception):
    """An error answer: raised anywhere in the sandbox, turned into an ErrorBody response."""

    def __init__(self, status: int, code: ErrorCode, message: str, details: list[str] | None = None,
                 headers: dict[str, str] | None = None):  # fmt: skip
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(code=code, message=message, details=details or [])
        self.headers = headers or {}

    def response(self) -> Response:
        return json_response(self.body, self.status, self.headers)
