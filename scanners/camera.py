"""The camera loop the UI runs in a thread worker: open, capture, decode, filter, report.

    loop = CameraLoop(settings.camera_source, settings.decoder, on_read=..., on_status=...)
    loop.run(stop_event)       # blocks until `stop_event` is set, the video ends or the source fails

Source problems never raise: they reach `on_status` as one line and `run` returns, with the
error kept in `loop.error` (its `code` tells the UI which message to translate). `run` can be
called again to reopen the camera. Callbacks run in the loop's thread: from Textual, post a
message or use `call_from_thread`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from . import capture
from .capture import Source, SourceError
from .codes import CodeRead
from .decoders import Decoder
from .pipeline import build_reader
from .stability import StabilityFilter

__all__ = ["CameraLoop", "SourceError"]

STALL_SECONDS = 3.0  # a live source silent this long is reported lost (a read() may block)
HINT_INTERVAL = 3.0  # seconds between two "move closer" hints
_WAIT = 0.2


class CameraLoop:
    """Scans codes from a camera, stream, video file or still image until stopped.

    `decoder` names the primary backend ("zxing" or "pyzbar", as in the settings) or is one
    (`scanners.decoders.get_decoder(...)`); the other backend, when installed, is the second.
    `open_video` is the seam tests use to stand in for a camera.
    """

    def __init__(
        self,
        source: str | int,
        decoder: str | Decoder = "zxing",
        *,
        on_read: Callable[[CodeRead], None],
        on_status: Callable[[str], None],
        on_frame: Callable[[np.ndarray], None] | None = None,
        open_video: Callable[[Source], capture.VideoSource] = capture.open_video,
    ) -> None:
        self.source = source
        self.on_read = on_read
        self.on_status = on_status
        self.on_frame = on_frame
        self._open_video = open_video
        self.reader, self._decoder_note = build_reader(decoder)
        self.error: SourceError | None = None

    def run(self, stop: threading.Event) -> None:
        """Scan until `stop` is set, a video or image is done, or the source fails."""
        self.error = None
        if self._decoder_note:
            self.on_status(self._decoder_note)
        try:
            source = capture.parse_source(self.source)
            if source.kind == "image":
                self._scan_image(source)
                return
            video = self._open_video(source)
        except SourceError as exc:
            self._fail(exc)
            return
        width, height = video.size
        self.on_status(f"Scanning {source.describe()} ({width}x{height}).")
        frames = capture.LatestFrame(video)
        frames.start()
        try:
            self._scan(frames, source, stop)
        finally:
            frames.stop()

    def _scan(self, frames: capture.LatestFrame, source: Source, stop: threading.Event) -> None:
        stability = StabilityFilter()
        last_frame = time.monotonic()
        last_hint = float("-inf")
        while not stop.is_set():
            frame = frames.next(_WAIT)
            now = time.monotonic()
            if frame is None:
                if frames.error:
                    self._fail(frames.error)
                    return
                if frames.ended:
                    self.on_status(f"End of {source.describe()}.")
                    return
                if source.live and now - last_frame > STALL_SECONDS:
                    self._fail(frames.video.lost_error())
                    return
                continue
            last_frame = now
            if self.on_frame:
                self.on_frame(frame)
            result = self.reader.read(frame)
            accepted = stability.feed(result.read, time.monotonic())
            if accepted:
                self.on_read(accepted)
            elif result.hint and now - last_hint >= HINT_INTERVAL:
                self.on_status(result.hint)
                last_hint = now

    def _scan_image(self, source: Source) -> None:
        """A still image: one frame is enough, no stability rule."""
        image = capture.read_image(source)
        if self.on_frame:
            self.on_frame(image)
        result = self.reader.read(image)
        if result.read:
            self.on_read(result.read)
        else:
            self.on_status(result.hint or f"No barcode or QR code found in {source.describe()}.")

    def _fail(self, error: SourceError) -> None:
        self.error = error
        self.on_status(str(error))
