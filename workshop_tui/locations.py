"""Where workshop-tui keeps its files (XDG directories via platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP = "workshop-tui"


def config_file() -> Path:
    return user_config_path(APP) / "config.json"


def data_dir() -> Path:
    path = user_data_path(APP)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'workshop.db'}"


def sandbox_db_url() -> str:
    """Demo data against the sandbox never mixes with readings meant for the real Car-Pass."""
    return f"sqlite:///{data_dir() / 'sandbox.db'}"
