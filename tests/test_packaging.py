"""The wheel: the two top-level names, every module of the tree and every file the app reads at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "workshop-tui"  # a clean copy: no stale build/ folder
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("workshop_tui-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _tree(folder: str, pattern: str) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix() for path in (ROOT / folder).rglob(pattern) if "__pycache__" not in path.parts
    }


def test_only_workshop_tui_and_scanners_are_installed(names: set[str]) -> None:
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"workshop_tui", "scanners"}


def test_every_module_of_the_tree_is_in_the_wheel(names: set[str]) -> None:
    modules = _tree("workshop_tui", "*.py") | _tree("scanners", "*.py")
    assert modules - names == set()


def test_run_time_files_are_in_the_wheel(names: set[str]) -> None:
    data = {f"workshop_tui/data/{path.name}" for path in (ROOT / "data").iterdir() if path.suffix in (".csv", ".json")}
    read_at_run_time = (
        _tree("workshop_tui/translations/locale", "*.po")
        | _tree("workshop_tui/documents/templates", "*.html")
        | _tree("workshop_tui/documents/fonts", "*.ttf")
        | _tree("workshop_tui/ui", "*.tcss")
        | data
    )
    assert {name for name in read_at_run_time if name.endswith(".po")}  # fr and nl
    assert read_at_run_time - names == set()


def test_the_unpacked_wheel_imports_and_reads_its_files(wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    code = (
        "import importlib.resources as r, workshop_tui.cli, workshop_tui.translations.render, scanners.codes;"
        "assert workshop_tui.cli.__file__.startswith(r'{site}') and scanners.codes.__file__.startswith(r'{site}');"
        "assert r.files('workshop_tui.data').joinpath('activities.csv').read_text(encoding='utf-8');"
        "from workshop_tui.translations import translations;"
        "print(translations('fr').gettext('valid'))"
    ).format(site=tmp_path / "site")
    # Run from the temporary folder, the unpacked wheel first on the path: the tree is not used.
    env = {"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() not in ("", "valid")  # the French catalog was compiled from its .po and used
