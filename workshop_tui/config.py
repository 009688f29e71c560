"""Settings: defaults, then the JSON file on the XDG config path, then WORKSHOP_* variables.

Nested values use a double underscore: WORKSHOP_CARPASS__URL=https://... .

A settings file that cannot be read, is not JSON or holds a wrong value is never replaced by
the defaults (they would turn a production terminal into a sandbox): loading raises
`SettingsError`, one line naming the file or variable, the setting and how to fix it.
The file is written atomically and readable by the user only; values that come from
WORKSHOP_* variables are never written into it.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails

from .locations import config_file, default_db_url, private_dir, private_file, sandbox_db_url
from .translations import environment_language

ENV_PREFIX, ENV_NESTING = "WORKSHOP_", "__"
MAX_TIMEOUT_S = 300.0
DB_SCHEMES = ("sqlite", "postgresql", "postgres")


class SettingsError(ValueError):
    """The settings cannot be used; the message is one line naming where and how to fix it."""


Language = Literal["fr", "nl", "en"]


def _default_language() -> Language:
    """The language the environment asks for (LC_ALL, LC_MESSAGES, LANG), as the CLI's messages use."""
    return cast(Language, environment_language())


def _timeout(value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        raise ValueError(f"must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}")
    return value


def service_url_error(url: str) -> str | None:
    """Why `url` cannot be a service's base URL (None: empty, or http(s):// with a host)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a port that is not a number 0-65535
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must start with https:// and name a host"
    return None


def database_scheme(url: str) -> str:
    """The database kind of `url` ("sqlite", "postgresql"...), with or without a connection pool."""
    return urlsplit(url).scheme.removesuffix("+pool")


def database_url_error(url: str) -> str | None:
    """Why `url` cannot be a database URL (None: empty, sqlite:///PATH or postgresql://...)."""
    if not url:
        return None
    if database_scheme(url) not in DB_SCHEMES or "\x00" in url:
        return "must be sqlite:///PATH or postgresql://USER@HOST:PORT/NAME"
    return None


def _checked(error: str | None, value: str) -> str:
    if error:
        raise ValueError(error)
    return value


class Company(BaseModel):
    """The workshop as Car-Pass knows it."""

    name: str = Field("", description="Company name as on the invoices")
    enterprise_number: str = Field("", description="KBO/BCE number, 10 digits, leading 0 or 1")
    establishment_number: str = Field(
        "", description="Establishment unit number, 10 digits, starts with 2-8 (Car-Pass user name)"
    )
    nace_code: str = Field("45201", description="Main NACE-BEL activity code")
    address: str = Field("", description="Street, number, postcode and town, as printed on documents")
    phone: str = Field("", description="Phone number printed on documents")
    email: str = Field("", description="E-mail address printed on documents")


class Endpoint(BaseModel):
    """A remote service. An empty URL means: use the embedded sandbox on loopback."""

    url: str = Field("", description="Base URL; empty starts the local sandbox")
    password: SecretStr = Field(SecretStr(""), description="Password (never shown or logged)")
    connect_timeout: float = Field(3.0, description="Seconds to wait for a connection")
    read_timeout: float = Field(10.0, description="Seconds to wait for an answer")

    @field_validator("url")
    @classmethod
    def _valid_url(cls, value: str) -> str:
        return _checked(service_url_error(value), value)

    @field_validator("connect_timeout", "read_timeout")
    @classmethod
    def _valid_timeout(cls, value: float) -> float:
        return _timeout(value)


class Settings(BaseModel):
    """All settings of one terminal: the values given, over WORKSHOP_* variables, over the file.

    Made without pydantic-settings: it made this module's import some 90 ms slower (270-287 ms
    against 182-191 ms), yet the launch to the first frame was only 13 ms quicker without it
    (643 against 656 ms, medians of bench/startup.py).
    """

    model_config = ConfigDict(extra="ignore", validate_default=True)

    db_url: str = Field("", description="Database URL; empty means SQLite in the user data directory")
    language: Language = Field(default_factory=_default_language, description="fr, nl or en")
    camera_source: str = Field("0", description="Device index, video file or camera URL")
    decoder: Literal["zxing", "pyzbar"] = Field("zxing", description="Primary barcode decoder: zxing or pyzbar")
    terminal_name: str = Field("terminal-1", description="Name of this terminal in the audit log")
    company: Company = Company()
    registry: Endpoint = Endpoint()
    carpass: Endpoint = Endpoint()

    @field_validator("db_url")
    @classmethod
    def _valid_db_url(cls, value: str) -> str:
        return _checked(database_url_error(value), value)

    def __init__(self, **values: Any) -> None:
        super().__init__(**_merged(read_file(config_file()), _from_environment(), values))

    @property
    def sandbox(self) -> bool:
        """An empty service URL means the embedded sandbox (see `Endpoint`)."""
        return not (self.registry.url and self.carpass.url)

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """The settings of this terminal, with the given values (None: not given) over all others.

        Raise SettingsError naming the file or variable at fault.
        """
        overrides = {name: value for name, value in overrides.items() if value is not None}
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise SettingsError(_explain(exc.errors()[0], overrides)) from None

    def database_url(self) -> str:
        """The database of these settings; a SQLite file is created 0600 in a 0700 folder first.

        Raise SettingsError when that file cannot be made (no such folder, name too long...).
        """
        url = self.db_url or (sandbox_db_url() if self.sandbox else default_db_url())
        path = urlsplit(url).path[1:]  # sqlite:///relative and sqlite:////absolute
        if database_scheme(url) == "sqlite" and path.strip("/") not in ("", ":memory:"):
            try:
                private_file(Path(path))
            except (OSError, ValueError) as exc:
                raise SettingsError(
                    f"db_url: cannot create the database file {path}: {getattr(exc, 'strerror', None) or exc}"
                ) from None
        return url

    def save(self) -> None:
        """Write the settings file atomically, readable by the user only, without the values of WORKSHOP_* variables.

        A 0600 temporary file in the same folder is written and fsynced, then renamed over the
        file, then the folder is fsynced: a crash leaves either the old or the new file, whole.
        """
        path = config_file()
        data = self.model_dump(mode="json")
        for name in ("registry", "carpass"):
            data[name]["password"] = getattr(self, name).password.get_secret_value()
        on_file = read_file(path) if path.exists() else {}
        _keep_file_values(data, on_file, _from_environment())
        write_private(path, json.dumps(data, indent=2, ensure_ascii=False).encode())


def read_file(path: Path) -> dict[str, Any]:
    """The settings file as a dict ({} when there is none); SettingsError when it is unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file {path}: {exc.strerror or exc}") from None
    fix = "fix it or delete it (then the settings screen writes a new one)"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"the settings file {path} is not UTF-8 text: {fix}") from None
    except json.JSONDecodeError as exc:
        what = "is empty" if not raw.strip() else f"is not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        raise SettingsError(f"the settings file {path} {what}: {fix}") from None
    except RecursionError:
        raise SettingsError(f"the settings file {path} is nested too deeply: {fix}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"the settings file {path} must hold one JSON object: {fix}")
    return data


def _env_name(loc: tuple[Any, ...]) -> str:
    return ENV_PREFIX + ENV_NESTING.join(str(part) for part in loc).upper()


def _explain(error: ErrorDetails, overrides: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    key = ".".join(str(part) for part in loc)
    problem = error["msg"].removeprefix("Value error, ")
    if "input" in error and not isinstance(error["input"], (dict, list)):
        shown = repr(error["input"])
        problem += f" (got {shown if len(shown) <= 40 else shown[:37] + '...'})"
    if loc and loc[0] in overrides:
        return f"{key}: {problem}"
    variable = _env_name(loc)
    if any(name.upper() == variable for name in os.environ):
        return f"environment variable {variable}: {problem}"
    return f"setting '{key}' in {config_file()}: {problem}; correct it there or remove the key to use the default"


def _from_environment() -> dict[str, Any]:
    """The values WORKSHOP_* variables give (any case), nested like the settings: WORKSHOP_CARPASS__URL
    is carpass.url, and WORKSHOP_CARPASS a whole section as a JSON object. A key's own variable wins
    over its section's JSON, whatever their order in the environment. Names of no setting are ignored."""
    sections: dict[str, Any] = {}
    keys: dict[str, Any] = {}
    for name, raw in os.environ.items():
        if not name.upper().startswith(ENV_PREFIX):
            continue
        path = name[len(ENV_PREFIX) :].lower().split(ENV_NESTING)
        field = Settings.model_fields.get(path[0])
        if field is None:
            continue
        section = isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
        if section and len(path) == 1:
            try:
                value = json.loads(raw)
            except ValueError:
                value = None
            if not isinstance(value, dict):
                raise SettingsError(f"environment variable {name.upper()}: not a valid JSON object")
            sections[path[0]] = _merged(sections.get(path[0], {}), value)
        elif section and len(path) == 2:
            keys.setdefault(path[0], {})[path[1]] = raw
        elif not section and len(path) == 1:
            keys[path[0]] = raw
    return _merged(sections, keys)


def _merged(*layers: dict[str, Any]) -> dict[str, Any]:
    """The layers merged, later over earlier, sections (dicts) key by key."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            below = merged.get(key)
            merged[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


def _keep_file_values(data: dict[str, Any], on_file: dict[str, Any], from_env: dict[str, Any]) -> None:
    """Put back, in `data`, what the file held for every value an environment variable gave."""
    for key, value in from_env.items():
        if key not in data:
            continue
        if isinstance(value, dict) and isinstance(data[key], dict):
            nested = on_file.get(key)
            _keep_file_values(data[key], nested if isinstance(nested, dict) else {}, value)
        elif key in on_file:
            data[key] = on_file[key]
        else:
            del data[key]


def write_private(path: Path, content: bytes) -> None:
    """Replace `path` with `content` atomically; the file is 0600 and its folder 0700 when made."""
    private_dir(path.parent)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
