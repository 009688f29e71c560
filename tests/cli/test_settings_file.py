"""The settings file and the data folder: atomic saves, private permissions, no environment values written."""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import SecretStr

from workshop_tui.config import Company, Endpoint, Settings, SettingsError
from workshop_tui.locations import config_file, data_dir


@pytest.fixture(autouse=True)
def usual_umask(private_home):
    previous = os.umask(0o022)  # files 0644 and folders 0755 unless made private
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_settings_file_and_its_folder_are_private_and_no_temporary_file_is_left():
    Settings(carpass=Endpoint(password=SecretStr("s3cret"))).save()
    path = config_file()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["config.json"]
    assert json.loads(path.read_text())["carpass"]["password"] == "s3cret"


def test_the_data_folder_and_the_database_file_are_private():
    url = Settings(db_url="").database_url()
    assert mode(data_dir()) == 0o700
    database = Path(url.removeprefix("sqlite:///"))
    assert database.parent == data_dir() and mode(database) == 0o600


def test_a_database_file_in_a_new_folder_is_private(tmp_path):
    Settings(db_url=f"sqlite:///{tmp_path}/bay/terminal.db").database_url()
    assert mode(tmp_path / "bay") == 0o700 and mode(tmp_path / "bay" / "terminal.db") == 0o600


def test_values_from_the_environment_are_never_written_to_the_file(monkeypatch):
    Settings(carpass=Endpoint(url="https://file.example", password=SecretStr("from-file"))).save()
    monkeypatch.setenv("WORKSHOP_CARPASS__URL", "https://env.example")
    monkeypatch.setenv("WORKSHOP_CARPASS__PASSWORD", "from-env")
    monkeypatch.setenv("WORKSHOP_TERMINAL_NAME", "env-terminal")
    settings = Settings.load()
    assert settings.carpass.url == "https://env.example" and settings.terminal_name == "env-terminal"
    settings.model_copy(update={"company": Company(name="Garage Martin")}).save()
    saved = json.loads(config_file().read_text())
    assert saved["company"]["name"] == "Garage Martin"  # the user's change is kept
    assert saved["carpass"]["url"] == "https://file.example" and saved["carpass"]["password"] == "from-file"
    assert saved["terminal_name"] == "terminal-1"  # what the file held, not the variable's value


def test_values_come_from_the_call_then_the_environment_then_the_file_key_by_key(monkeypatch):
    Settings(company=Company(name="Garage Martin", phone="02 123 45 67"), camera_source="1").save()
    monkeypatch.setenv("workshop_company__phone", "09 876 54 32")  # any case
    monkeypatch.setenv("WORKSHOP_CARPASS", '{"url": "https://carpass.example", "read_timeout": 20}')
    monkeypatch.setenv("WORKSHOP_CAMERA_SOURCE", "2")
    monkeypatch.setenv("WORKSHOP_NOT_A_SETTING", "ignored")
    settings = Settings.load(camera_source="3")
    assert (settings.company.name, settings.company.phone) == ("Garage Martin", "09 876 54 32")
    assert (settings.carpass.url, settings.carpass.read_timeout) == ("https://carpass.example", 20.0)
    assert settings.camera_source == "3"


@pytest.mark.parametrize("key_first", [True, False])
def test_a_key_s_own_variable_wins_over_its_section_s_json_in_either_order(monkeypatch, key_first):
    section = ("WORKSHOP_CARPASS", '{"url": "https://json.example", "read_timeout": 20}')
    key = ("WORKSHOP_CARPASS__URL", "https://key.example")
    order = (key, section) if key_first else (section, key)
    for name, value in order:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv(name, value)
    assert [n for n in os.environ if n.startswith("WORKSHOP_CARPASS")] == [name for name, _ in order]
    settings = Settings.load()
    assert (settings.carpass.url, settings.carpass.read_timeout) == ("https://key.example", 20.0)


def test_the_default_language_is_the_one_the_cli_speaks(monkeypatch):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert Settings.load().language == "nl"
    monkeypatch.setenv("LC_ALL", "fr_BE.UTF-8")  # LC_ALL first, as for the CLI's messages
    assert Settings.load().language == "fr"


def test_a_value_only_the_environment_gives_stays_out_of_a_new_file(monkeypatch):
    monkeypatch.setenv("WORKSHOP_REGISTRY__PASSWORD", "from-env")
    Settings.load().save()
    assert "password" not in json.loads(config_file().read_text())["registry"]


def test_a_broken_file_is_neither_used_nor_overwritten():
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"carpass": {"url": "https://carpass.example", "read_timeout": "ten"}}')
    with pytest.raises(SettingsError, match=r"setting 'carpass.read_timeout' in .*config.json"):
        Settings.load()
    path.write_text('{"carpass": {"url": "https://carpass.example"')  # cut short
    with pytest.raises(SettingsError, match="is not valid JSON"):
        Settings.model_construct().save()  # the defaults never replace what the user wrote
    assert path.read_text().endswith('"https://carpass.example"')


SAVER = """
import sys
from workshop_tui.config import Company, Settings
names = [Company(name="A" * 40_000), Company(name="B" * 40_000)]
print("ready", flush=True)
i = 0
while True:
    Settings(company=names[i % 2]).save()
    i += 1
"""


def test_a_kill_during_save_never_leaves_an_empty_or_partial_file(private_home):
    env = {**os.environ, "XDG_CONFIG_HOME": str(private_home / "config"), "XDG_DATA_HOME": str(private_home / "data")}
    path = config_file()
    rng = random.Random(9)
    deadline = time.monotonic() + 60
    kills = 0
    while kills < 20 and time.monotonic() < deadline:
        saver = subprocess.Popen([sys.executable, "-c", SAVER], stdout=subprocess.PIPE, env=env)
        assert saver.stdout is not None and saver.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        saver.kill()
        saver.wait(10)
        kills += 1
        if path.exists():  # the first save may not have finished yet
            name = Settings.load().company.name  # whole and valid, or load raises
            assert name in ("A" * 40_000, "B" * 40_000)
            assert mode(path) == 0o600
    assert kills == 20
    assert path.exists()
