"""Frame sources through OpenCV: webcam index, video file, camera URL, still image.

`parse_source` understands what the user typed, `open_video` opens it, and `LatestFrame` reads it
in its own thread keeping only the newest frame, so decoding slower than the camera never builds
up lag. Every problem is a `SourceError`: a code and typed fields, never a sentence (the UI and
the CLI word it, `translations/render.py`).
"""

from __future__ import annotations

import os
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import cv2
import numpy as np
from PIL import Image

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})
MAX_DEVICE_INDEX = 9999  # a larger index overflows OpenCV's int
URL_SCHEMES = frozenset({"rtsp", "rtsps", "http", "https"})
REQUESTED_SIZE = (1280, 720)  # 1D VIN labels need it: at 640 px wide a bar is about one pixel
OPEN_TIMEOUT_MS = 5000
READ_TIMEOUT_MS = 5000
MAX_IMAGE_PIXELS = 40_000_000  # a still image declaring more is refused before it is decoded
_LOST_AFTER_FAILURES = 10  # consecutive failed reads of a live source
_FAILED_READ_PAUSE = 0.05

ErrorCode = Literal[
    "no_camera",
    "camera_busy",
    "no_permission",
    "camera_lost",
    "file_missing",
    "file_unreadable",
    "image_too_large",
    "bad_url",
    "url_unreachable",
]


class SourceError(Exception):
    """A source cannot be opened or stopped working: `code` says what, `target` which source;
    `params` holds the typed fields a status needs (`str()` is for logs, not for people)."""

    def __init__(self, code: ErrorCode, target: str | int) -> None:
        super().__init__(f"{code} {target}")
        self.code: ErrorCode = code
        self.target = str(target)

    @property
    def params(self) -> dict[str, object]:
        return {}


class NoPermission(SourceError):
    """The camera's device file exists but the user may not open it (`node`: that file)."""

    def __init__(self, target: str | int, node: str) -> None:
        super().__init__("no_permission", target)
        self.node = node

    @property
    def params(self) -> dict[str, object]:
        return {"node": self.node}


class ImageTooLarge(SourceError):
    """A still image whose header declares more than MAX_IMAGE_PIXELS; it was not decoded."""

    def __init__(self, target: str, width: int, height: int) -> None:
        super().__init__("image_too_large", target)
        self.width, self.height = width, height

    @property
    def params(self) -> dict[str, object]:
        return {"width": self.width, "height": self.height}


@dataclass(frozen=True)
class Source:
    """What the user asked to scan from."""

    kind: Literal["device", "video", "url", "image"]
    target: int | str

    @property
    def live(self) -> bool:
        """Cameras and streams are live; files are played back."""
        return self.kind in ("device", "url")

    def describe(self) -> str:
        return {"device": "camera {}", "video": "video {}", "url": "camera stream {}", "image": "image {}"}[
            self.kind
        ].format(self.target)


def parse_source(source: str | int) -> Source:
    """A device index ("0"), a camera URL, or the path of a video or image file."""
    if isinstance(source, int):
        return Source("device", source)
    text = source.strip()
    if text.isascii() and text.isdigit():  # not "²" or other non-ASCII digits
        if int(text) > MAX_DEVICE_INDEX:
            raise SourceError("no_camera", text)
        return Source("device", int(text))
    if "://" in text:
        try:
            url = urlsplit(text)
            valid = url.scheme.lower() in URL_SCHEMES and bool(url.hostname)
        except ValueError:
            valid = False
        if not valid:
            raise SourceError("bad_url", text)
        return Source("url", text)
    try:
        path = Path(text).expanduser()
        if text.startswith("/dev/"):
            return Source("device", str(path))
        found = path.is_file()
    except (RuntimeError, OSError, ValueError):  # ~nosuchuser, a name too long, a NUL
        raise SourceError("file_missing", text) from None
    if not found:
        raise SourceError("file_missing", str(path))
    return Source("image" if path.suffix.lower() in IMAGE_SUFFIXES else "video", str(path))


def read_image(source: Source) -> np.ndarray:
    """The still image, BGR; its size is read from the header first and a huge one refused
    (`ImageTooLarge`) before any pixel is decoded."""
    size = declared_size(str(source.target))
    if size and size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise ImageTooLarge(str(source.target), *size)
    image = cv2.imread(str(source.target), cv2.IMREAD_COLOR) if size else None
    if image is None:
        raise SourceError("file_unreadable", source.target)
    return image


def declared_size(path: str) -> tuple[int, int] | None:
    """(width, height) an image file's header declares, without decoding it; None when no image
    format recognises the file.

    Pillow's format plugins are asked directly: `Image.open` would refuse a huge image with a
    decompression-bomb error that does not say its size.
    """
    Image.init()
    try:
        with open(path, "rb") as file:
            prefix = file.read(16)
            for format_id in Image.ID:
                factory, accept = Image.OPEN[format_id]
                if accept is not None and not accept(prefix):
                    continue
                file.seek(0)
                try:
                    return factory(file, path).size
                except (SyntaxError, IndexError, TypeError, ValueError, struct.error, EOFError):
                    continue
    except OSError:
        return None
    return None


