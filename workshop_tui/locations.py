"""Where workshop-tui keeps its files (XDG directories via platformdirs), private to the user."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP = "workshop-tui"


def private_dir(path: Path) -> Path:
    """`path`, made if missing with its missing parents; a folder this creates is 0700 (user only)."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is masked by the umask
    return path


def private_file(path: Path) -> Path:
    """`path`, created empty and 0600 (user only) if missing, in a private folder."""
    private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        path.chmod(0o600)
    return path


def config_file() -> Path:
    return user_config_path(APP) / "config.json"


def data_dir() -> Path:
    return private_dir(user_data_path(APP))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'workshop.db'}"


def sandbox_db_url() -> str:
    """Demo data against the sandbox never mixes with readings meant for the real Car-Pass."""
    return f"sqlite:///{data_dir() / 'sandbox.db'}"
