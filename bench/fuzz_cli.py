"""Fuzz the command line: random and hostile invocations of every subcommand, each under a timeout.

    .venv/bin/python bench/fuzz_cli.py [-n 300] [--timeout 15] [--seed 1] [--jobs 2]

Each invocation runs `python -m workshop_tui` in a fresh home (its own settings file, data
folder and working folder) with hostile arguments, standard input bytes, WORKSHOP_* variables
and settings files. The subcommands are read from the parser, so new ones are fuzzed too.
Prints the inputs tried, the tracebacks (or internal errors) found, the hangs found, refusals
that took more than one line, and the exit-code histogram; then each failure, replayable.
A server (`sandbox`, `deliver` without --until-done) still running at the timeout is counted
as "ran until stopped", not as a hang. Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workshop_tui.cli import build_parser

NUMBERS = [
    "0",
    "-1",
    "1",
    "20",
    "nan",
    "-inf",
    "inf",
    "1e308",
    "99999",
    "65536",
    str(2**64),
    "²",
    "٣",
    "1_000",
    " 5 ",
    "",
    "0x10",
    "1,5",
]
TEXTS = [
    "",
    " ",
    "-",
    "--",
    "é",
    "Jan [/] Peeters",
    "[bold]x[/]",
    "a\nb",
    "\t",
    "\x1b[31m",
    "\u202e",
    "a" * 300,
    "%s%n",
    "'\"",
    "😀",
]
PATHS = ["~nosuchuser/x.png", "/", "/dev/null", "/proc/self/status", "/nonexistent/x.mp4", "x" * 256, "x" * 256 + ".png",
         "label.svg", "label.png", "label.gif", "../../x.svg", "/tmp"]  # fmt: skip
URLS = ["http://[::z", "http://127.0.0.1:9/video.mjpg", "rtsp://", "ftp://camera.local/x", "https://user:pw@host/x",
        "sqlite:///", "sqlite:////proc/x/w.db", "sqlite:///" + "d" * 300, "postgresql://nobody@127.0.0.1:1/x",
        "mysql://x", "nosuch://x", "sqlite:///:memory:"]  # fmt: skip
VINS = ["WVWZZZ1JZXW000001", "1HGCM82633A004352", "1HGCM82643A00435", "IOQ", "wvwzzz1jzxw000001 ", "V" * 5000]
HOSTILE = NUMBERS + TEXTS + PATHS + URLS + VINS
JOB = {"work": ["maintenance"], "total_incl_vat": "125.00", "customer_vat_registered": False,
       "vehicle": {"category": "M1", "max_mass_kg": 1600, "registered_in_belgium": True}, "role": "main"}  # fmt: skip
JSON_VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    1e308,
    10**27,
    "1e9",
    "12,50",
    "€ 99",
    "²",
    "",
    [],
    {},
    "x" * 10_000,
    [[[[[]]]]],
    0.1,
]
SETTINGS = [
    None,
    '{"registry": {"url": "http://127.0.0.1:9"}, "carpass": {"url": "http://127.0.0.1:9"}}',
    '{"registry": {"url": "https://127.0.0.1:9"}, "carpass": {"url": "https://127.0.0.1:9"}}',
    "",
    "{",
    "[]",
    '{"carpass": {"read_timeout": "ten"}}',
    '{"carpass": {"connect_timeout": -1, "url": "https://x"}}',
    '{"language": "de"}',
    '{"company": 5}',
    '{"db_url": "sqlite:////proc/x.db"}',
    '{"carpass": ' * 3000 + "{}" + "}" * 3000,
]
VARIABLES = ["WORKSHOP_CARPASS__URL", "WORKSHOP_REGISTRY__URL", "WORKSHOP_CARPASS__READ_TIMEOUT", "WORKSHOP_LANGUAGE",
             "WORKSHOP_DB_URL", "WORKSHOP_COMPANY", "WORKSHOP_DECODER", "WORKSHOP_CAMERA_SOURCE"]  # fmt: skip
SERVERS = {"sandbox", "deliver"}


@dataclass
class Invocation:
    command: str
    argv: list[str]
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    settings: str | None = None

    def replay(self) -> str:
        env = " ".join(f"{k}={v!r}" for k, v in self.env.items())
        settings = f" [config.json: {self.settings[:60]!r}]" if self.settings is not None else ""
        return f"{env} workshop-tui {' '.join(map(repr, self.argv))} <<< {self.stdin[:60]!r}{settings}".strip()


@dataclass
class Result:
    invocation: Invocation
    status: int | None  # None: still running at the timeout
    stderr: str

    @property
    def server(self) -> bool:
        return self.invocation.command in SERVERS and "--until-done" not in self.invocation.argv

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or self.status not in (None, 0, 1, 2, 130)

    @property
    def hang(self) -> bool:
        return self.status is None and not self.server

    @property
    def multi_line_refusal(self) -> bool:
        return self.status == 2 and len(self.stderr.strip().splitlines()) != 1


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def value_for(action: argparse.Action, rng: random.Random) -> str:
    if action.choices and rng.random() < 0.5:
        return rng.choice(list(action.choices))
    return rng.choice(HOSTILE)


def arguments(parser: argparse.ArgumentParser, rng: random.Random) -> list[str]:
    """Mostly well-formed words for `parser`, with hostile values; now and then a stray word."""
    words: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional
            if rng.random() < 0.9:
                words.append(value_for(action, rng))
        elif rng.random() < (0.9 if action.required else 0.4):
            words.append(rng.choice(action.option_strings))
            if action.nargs != 0:
                words.append(value_for(action, rng))
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words) + 1), rng.choice([*HOSTILE, "--no-such-option", "-x"]))
    return words


def mutated_job(rng: random.Random) -> bytes:
    job = json.loads(json.dumps(JOB))
    for _ in range(rng.randrange(3)):
        vehicle = job.get("vehicle")
        target = vehicle if isinstance(vehicle, dict) and rng.random() < 0.3 else job
        target[rng.choice(list(target))] = rng.choice(JSON_VALUES)
    return json.dumps(job).encode()


def stdin_for(rng: random.Random) -> bytes:
    return rng.choice(
        [
            lambda: mutated_job(rng),
            lambda: json.dumps(JOB).encode(),
            lambda: rng.randbytes(rng.randrange(64)),
            lambda: b"\xff\xfe" + json.dumps(JOB).encode(),
            lambda: b"[" * rng.choice([10, 1_000, 100_000]),
            lambda: b'{"a":' * 50_000,
            lambda: (
                json.dumps(JOB)
                .encode()
                .replace(b'"125.00"', rng.choice([b"1e308", b"123456789012345678901234567", b"-0"]))
            ),
            lambda: b"",
        ]
    )()


def invocation(commands: dict[str, argparse.ArgumentParser], rng: random.Random) -> Invocation:
    name = rng.choice([*commands, "(terminal)"])
    settings = rng.choice(SETTINGS)
    env = {rng.choice(VARIABLES): rng.choice(HOSTILE)} if rng.random() < 0.2 else {}
    env = {k: v.replace("\x00", "") for k, v in env.items()}
    if name == "(terminal)":
        # The terminal itself only with a setting that must stop it before the first screen.
        bad = rng.choice(["--db=nosuch://x", "--db=sqlite:////proc/x/w.db", "--lang=de", "--nope"])
        return Invocation(name, [bad], settings=rng.choice(SETTINGS[3:]))
    top = ["--db", rng.choice(URLS)] if rng.random() < 0.15 else []
    return Invocation(name, [*top, name, *arguments(commands[name], rng)], stdin_for(rng), env, settings)


def run(call: Invocation, timeout: float) -> Result:
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as home:
        config = Path(home, "config", "workshop-tui", "config.json")
        if call.settings is not None:
            config.parent.mkdir(parents=True)
            config.write_text(call.settings)
        env = {k: v for k, v in os.environ.items() if not k.startswith("WORKSHOP_")}
        env.update(XDG_CONFIG_HOME=str(Path(home, "config")), XDG_DATA_HOME=str(Path(home, "data")), **call.env)
        process = subprocess.Popen(
            [sys.executable, "-m", "workshop_tui", *call.argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=home,
            start_new_session=True,
        )
        try:
            _, err = process.communicate(call.stdin, timeout=timeout)
            status: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            _, err = process.communicate()
            status = None
        return Result(call, status, err.decode(errors="replace"))


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", type=int, default=300, help="invocations to try")
    options.add_argument("--timeout", type=float, default=15.0, help="seconds before a call counts as hung")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--jobs", type=int, default=2, help="invocations run at once")
    args = options.parse_args()
    rng = random.Random(args.seed)
    commands = subcommands()
    calls = [invocation(commands, rng) for _ in range(args.n)]
    started = time.monotonic()
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda call: run(call, args.timeout), calls))
    elapsed = time.monotonic() - started
    tracebacks = [r for r in results if r.traceback]
    hangs = [r for r in results if r.hang]
    multi = [r for r in results if r.multi_line_refusal]
    served = sum(r.status is None and r.server for r in results)
    per_command = Counter(r.invocation.command for r in results)
    histogram = Counter("timeout" if r.status is None else str(r.status) for r in results)
    print(f"inputs tried: {len(results)} in {elapsed:.0f} s (seed {args.seed}, timeout {args.timeout:g} s)")
    print("  per subcommand: " + ", ".join(f"{name} {count}" for name, count in sorted(per_command.items())))
    print(f"tracebacks found: {len(tracebacks)}")
    print(f"hangs found: {len(hangs)}")
    print(f"refusals on more than one line: {len(multi)}")
    print(f"servers that ran until stopped: {served}")
    print("exit codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(histogram.items())))
    for label, found in (("TRACEBACK", tracebacks), ("HANG", hangs), ("MULTI-LINE", multi)):
        for result in found[:10]:
            print(f"\n{label}: {result.invocation.replay()}\n  {result.stderr.strip().splitlines()[-1:] or ''}")
    return 1 if tracebacks or hangs or multi else 0


if __name__ == "__main__":
    sys.exit(main())
