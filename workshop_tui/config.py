"""Settings: defaults, then the JSON file on the XDG config path, then WORKSHOP_* variables.

Nested values use a double underscore: WORKSHOP_CARPASS__URL=https://... .
"""

from __future__ import annotations

import argparse
import json
import locale

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, JsonConfigSettingsSource, SettingsConfigDict

from .locations import config_file


def _default_language() -> str:
    lang = (locale.getlocale()[0] or "en")[:2].lower()
    return lang if lang in ("fr", "nl", "en") else "en"


class Company(BaseModel):
    """The workshop as Car-Pass knows it."""

    name: str = Field("", description="Company name as on the invoices")
    enterprise_number: str = Field("", description="KBO/BCE number, 10 digits, leading 0 or 1")
    establishment_number: str = Field("", description="Establishment unit number, 10 digits, starts with 2-8 (Car-Pass user name)")
    nace_code: str = Field("45201", description="Main NACE-BEL activity code")


class Endpoint(BaseModel):
    """A remote service. An empty URL means: use the embedded sandbox on loopback."""

    url: str = Field("", description="Base URL; empty starts the local sandbox")
    password: SecretStr = Field(SecretStr(""), description="Password (never shown or logged)")
    connect_timeout: float = Field(3.0, description="Seconds to wait for a connection")
    read_timeout: float = Field(10.0, description="Seconds to wait for an answer")


class Settings(BaseSettings):
    """All settings of one terminal."""

    model_config = SettingsConfigDict(env_prefix="WORKSHOP_", env_nested_delimiter="__", extra="ignore")

    db_url: str = Field("", description="Database URL; empty means SQLite in the user data directory")
    language: str = Field(default_factory=_default_language, description="fr, nl or en")
    camera_source: str = Field("0", description="Device index, video file or camera URL")
    decoder: str = Field("zxing", description="Primary barcode decoder: zxing or pyzbar")
    terminal_name: str = Field("terminal-1", description="Name of this terminal in the audit log")
    company: Company = Company()
    registry: Endpoint = Endpoint()
    carpass: Endpoint = Endpoint()

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        return (init_settings, env_settings, JsonConfigSettingsSource(settings_cls, json_file=config_file()))

    def save(self) -> None:
        """Write the settings file (secrets included, file readable by the user only)."""
        path = config_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.model_dump(mode="json")
        for name in ("registry", "carpass"):
            data[name]["password"] = getattr(self, name).password.get_secret_value()
        path.write_text(json.dumps(data, indent=2))
        path.chmod(0o600)


def cli(args: argparse.Namespace) -> int:
    if args.what == "path":
        print(config_file())
    else:
        print(Settings().model_dump_json(indent=2))
    return 0
