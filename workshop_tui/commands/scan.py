"""`workshop-tui scan`: read codes from a camera, stream, video or image and print them.

Exit status: 0 when at least one code was read, 1 when none, 2 when the source is unusable
(with its one-line status on stderr, in the `--lang` language, else the active one). With `--json`, one line per
accepted code on stdout:
{"symbology": "CODE39", "text": "...", "kind": "vin"|"carpass"|"other", "value": "...", "ms": 3.2}
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

from scanners.camera import CameraLoop, Status
from scanners.codes import CodeRead

from ..translations import active_language
from ..translations.render import status_text
from . import printable

EXIT_READ, EXIT_NONE, EXIT_BAD_SOURCE = 0, 1, 2


def _line(read: CodeRead, as_json: bool) -> str:
    if as_json:
        return json.dumps(read.as_dict(), ensure_ascii=False)
    return f"{read.kind}\t{read.value}\t{read.symbology}\t{read.ms:.1f} ms"


def run(args: argparse.Namespace) -> int:
    stop = threading.Event()
    reads: list[CodeRead] = []
    language = getattr(args, "lang", None) or active_language()

    def on_read(read: CodeRead) -> None:
        reads.append(read)
        print(_line(read, args.json), flush=True)
        if args.once:
            stop.set()

    def on_status(status: Status) -> None:
        print(f"workshop-tui: {printable(status_text(status, language))}", file=sys.stderr, flush=True)

    loop = CameraLoop(args.source, args.decoder, on_read=on_read, on_status=on_status)
    timer = threading.Timer(args.timeout, stop.set) if args.timeout else None
    if timer:
        timer.daemon = True
        timer.start()
    try:
        loop.run(stop)
    finally:
        if timer:
            timer.cancel()
    if loop.error:
        return EXIT_BAD_SOURCE
    return EXIT_READ if reads else EXIT_NONE
