"""Command line: `workshop-tui` starts the terminal; subcommands are the stable scripting contract.

Each subcommand's work lives in its own module, imported only when that subcommand runs,
so `workshop-tui` itself starts fast. Every bad argument, input or setting ends with one
line on stderr and exit status 2 (see `commands.explain`); never a traceback. That line is in
the language `--lang` names (before or after the subcommand), else the environment's
(`translations.environment_language`), argparse's own messages too.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from importlib import import_module
from itertools import pairwise
from typing import NoReturn

from .translations import LANGUAGES, N_, _, activate, active_language, environment_language

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> int:
    print(f"workshop-tui: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _language(args: argparse.Namespace) -> str:
    """The language `--lang` names; English when none is given."""
    return getattr(args, "lang", None) or "en"


def cmd_vin(args: argparse.Namespace) -> int:
    from .domain.vin import check
    from .translations import translations
    from .translations.formats import formats
    from .translations.render import finding_text

    language = _language(args)
    _ = translations(language).gettext
    report = check(args.vin)
    errors = [finding_text(e, language) for e in report.errors]
    if args.json:
        print(json.dumps({**report.as_dict(), "errors": errors}, ensure_ascii=False))
    else:
        verdict = _("valid") if report.valid else _("INVALID")
        print(f"{report.vin}: {verdict}")
        for error in errors:
            print(f"  - {error}")
        if report.manufacturer:
            t = formats(language)
            years = t.list([str(y) for y in report.model_years], "or")
            country = t.country(report.country) if report.country else "?"
            line = _("{manufacturer} ({country}), model year {years}")
            print("  " + line.format(manufacturer=report.manufacturer, country=country, years=years))
    return EXIT_OK if report.valid else EXIT_INVALID


def parse_job(text: str):
    """Parse the `obligation` JSON job; raise ValueError or UsageError with one line naming the field."""
    from pydantic import ValidationError  # only here: `workshop-tui` itself starts without pydantic's core

    from .commands.json_input import load_object, validation_line
    from .domain.models import JobFacts

    data = load_object(text)
    total = data.get("total_incl_vat")
    if isinstance(total, (int, Decimal)) and not isinstance(total, bool):
        data["total_incl_vat"] = str(total)
    try:
        return JobFacts.model_validate(data)
    except ValidationError as exc:
        raise ValueError(validation_line(exc)) from None


def cmd_obligation(args: argparse.Namespace) -> int:
    from .commands import UsageError
    from .domain.rules import decide
    from .translations.render import finding_text, reason_text, reference_text

    try:
        job = parse_job(sys.stdin.read())
    except (ValueError, UsageError) as exc:
        return _fail(str(exc))
    language = _language(args)
    verdict = decide(job, nace_code=args.nace)
    out = verdict.model_dump(mode="json")
    out["reasons"] = [
        {"code": r.code, "text": reason_text(r, language), "reference": reference_text(r.reference, language)}
        for r in verdict.reasons
    ]
    out["warnings"] = [finding_text(w, language) for w in verdict.warnings]
    print(json.dumps(out, ensure_ascii=False))
    return EXIT_OK


def _lazy(target: str):
    """A handler that imports `module:function` only when the subcommand runs."""

    def run(args: argparse.Namespace) -> int:
        module, func = target.split(":")
        return getattr(import_module(module), func)(args)

    return run


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in one line (no usage block) and exits 2."""

    def error(self, message: str) -> NoReturn:
        from .commands import printable

        line = _("{message} (see: {prog} --help)").format(message=printable(message), prog=self.prog)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {line}\n")


# argparse's own messages that our parsers can produce, worded through `_` while parsing
# (argparse looks its module-level `_` up at each call); tests check they are argparse's.
ARGPARSE_MESSAGES = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ignored explicit argument %r"),
)


@contextmanager
def _argparse_in_active_language() -> Iterator[None]:
    """argparse's messages through our catalogs while the block runs."""
    module = vars(argparse)
    english = module["_"]
    module["_"] = _
    try:
        yield
    finally:
        module["_"] = english


def message_language(argv: Sequence[str]) -> str:
    """The language of the error lines: the last valid `--lang` (before or after the subcommand),
    else the environment's."""
    language = environment_language()
    for word, following in pairwise([*argv, ""]):
        if word == "--":
            break
        if word == "--lang" and following in LANGUAGES:
            language = following
        elif word.startswith("--lang=") and word[len("--lang=") :] in LANGUAGES:
            language = word[len("--lang=") :]
    return language


