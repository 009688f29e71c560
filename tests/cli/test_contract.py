"""The CLI contract: every bad argument, input or setting exits 2 with one line on stderr.

Each case runs `python -m workshop_tui` in a private home under a timeout (a hang fails).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.cli import build_parser

from .test_cli import JOB

REAL_SERVICES = json.dumps(
    {"registry": {"url": "https://registry.example"}, "carpass": {"url": "https://carpass.example"}}
)


def job(**changes: object) -> bytes:
    return json.dumps({**JOB, **changes}).encode()


def assert_one_line(out, *expected: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("workshop-tui")
    for text in expected:
        assert text in lines[0]


ARGUMENTS = [
    (["sandbox", "--port", "99999"], "a port must be a number from 0 to 65535"),
    (["sandbox", "--port", "-1"], "--port"),
    (["sandbox", "--port", "http"], "--port"),
    (["sandbox", "--host", "no such host", "--port", "0"], "cannot listen on 'no such host'"),
    (["sandbox", "--host", "\u202e", "--port", "0"], "cannot listen on"),
    (["deliver", "--batch", "0"], "a batch size must be a number from 1 to 1000"),
    (["deliver", "--batch", "-5"], "--batch"),
    (["deliver", "--batch", "1e9"], "--batch"),
    (["deliver", "--lease", "0"], "a lease in seconds"),
    (["deliver", "--lease", "nan"], "'nan'"),
    (["deliver", "--lease", "-inf"], "--lease"),
    (["scan", "--source", "0", "--timeout", "inf"], "--timeout"),
    (["scan", "--source", "0", "--timeout", "-1"], "--timeout"),
    (["scan"], "the following arguments are required: --source"),
    (["scan", "--source", "²"], "File not found: ²"),
    (["scan", "--source", "a" * 256], "File not found"),
    (["scan", "--source", "~nosuchuser/x.png"], "File not found: ~nosuchuser/x.png"),
    (["scan", "--source", "line\nbreak"], "File not found: line\\nbreak"),
    (["label", "WVWZZZ1JZXW000001", "-o", "/nonexistent/label.svg"], "cannot write"),
    (["label", "WVWZZZ1JZXW000001", "-o", "label.gif"], ".svg or .png"),
    (["vin"], "the following arguments are required: vin"),
    (["no-such-command"], "invalid choice: 'no-such-command'"),
    (["--lang", "de", "vin", "X"], "invalid choice: 'de'"),
    (["config", "shout"], "invalid choice: 'shout'"),
    (["vin", "X", "--unknown\nflag"], "unrecognized arguments: --unknown\\nflag"),
    (["--db", "nosuch://x", "config", "show"], "db_url: must be sqlite:///PATH or postgresql://"),
    (["--db", "sqlite:////proc/no/such/folder/w.db", "--lang", "en"], None),  # the TUI: no such folder
]


@pytest.mark.parametrize(
    ("args", "message"), ARGUMENTS, ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else None
)
def test_bad_arguments_exit_2_with_one_line(home, args, message):
    out = home.run(*args)
    assert_one_line(out, *([message] if message else []))


STDIN = [
    (job(total_incl_vat=1e308), "out of range"),
    (b'{"total_incl_vat": 1e308, "work": ["maintenance"]}', ""),
    (job(total_incl_vat="123456789012345678901234567"), "out of range"),
    (job(total_incl_vat=123456789012345678901234567), "out of range"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"a":' * 50_000, "nested too deeply"),
    (b"\xff\xfe{}", "standard input is not UTF-8 text"),
    (job(role="main\udcff".encode("utf-8", "surrogatepass").decode("latin-1")), ""),
    (b"", "input is not JSON"),
    (b"\x00", "input is not JSON"),
]


@pytest.mark.parametrize(("stdin", "message"), STDIN, ids=lambda v: repr(v)[:30] if isinstance(v, bytes) else None)
def test_obligation_bad_stdin_exits_2_with_one_line(home, stdin, message):
    assert_one_line(home.run("obligation", stdin=stdin), message)


SETTINGS_FILES = [
    ("{", "is not valid JSON (Expecting property name"),
    ("", "is empty"),
    ("[1, 2]", "must hold one JSON object"),
    (b"\xff{}", "is not UTF-8 text"),
    ('{"carpass": {"read_timeout": "abc"}}', "setting 'carpass.read_timeout'"),
    ('{"carpass": {"connect_timeout": 0}}', "setting 'carpass.connect_timeout'"),
    ('{"registry": {"read_timeout": 1e999}}', "must be a number of seconds"),
    ('{"carpass": {"url": "https://[::z"}}', "setting 'carpass.url'"),
    ('{"registry": {"url": "ftp://registry.example"}}', "must start with https://"),
    ('{"carpass": {"url": "https://carpass.example:99999"}}', "setting 'carpass.url'"),
    ('{"language": "de"}', "setting 'language'"),
    ('{"decoder": 5}', "setting 'decoder'"),
    ('{"company": "Garage"}', "setting 'company'"),
    ('{"db_url": "mysql://x"}', "setting 'db_url'"),
    ('{"carpass": ' * 5000 + "1" + "}" * 5000, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("content", "message"), SETTINGS_FILES, ids=lambda v: repr(v)[:30] if isinstance(v, (str, bytes)) else None
)
def test_a_broken_settings_file_stops_with_its_path_and_is_kept(home, content, message):
    check_broken_settings(home, ["config", "show"], content, message)


@pytest.mark.parametrize(
    ("content", "message"), SETTINGS_FILES[::3], ids=lambda v: repr(v)[:30] if isinstance(v, (str, bytes)) else None
)
@pytest.mark.parametrize("command", [["deliver", "--until-done"], []], ids=lambda c: " ".join(c) or "terminal")
def test_deliver_and_the_terminal_do_not_start_on_broken_settings(home, command, content, message):
    check_broken_settings(home, command, content, message)


def check_broken_settings(home, command, content, message):
    home.write_config(content)
    before = home.config.read_bytes()
    out = home.run(*command)
    assert_one_line(out, message)
    if "setting '" in message:
        assert str(home.config) in out.stderr  # where to fix it
    assert home.config.read_bytes() == before  # never replaced by the defaults


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WORKSHOP_CARPASS__READ_TIMEOUT", "nan"),
        ("WORKSHOP_REGISTRY__CONNECT_TIMEOUT", "-3"),
        ("WORKSHOP_CARPASS__URL", "not a url"),
        ("WORKSHOP_LANGUAGE", "xx"),
        ("WORKSHOP_COMPANY", "{broken"),
    ],
)
def test_a_bad_environment_variable_is_named(home, variable, value):
    out = home.run("config", "show", env={variable: value})
    assert_one_line(out, f"environment variable {variable}:")


@pytest.mark.parametrize(
    "db",
    ["postgresql://nobody@127.0.0.1:1/none", "sqlite:////proc/none/w.db", "sqlite:///" + "d" * 300 + "/w.db"],
)
def test_an_unusable_database_is_one_line(home, db):
    home.write_config(REAL_SERVICES)
    assert_one_line(home.run("--db", db, "deliver", "--until-done"), "database")


def test_bad_service_urls_given_by_the_environment_are_one_line(home):
    out = home.run(
        "deliver",
        "--until-done",
        env={"WORKSHOP_REGISTRY__URL": "https://r.example", "WORKSHOP_CARPASS__URL": "http://[::1"},
    )
    assert_one_line(out, "WORKSHOP_CARPASS__URL")


def test_deliver_with_plain_http_credentials_is_one_line(home):
    home.write_config(
        json.dumps({"registry": {"url": "https://r.example"}, "carpass": {"url": "http://carpass.example"}})
    )
    assert_one_line(home.run("deliver", "--until-done"), "credentials are only sent over https://")


def test_help_is_not_an_error(home):
    out = home.run("deliver", "--help")
    assert out.returncode == 0 and "--batch" in out.stdout and out.stderr == ""


SUBCOMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices or ())
HOSTILE = st.one_of(
    st.sampled_from(["0", "-1", "nan", "inf", "1e308", "99999", "²", "", " ", "--", "-", "~nosuchuser/x", "a" * 300]),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20),
)
OPTIONS = st.sampled_from(
    ["--port", "--host", "--batch", "--lease", "--timeout", "--source", "--json", "--nace", "-o", "--db"]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from([c for c in SUBCOMMANDS if c != "sandbox"]),
    words=st.lists(st.one_of(OPTIONS, HOSTILE), min_size=1, max_size=4),
    stdin=st.binary(max_size=64),
)
def test_random_words_never_crash(home, command, words, stdin):
    """Whatever follows a subcommand: an answer (0, 1) or one line on stderr (2); never a traceback."""
    out = home.run(command, *words, stdin=stdin)
    assert out.returncode in (0, 1, 2), out.stderr
    assert "Traceback" not in out.stderr
    if out.returncode == 2:
        assert_one_line(out)
