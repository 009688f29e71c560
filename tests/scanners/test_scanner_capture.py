"""Capture: still images bounded before they are decoded, and how well the decoder keeps up."""

import struct
import threading
import time
import zlib

import cv2
import numpy as np
import pytest

from scanners import capture
from scanners.capture import ImageTooLarge, LatestFrame, Source, SourceError, VideoSource


def _png_header_only(width: int, height: int) -> bytes:
    """A small PNG file whose header declares width x height (the pixel data is short)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * (width + 1) * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _jpeg_declaring(width: int, height: int) -> bytes:
    """A real 64x48 JPEG with its frame header (SOF0) rewritten to declare width x height."""
    _, encoded = cv2.imencode(".jpg", np.zeros((48, 64, 3), np.uint8))
    data = bytearray(encoded.tobytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize(("name", "make"), [("huge.png", _png_header_only), ("huge.jpg", _jpeg_declaring)])
def test_an_image_declaring_20000_by_20000_is_refused_from_its_header(tmp_path, name, make):
    path = tmp_path / name
    path.write_bytes(make(20000, 20000))
    with pytest.raises(ImageTooLarge) as refused:
        capture.read_image(capture.parse_source(str(path)))
    error = refused.value
    assert (error.code, error.target, error.width, error.height) == ("image_too_large", str(path), 20000, 20000)
    assert isinstance(error, SourceError)  # the camera loop reports it like any source problem


def test_the_size_limit_is_on_the_pixel_count(tmp_path):
    assert capture.declared_size(str(_write(tmp_path, "wide.png", _png_header_only(40_000, 1000)))) == (40_000, 1000)
    with pytest.raises(SourceError) as truncated:  # 36 MP is allowed: decoded, and found short of pixel data
        capture.read_image(capture.parse_source(str(_write(tmp_path, "ok.png", _png_header_only(6000, 6000)))))
    assert truncated.value.code == "file_unreadable"
    with pytest.raises(ImageTooLarge):
        capture.read_image(capture.parse_source(str(_write(tmp_path, "big.png", _png_header_only(8000, 6000)))))


def test_an_ordinary_image_is_decoded(write_image):
    frame = np.full((480, 640, 3), 77, np.uint8)
    assert capture.read_image(capture.parse_source(str(write_image(frame, "frame.jpg")))).shape == (480, 640, 3)


def test_a_file_that_is_no_image_is_unreadable(tmp_path):
    with pytest.raises(SourceError) as refused:
        capture.read_image(capture.parse_source(str(_write(tmp_path, "junk.png", b"not an image at all"))))
    assert refused.value.code == "file_unreadable" and not isinstance(refused.value, ImageTooLarge)


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


class _PacedCamera:
    """A live camera delivering a frame every `interval` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.frame = np.zeros((48, 64, 3), np.uint8)

    def get(self, prop):
        return 0.0

    def read(self):
        time.sleep(self.interval)
        return True, self.frame

    def release(self):
        pass


def test_stats_say_the_rate_the_camera_delivers_and_the_share_decoded():
    video = VideoSource(Source("device", 0), _PacedCamera(0.01))  # type: ignore[arg-type]  # a stand-in camera
    video.first = video.read()
    frames = LatestFrame(video)
    assert frames.stats() == capture.FrameStats(0.0, 0.0)
    frames.start()
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:  # a decoder taking 50 ms a frame
            frames.next(0.2)
            stop.wait(0.05)
        stats = frames.stats()
    finally:
        frames.stop()
    assert 30 <= stats.delivered_fps <= 110  # about 100 fps, less on a loaded machine
    assert 0.05 <= stats.decoded_share <= 0.6  # about one frame in five
