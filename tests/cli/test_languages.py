"""The CLI's one-line failures speak `--lang` (before or after the subcommand), else the environment's language."""

from __future__ import annotations

import argparse
import inspect
import io
import json
import sys

import pytest

from workshop_tui.cli import ARGPARSE_MESSAGES, main, message_language
from workshop_tui.translations import active_language

BAD_KM = json.dumps({"vin": "WVWZZZ1JZXW000001", "date": "2026-06-15", "km": -1, "today": "2026-06-15"})

# name: (subcommand and its words, stdin, exit status, the line in en, fr, nl); {tmp} is the test's folder
CASES = {
    "bad VIN": (
        ["label", "WVWZZZ1JZXW00000", "-o", "{tmp}/label.svg"],
        "",
        1,  # `label` exits 1 for an invalid VIN, 2 for a bad output
        {
            "en": "WVWZZZ1JZXW00000 is not a valid VIN. The VIN has 16 characters, 17 expected.",
            "fr": "WVWZZZ1JZXW00000 n’est pas un VIN valide. Le VIN a 16 caractères, il en faut 17.",
            "nl": "WVWZZZ1JZXW00000 is geen geldig VIN. Het VIN heeft 16 tekens, er zijn er 17 nodig.",
        },
    ),
    "bad km": (
        ["check"],
        BAD_KM,
        2,
        {
            "en": "km: is out of range (0 to 9,999,999)",
            "fr": "km: est hors limites (0 à 9\u202f999\u202f999)",
            "nl": "km: valt buiten het bereik (0 tot 9.999.999)",
        },
    ),
    "unknown option": (
        ["vin", "WVWZZZ1JZXW000001", "--nope"],
        "",
        2,
        {
            "en": "unrecognized arguments: --nope (see: workshop-tui --help)",
            "fr": "arguments non reconnus\xa0: --nope (voir\xa0: workshop-tui --help)",
            "nl": "onbekende argumenten: --nope (zie: workshop-tui --help)",
        },
    ),
    "unreadable file": (
        ["scan", "--source", "{tmp}/notes.txt"],
        "",
        2,
        {
            "en": "Cannot read {tmp}/notes.txt: not an image or video this terminal can decode.",
            "fr": "Impossible de lire {tmp}/notes.txt\xa0: image ou vidéo illisible pour ce terminal.",
            "nl": "Kan {tmp}/notes.txt niet lezen: geen beeld of video die deze terminal kan decoderen.",
        },
    ),
}


def failure(capsys, monkeypatch, argv: list[str], stdin: str) -> tuple[int | str | None, list[str]]:
    """`workshop-tui ARGV` in this process: its exit status (argparse's refusals too) and stderr lines."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status: int | str | None
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse exits
        status = exit_.code
    out, err = capsys.readouterr()
    assert out == ""
    return status, err.splitlines()


@pytest.mark.parametrize("how", ["--lang before", "--lang after", "LANG", "LC_ALL"])
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("case", CASES)
def test_the_failure_line_speaks_the_chosen_language(capsys, monkeypatch, tmp_path, case, language, how):
    words, stdin, expected_status, lines = CASES[case]
    (tmp_path / "notes.txt").write_text("not an image\n")
    words = [word.format(tmp=tmp_path) for word in words]
    if how == "--lang before":
        argv = ["--lang", language, *words]
    elif how == "--lang after":
        argv = [*words, f"--lang={language}"]
    else:
        monkeypatch.setenv(how, {"fr": "fr_BE.UTF-8", "nl": "nl_BE.UTF-8", "en": "en_GB.UTF-8"}[language])
        argv = words
    status, err = failure(capsys, monkeypatch, argv, stdin)
    assert (status, err) == (expected_status, ["workshop-tui: " + lines[language].format(tmp=tmp_path)])
    assert active_language() == "en"  # the language of one call does not outlive it


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_usage_error_is_one_line_exit_2_in_the_language(capsys, monkeypatch, language):
    """argparse's own messages (a missing argument, a bad choice, a bad number) are translated too."""
    status, err = failure(capsys, monkeypatch, ["--lang", language, "sandbox", "--port", "99999"], "")
    expected = {
        "en": "argument --port: a port must be a number from 0 to 65535, not '99999'",
        "fr": "argument --port\xa0: un port\xa0: un nombre de 0 à 65535 est attendu, pas '99999'",
        "nl": "argument --port: een poort: een getal van 0 tot 65535 verwacht, niet '99999'",
    }[language]
    assert status == 2 and len(err) == 1 and expected in err[0]
    status, err = failure(capsys, monkeypatch, ["vin", "--lang", language], "")
    required = {"en": "the following arguments are required", "fr": "arguments obligatoires", "nl": "verplicht"}
    assert status == 2 and len(err) == 1 and required[language] in err[0]


def test_outside_text_stays_literal_on_one_line(capsys, monkeypatch):
    status, err = failure(capsys, monkeypatch, ["--lang", "fr", "vin", "X", "a\nb\x1b[31m"], "")
    assert status == 2 and err == [
        "workshop-tui: arguments non reconnus\xa0: a\\nb\\x1b[31m (voir\xa0: workshop-tui --help)"
    ]


def test_a_real_process_reads_the_environment(home):
    out = home.run("vin", "X", "--nope", env={"LANG": "nl_BE.UTF-8"})
    assert out.returncode == 2 and out.stderr.splitlines() == [
        "workshop-tui: onbekende argumenten: --nope (zie: workshop-tui --help)"
    ]


@pytest.mark.parametrize(
    ("argv", "environ", "language"),
    [
        ([], {"LANG": "fr_BE.UTF-8"}, "fr"),
        (["--lang", "nl", "vin"], {"LANG": "fr_BE.UTF-8"}, "nl"),  # --lang before the environment
        (["--lang", "fr", "vin", "X", "--lang=nl"], {}, "nl"),  # the last one, as argparse reads them
        (["--lang", "de", "vin"], {"LANG": "nl_NL"}, "nl"),  # not one of ours: argparse refuses it
        (["vin", "--", "--lang", "fr"], {}, "en"),  # after `--`, words are not options
        (["vin", "fr"], {}, "en"),
        ([], {"LC_ALL": "C", "LANG": "fr_BE.UTF-8"}, "en"),  # LC_ALL rules when set
        ([], {"LC_ALL": "", "LC_MESSAGES": "nl_BE", "LANG": "fr_BE"}, "nl"),
        ([], {"LANG": "de_DE.UTF-8"}, "en"),
        ([], {}, "en"),
    ],
)
def test_the_language_of_the_messages(monkeypatch, argv, environ, language):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert message_language(argv) == language


def test_the_argparse_messages_are_argparse_own():
    """If Python rewords one, its translation would silently stop: this says which."""
    source = inspect.getsource(argparse)
    assert [message for message in ARGPARSE_MESSAGES if repr(message) not in source] == []


def test_every_subcommand_takes_lang_after_it():
    from workshop_tui.cli import build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in action.choices.items():
        assert any("--lang" in a.option_strings for a in sub._actions), name
