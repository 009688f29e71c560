"""Layering: the core never imports the UI toolkit; screens never touch SQL or sockets."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = [ROOT / "workshop_tui" / "domain", ROOT / "scanners", ROOT / "data"]
UI = [ROOT / "workshop_tui" / "ui"]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level > 0 and node.module:
            names.add("." + node.module.split(".")[0])
    return names


def files(folders):
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


@pytest.mark.parametrize("path", files(CORE), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_does_not_import_textual_or_rich(path):
    assert not imported_modules(path) & {"textual", "rich"}


def test_domain_does_no_io():
    forbidden = {"peewee", "httpx", "socket", "sqlite3", "cv2", "requests", "urllib", "playhouse", "textual"}
    for path in files([ROOT / "workshop_tui" / "domain"]):
        assert not imported_modules(path) & forbidden, path


def test_ui_never_touches_storage_or_sockets():
    forbidden = {"peewee", "playhouse", "httpx", "socket", "sqlite3", "psycopg2", ".storage"}
    offenders = {str(p.relative_to(ROOT)): imported_modules(p) & forbidden for p in files(UI)}
    assert {k: v for k, v in offenders.items() if v} == {}
