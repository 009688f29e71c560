"""`workshop-tui label VIN --symbology code39|code128 -o FILE.svg|.png`: 0 written, 1 invalid VIN, 2 bad output.

The VIN is checked first; its errors are printed in the `--lang` language (else the active one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanners.labels import vin_label_png, vin_label_svg

from ..domain.vin import check
from ..translations import _, active_language
from ..translations.render import finding_text, render
from . import printable

EXIT_WRITTEN, EXIT_INVALID_VIN, EXIT_BAD_OUTPUT = 0, 1, 2
MAKERS = {".svg": vin_label_svg, ".png": vin_label_png}


def _fail(message: str) -> None:
    print(f"workshop-tui: {printable(message)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    make = MAKERS.get(output.suffix.lower())
    if make is None:
        _fail(_("the output file must end in .svg or .png, not {name}").format(name=repr(output.name)))
        return EXIT_BAD_OUTPUT
    report = check(args.vin)
    if not report.valid:
        language = getattr(args, "lang", None) or active_language()
        errors = [finding_text(e, language) for e in report.errors]
        _fail(" ".join([render("INVALID_VIN", {"vin": args.vin}, language), *errors]))
        return EXIT_INVALID_VIN
    data = make(report.vin, args.symbology)
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(_("cannot write {path}: {error}").format(path=output, error=exc.strerror))
        return EXIT_BAD_OUTPUT
    print(output)
    return EXIT_WRITTEN