class VideoSource:
    """An opened cv2.VideoCapture and what the loop needs to know about it."""

    def __init__(self, source: Source, capture: cv2.VideoCapture) -> None:
        self.source = source
        self.capture = capture
        fps = capture.get(cv2.CAP_PROP_FPS)
        self.fps = fps if 1 <= fps <= 240 else 25.0
        self.first: np.ndarray | None = None  # the frame read when opening, to prove the source works

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) the source actually delivers (a camera may refuse 1280x720)."""
        if self.first is None:
            raise RuntimeError("no frame was read yet (`open_video` reads the first one)")
        height, width = self.first.shape[:2]
        return width, height

    def read(self) -> np.ndarray | None:
        ok, frame = self.capture.read()
        return frame if ok and frame is not None and frame.size else None

    def release(self) -> None:
        self.capture.release()

    def lost_error(self) -> SourceError:
        return SourceError("camera_lost", self.source.target)


def open_video(source: Source) -> VideoSource:
    """Open a camera, stream or video file and check that it delivers a frame."""
    _quiet_opencv()
    if source.kind == "device":
        capture = cv2.VideoCapture(source.target)
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, REQUESTED_SIZE[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, REQUESTED_SIZE[1])
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
    elif source.kind == "url":
        timeouts = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, OPEN_TIMEOUT_MS, cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS]
        capture = cv2.VideoCapture(source.target, cv2.CAP_FFMPEG, timeouts)
    else:
        capture = cv2.VideoCapture(source.target)
    video = VideoSource(source, capture)
    video.first = video.read() if capture.isOpened() else None
    if video.first is None:
        video.release()
        raise _open_error(source)
    return video


def _quiet_opencv() -> None:
    """OpenCV and FFmpeg must not write on the terminal the UI draws on; errors come as SourceError."""
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # AV_LOG_QUIET, read when FFmpeg is first used


def _open_error(source: Source) -> SourceError:
    if source.kind == "url":
        return SourceError("url_unreachable", source.target)
    if source.kind == "video":
        return SourceError("file_unreadable", source.target)
    node = source.target if isinstance(source.target, str) else f"/dev/video{source.target}"
    if sys.platform.startswith("linux") and not os.path.exists(node):
        return SourceError("no_camera", source.target)
    if os.path.exists(node) and not os.access(node, os.R_OK | os.W_OK):
        return NoPermission(source.target, node)
    return SourceError("camera_busy", source.target)  # busy, or not a camera


@dataclass(frozen=True)
class FrameStats:
    """How a source keeps up, over the last STATS_WINDOW seconds: the frames per second it
    delivers and the share of those the decoder took (the rest were replaced by a newer frame
    before the decoder was free)."""

    delivered_fps: float
    decoded_share: float  # 0..1; 0 when nothing was delivered yet


STATS_WINDOW = 2.0


class LatestFrame:
    """Reads a video source in its own thread and keeps only the newest frame.

    Live sources are read as fast as they deliver; files are played at their frame rate, like a
    camera. `ended` is set at the end of a file, `error` when a live source stops delivering.
    `stats()` says how many frames arrive and how many the decoder takes.
    """

    def __init__(self, video: VideoSource) -> None:
        self.video = video
        self.ended = False
        self.error: SourceError | None = None
        self._frame = video.first
        self._fresh = self._frame is not None
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scanner-capture", daemon=True)
        self._delivered: deque[float] = deque()  # monotonic times of frames from the source
        self._taken: deque[float] = deque()  # ... and of frames handed to the decoder

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: float = 1.0) -> None:
        """Ask the thread to stop and wait up to `wait` s (a camera stuck in read() is left to time out)."""
        self._stop.set()
        self._thread.join(wait)

    def next(self, timeout: float) -> np.ndarray | None:
        """The newest frame not handed out yet, waiting up to `timeout` s; None if none came."""
        with self._cond:
            if not self._fresh:
                self._cond.wait_for(lambda: self._fresh or self.ended or self.error, timeout)
            if not self._fresh:
                return None
            self._fresh = False
            self._taken.append(time.monotonic())
            return self._frame

    def stats(self, now: float | None = None) -> FrameStats:
        """Frame rate delivered and share of frames decoded over the last STATS_WINDOW seconds."""
        now = time.monotonic() if now is None else now
        with self._cond:
            for times in (self._delivered, self._taken):
                while times and times[0] < now - STATS_WINDOW:
                    times.popleft()
            delivered, taken = len(self._delivered), len(self._taken)
            span = now - self._delivered[0] if delivered > 1 else 0.0
        fps = (delivered - 1) / span if span > 0 else 0.0
        return FrameStats(fps, min(1.0, taken / delivered) if delivered else 0.0)

    def _run(self) -> None:
        interval = 0.0 if self.video.source.live else 1.0 / self.video.fps
        due = time.monotonic()
        failures = 0
        try:
            while not self._stop.is_set():
                frame = self.video.read()
                if frame is None:
                    if not self.video.source.live:
                        self._finish(ended=True)
                        return
                    failures += 1
                    if failures >= _LOST_AFTER_FAILURES:
                        self._finish(error=self.video.lost_error())
                        return
                    time.sleep(_FAILED_READ_PAUSE)
                    continue
                failures = 0
                with self._cond:
                    self._frame, self._fresh = frame, True
                    self._delivered.append(time.monotonic())
                    self._cond.notify_all()
                if interval:
                    due += interval
                    self._stop.wait(max(0.0, due - time.monotonic()))
        finally:
            self.video.release()

    def _finish(self, ended: bool = False, error: SourceError | None = None) -> None:
        with self._cond:
            self.ended, self.error = ended, error
            self._cond.notify_all()
