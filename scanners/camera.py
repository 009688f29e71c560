"""The camera loop the UI runs in a thread worker: open, capture, decode, filter, report.

    loop = CameraLoop(settings.camera_source, settings.decoder, on_read=..., on_status=...)
    loop.run(stop_event)       # blocks until `stop_event` is set, the video ends or the source fails

Statuses are data (`Status`: a code and typed params), never sentences; the UI and the CLI word
them. Source problems never raise: they reach `on_status` and `run` returns, with the error
kept in `loop.error`. `run` can be
called again to reopen the camera. Callbacks run in the loop's thread: from Textual, post a
message or use `call_from_thread`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from . import capture
from .capture import Source, SourceError
from .codes import CodeRead
from .decoders import Decoder
from .pipeline import build_reader
from .stability import StabilityFilter

__all__ = ["CameraLoop", "SourceError", "Status", "StatusCode"]

STALL_SECONDS = 3.0  # a live source silent this long is reported lost (a read() may block)
HINT_INTERVAL = 3.0  # seconds between two "move closer" hints
_WAIT = 0.2
_PYZBAR_MISSING = "libzbar0"  # the pyzbar decoder's error names the missing system library


class StatusCode(StrEnum):
    """What the camera loop reports; `kind` is camera, camera_stream, video or image."""

    MOVE_CLOSER = "MOVE_CLOSER"
    SCANNING = "SCANNING"  # kind, target, size
    ENDED = "ENDED"  # kind, target
    NOTHING_FOUND = "NOTHING_FOUND"  # kind, target
    DECODER_MISSING = "DECODER_MISSING"  # decoder, error
    PYZBAR_MISSING = "PYZBAR_MISSING"
    BAD_URL = "BAD_URL"  # target
    FILE_MISSING = "FILE_MISSING"  # target
    FILE_UNREADABLE = "FILE_UNREADABLE"  # target
    STREAM_LOST = "STREAM_LOST"  # target
    CAMERA_LOST = "CAMERA_LOST"  # target
    URL_UNREACHABLE = "URL_UNREACHABLE"  # target
    NO_CAMERA = "NO_CAMERA"  # target
    PERMISSION = "PERMISSION"  # target, node
    CAMERA_BUSY = "CAMERA_BUSY"  # target
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"  # target, width, height


@dataclass(frozen=True)
class Status:
    """One status of the loop: a code and its params (`str()` is for logs, not for people)."""

    code: StatusCode
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join([self.code, *(f"{k}={v}" for k, v in self.params.items())])


_KINDS = {"device": "camera", "url": "camera_stream", "video": "video", "image": "image"}
_ERRORS = {
    "camera_busy": StatusCode.CAMERA_BUSY,
    "no_permission": StatusCode.PERMISSION,
    "bad_url": StatusCode.BAD_URL,
    "file_missing": StatusCode.FILE_MISSING,
    "file_unreadable": StatusCode.FILE_UNREADABLE,
    "url_unreachable": StatusCode.URL_UNREACHABLE,
    "no_camera": StatusCode.NO_CAMERA,
    "image_too_large": StatusCode.IMAGE_TOO_LARGE,
}


def _where(source: Source) -> dict[str, object]:
    return {"kind": _KINDS[source.kind], "target": str(source.target)}


def error_status(error: SourceError, source: Source | str | int) -> Status:
    """The status of a source error (`error.code` and the source say which)."""
    target = str(source.target if isinstance(source, Source) else source)
    if error.code == "camera_lost":
        lost = StatusCode.STREAM_LOST if isinstance(source, Source) and source.kind == "url" else StatusCode.CAMERA_LOST
        return Status(lost, {"target": target})
    return Status(_ERRORS[error.code], {"target": target, **error.params})


def decoder_status(decoder: str, error: str) -> Status:
    if _PYZBAR_MISSING in error:
        return Status(StatusCode.PYZBAR_MISSING)
    return Status(StatusCode.DECODER_MISSING, {"decoder": decoder, "error": error})


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
        on_status: Callable[[Status], None],
        on_frame: Callable[[np.ndarray], None] | None = None,
        open_video: Callable[[Source], capture.VideoSource] = capture.open_video,
    ) -> None:
        self.source = source
        self.on_read = on_read
        self.on_status = on_status
        self.on_frame = on_frame
        self._open_video = open_video
        self.reader, self._decoder_note = build_reader(decoder)
        self._decoder = decoder if isinstance(decoder, str) else decoder.name
        self.error: SourceError | None = None
        self._source: Source | None = None
        self._frames: capture.LatestFrame | None = None

    def stats(self) -> capture.FrameStats | None:
        """The live source's frame rate delivered and share of frames decoded; None when none runs."""
        frames = self._frames
        return None if frames is None else frames.stats()

    def run(self, stop: threading.Event) -> None:
        """Scan until `stop` is set, a video or image is done, or the source fails."""
        self.error = None
        self._source = None
        if self._decoder_note:
            self.on_status(decoder_status(self._decoder, self._decoder_note))
        try:
            source = self._source = capture.parse_source(self.source)
            if source.kind == "image":
                self._scan_image(source)
                return
            video = self._open_video(source)
        except SourceError as exc:
            self._fail(exc)
            return
        width, height = video.size
        self.on_status(Status(StatusCode.SCANNING, {**_where(source), "size": f"{width}x{height}"}))
        frames = self._frames = capture.LatestFrame(video)
        frames.start()
        try:
            self._scan(frames, source, stop)
        finally:
            frames.stop()
            self._frames = None

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
                    self.on_status(Status(StatusCode.ENDED, _where(source)))
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
                self.on_status(Status(StatusCode.MOVE_CLOSER))
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
            self.on_status(
                Status(StatusCode.MOVE_CLOSER) if result.hint else Status(StatusCode.NOTHING_FOUND, _where(source))
            )

    def _fail(self, error: SourceError) -> None:
        self.error = error
        self.on_status(error_status(error, self._source or self.source))