def _number(kind: Callable[[str], float], low: float, high: float, what: str) -> Callable[[str], float]:
    """An argparse type: a finite `kind` number within [low, high]."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            line = _("{what} must be a number from {low} to {high}, not {text}")
            raise argparse.ArgumentTypeError(
                line.format(what=_(what), low=f"{low:g}", high=f"{high:g}", text=repr(text))
            )
        return value

    return parse


PORT = _number(int, 0, 65535, N_("a port"))
SECONDS = _number(float, 0.001, 86400, N_("seconds"))
LEASE_SECONDS = _number(float, 1, 3600, N_("a lease in seconds"))
BATCH = _number(int, 1, 1000, N_("a batch size"))


def DAY(text: str) -> date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a day is written YYYY-MM-DD, not {text}").format(text=repr(text[:40]))
        ) from None


def _lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang` after the subcommand too; absent, the one before it (or English) stands."""
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of the texts")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workshop-tui", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: SQLite in the user data directory)")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language")
    parser.set_defaults(handler=_lazy("workshop_tui.ui.launch:run"))
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("vin", help="check and decode a VIN")
    p.add_argument("vin")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_vin)

    p = sub.add_parser("obligation", help="decide from a JSON job on stdin whether to report to Car-Pass")
    p.add_argument("--nace", help="the company's NACE code (a code outside Car-Pass's list warns)")
    p.set_defaults(handler=cmd_obligation)

    p = sub.add_parser("scan", help="read VIN barcodes and Car-Pass QR codes from a camera, file or URL")
    p.add_argument("--source", required=True, help="device index, image or video path, or URL")
    p.add_argument("--once", action="store_true", help="stop after the first accepted code")
    p.add_argument("--json", action="store_true", help="one JSON line per accepted code")
    p.add_argument("--timeout", type=SECONDS, default=None, help="stop after S seconds")
    p.add_argument("--decoder", choices=["zxing", "pyzbar"], default="zxing")
    p.set_defaults(handler=_lazy("workshop_tui.commands.scan:run"))

    p = sub.add_parser("label", help="print a VIN label (Code 39 or Code 128) as SVG or PNG")
    p.add_argument("vin")
    p.add_argument("--symbology", choices=["code39", "code128"], default="code39")
    p.add_argument("--output", "-o", required=True, help="file name ending in .svg or .png")
    p.set_defaults(handler=_lazy("workshop_tui.commands.label:run"))

    p = sub.add_parser("sandbox", help="run the sandbox vehicle registry and Car-Pass services")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=PORT, default=8765)
    p.set_defaults(handler=_lazy("workshop_tui.sandbox.server:cli"))

    p = sub.add_parser("deliver", help="drain the Car-Pass outbox without a screen")
    p.add_argument("--until-done", action="store_true", help="exit once nothing is pending or sent")
    p.add_argument("--lease", type=LEASE_SECONDS, default=60.0, help="seconds a claimed submission stays ours (1-3600)")
    p.add_argument("--batch", type=BATCH, default=20, help="submissions claimed at once (1-1000)")
    p.set_defaults(handler=_lazy("workshop_tui.commands.deliver:run"))

    # issue 9 B/H subcommands (helper "floor")
    p = sub.add_parser("check", help="run the pre-send checks on one odometer reading given as JSON on stdin")
    p.set_defaults(handler=_lazy("workshop_tui.commands.check:run"))

    p = sub.add_parser("document", help="write a receipt, correction form or vehicle history report (PDF or HTML)")
    p.add_argument("kind", choices=["receipt", "correction", "history"])
    p.add_argument("id", help="submission number (receipt, correction) or VIN (history)")
    p.add_argument("--format", choices=["pdf", "html"], default="pdf")
    p.add_argument("--output", "-o", required=True, help="file to write (never overwritten: a fresh name is chosen)")
    p.set_defaults(handler=_lazy("workshop_tui.commands.document:run"))

    p = sub.add_parser("export", help="export the reported readings as CSV for Belgian Excel")
    p.add_argument("what", choices=["history"])
    p.add_argument("--from", dest="since", type=DAY, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="until", type=DAY, help="last day, YYYY-MM-DD")
    p.add_argument("--output", "-o", required=True, help="file to write (never overwritten: a fresh name is chosen)")
    p.set_defaults(handler=_lazy("workshop_tui.commands.export:run"))

    p = sub.add_parser(
        "submit", help="record one job given as JSON on stdin and queue its reading (once per reference)"
    )
    p.set_defaults(handler=_lazy("workshop_tui.commands.submit:run"))

    p = sub.add_parser("sale-check", help="check a used-car sale (JSON on stdin) before its contract is printed")
    p.set_defaults(handler=_lazy("workshop_tui.commands.sale_check:run"))

    p = sub.add_parser("config", help="show where the settings file lives, or the settings in force")
    p.add_argument("what", choices=["path", "show"])
    p.set_defaults(handler=_lazy("workshop_tui.commands.config:run"))
    for command in sub.choices.values():
        _lang_option(command)
    return parser


class NotUtf8(UnicodeError):
    """Standard input holds bytes that are not UTF-8 (bad input, like any other)."""


def _not_utf8(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeDecodeError):
        byte = error.object[error.start]
        raise NotUtf8(_("standard input is not UTF-8 text (byte 0x{byte:02x})").format(byte=byte))
    raise NotUtf8(_("standard input is not UTF-8 text"))


def _strict_stdin() -> None:
    """Undecodable bytes on stdin raise NotUtf8 (bad input) instead of being smuggled in."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        codecs.register_error("workshop-tui-stdin", _not_utf8)
        sys.stdin.reconfigure(encoding="utf-8", errors="workshop-tui-stdin")


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default: this process's) with its messages in `message_language`."""
    words = sys.argv[1:] if argv is None else argv
    outer = active_language()
    activate(message_language(words))
    try:
        return _run(words)
    finally:
        activate(outer)


def _run(argv: list[str]) -> int:
    with _argparse_in_active_language():
        args = build_parser().parse_args(argv)
    _strict_stdin()
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (`| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_OK
    except Exception as error:
        from .commands import explain, printable

        text, status = explain(error)
        print(f"workshop-tui: {printable(text)}", file=sys.stderr)
        return status


if __name__ == "__main__":
    sys.exit(main())
