"""The camera loop: newest frame only, clear messages for source problems, reopening."""

import threading
import time
from itertools import pairwise

import corpus
import numpy as np
import pytest

from scanners import camera, capture
from scanners.camera import CameraLoop, SourceError, Status, StatusCode
from scanners.capture import NoPermission
from scanners.codes import CodeRead

VIN = "WVWZZZ1JZXW000001"


@pytest.fixture(scope="module")
def label_frame() -> np.ndarray:
    return corpus.single("code39", "I" + VIN).render()


class FakeCapture:
    """Stands in for cv2.VideoCapture: hands out `frames`, then fails (unplugged) or blocks (stuck)."""

    def __init__(self, frames, then="fail", interval=0.0):
        self.frames = list(frames)
        self.then = then
        self.interval = interval
        self.released = threading.Event()
        self.reads = 0

    def get(self, prop):
        return {
            capture.cv2.CAP_PROP_FPS: 30.0,
            capture.cv2.CAP_PROP_FRAME_WIDTH: 1280,
            capture.cv2.CAP_PROP_FRAME_HEIGHT: 720,
        }.get(prop, 0)

    def read(self):
        time.sleep(self.interval)
        if self.reads < len(self.frames):
            self.reads += 1
            return True, self.frames[self.reads - 1]
        if self.then == "block":
            self.released.wait()
        return False, None

    def release(self):
        self.released.set()


def opener(*captures):
    """An `open_video` handing out the given fake captures, one per run."""
    pending = list(captures)

    def open_video(source):
        video = capture.VideoSource(source, pending.pop(0))
        video.first = video.read()
        return video

    return open_video


class Recorder:
    def __init__(self):
        self.reads, self.statuses, self.frames = [], [], []

    def loop(self, source="0", **kwargs):
        return CameraLoop(source, "zxing", on_read=self.reads.append, on_status=self.statuses.append, **kwargs)


def run_with_timeout(loop, stop=None, timeout=10.0):
    stop = stop or threading.Event()
    worker = threading.Thread(target=loop.run, args=(stop,))
    worker.start()
    worker.join(timeout)
    stop.set()
    worker.join(2)
    assert not worker.is_alive(), "the loop did not return"


def test_unplugged_mid_scan_is_reported_and_the_camera_can_be_reopened(label_frame):
    first, second = (FakeCapture([label_frame] * 15, interval=0.03) for _ in range(2))  # half a second at 30 fps
    recorder = Recorder()
    loop = recorder.loop(open_video=opener(first, second))
    run_with_timeout(loop)
    assert [r.value for r in recorder.reads] == [VIN]
    assert loop.error.code == "camera_lost"
    assert recorder.statuses[-1] == Status(StatusCode.CAMERA_LOST, {"target": "0"})
    assert first.released.is_set()

    run_with_timeout(loop)  # the same loop, reopened after the failure
    assert [r.value for r in recorder.reads] == [VIN, VIN]
    assert second.released.is_set()


def test_camera_stuck_in_read_is_reported_lost(monkeypatch, label_frame):
    monkeypatch.setattr(camera, "STALL_SECONDS", 0.5)
    stuck = FakeCapture([label_frame] * 2, then="block")
    recorder = Recorder()
    loop = recorder.loop(open_video=opener(stuck))
    started = time.monotonic()
    run_with_timeout(loop)
    assert loop.error.code == "camera_lost" and time.monotonic() - started < 3


def test_only_the_newest_frame_is_decoded(label_frame):
    """A 200 fps camera and a 50 ms consumer: frames are skipped, the lag never grows."""
    frames = [np.full((72, 128, 3), 0, np.uint8) for _ in range(300)]
    for number, frame in enumerate(frames):
        frame[0, 0, 0] = number % 256
        frame[0, 0, 1] = number // 256
    fast = FakeCapture(frames, interval=0.005)
    seen = []

    def on_frame(frame):
        seen.append((int(frame[0, 0, 0]) + 256 * int(frame[0, 0, 1]), fast.reads))
        time.sleep(0.05)

    recorder = Recorder()
    loop = recorder.loop(open_video=opener(fast), on_frame=on_frame)
    stop = threading.Event()
    threading.Timer(1.0, stop.set).start()
    run_with_timeout(loop, stop)
    numbers = [number for number, _ in seen]
    assert numbers == sorted(set(numbers)) and len(numbers) < 40
    assert max(b - a for a, b in pairwise(numbers)) > 3  # frames were skipped
    assert all(produced - number <= 6 for number, produced in seen)  # always (nearly) the newest: no growing lag


def test_stop_returns_promptly(label_frame):
    endless = FakeCapture([label_frame] * 10_000, interval=0.02)
    recorder = Recorder()
    loop = recorder.loop(open_video=opener(endless))
    stop = threading.Event()
    worker = threading.Thread(target=loop.run, args=(stop,))
    worker.start()
    time.sleep(0.5)
    stop.set()
    worker.join(1.5)
    assert not worker.is_alive() and loop.error is None
    assert endless.released.wait(2)
    assert [r.value for r in recorder.reads] == [VIN]  # seen many times, reported once


def test_source_errors_become_one_status_line():
    def busy(source):
        raise SourceError("camera_busy", source.target)

    recorder = Recorder()
    loop = recorder.loop(open_video=busy)
    run_with_timeout(loop)
    assert loop.error.code == "camera_busy" and recorder.statuses == [Status(StatusCode.CAMERA_BUSY, {"target": "0"})]


def test_a_permission_error_names_the_device_node():
    def denied(source):
        raise NoPermission(source.target, "/dev/video0")

    recorder = Recorder()
    run_with_timeout(recorder.loop(open_video=denied))
    assert recorder.statuses == [Status(StatusCode.PERMISSION, {"target": "0", "node": "/dev/video0"})]


@pytest.mark.parametrize(
    ("source", "code", "status"),
    [
        ("7", "no_camera", StatusCode.NO_CAMERA),
        ("/nonexistent/clip.mp4", "file_missing", StatusCode.FILE_MISSING),
        ("rtsp://", "bad_url", StatusCode.BAD_URL),
        ("http://127.0.0.1:9/video", "url_unreachable", StatusCode.URL_UNREACHABLE),
    ],
)
def test_real_sources_that_cannot_work(source, code, status):
    recorder = Recorder()
    loop = recorder.loop(source)
    run_with_timeout(loop)
    assert loop.error.code == code and recorder.statuses == [Status(status, {"target": source})]


def test_still_image_gives_one_frame_and_one_read(write_image, label_frame):
    recorder = Recorder()
    loop = recorder.loop(str(write_image(label_frame)), on_frame=recorder.frames.append)
    run_with_timeout(loop)
    assert len(recorder.frames) == 1 and [r.value for r in recorder.reads] == [VIN] and loop.error is None


def test_decoder_instance_is_accepted(label_frame, write_image):
    from scanners.decoders import get_decoder

    reads: list[CodeRead] = []
    loop = CameraLoop(str(write_image(label_frame)), get_decoder("pyzbar"), on_read=reads.append, on_status=print)
    assert (loop.reader.primary.name, loop.reader.secondary.name) == ("pyzbar", "zxing")
    run_with_timeout(loop)
    assert [r.value for r in reads] == [VIN]


# The loop's live figures for the settings screen's camera test: The camera loop's live figures for the settings screen's camera test: frames a second delivered and the share of them decoded, while it runs; None when no camera runs.


def test_the_loop_reports_frames_delivered_and_decoded_while_it_runs():
    blank = np.full((72, 128, 3), 0, np.uint8)
    camera = FakeCapture([blank] * 10_000, interval=0.01)  # about 100 frames a second
    loop = Recorder().loop(open_video=opener(camera), on_frame=lambda _frame: time.sleep(0.04))
    assert loop.stats() is None
    stop = threading.Event()
    worker = threading.Thread(target=loop.run, args=(stop,))
    worker.start()
    try:
        time.sleep(1.0)
        stats = loop.stats()
    finally:
        stop.set()
        worker.join(3)
    assert stats is not None
    assert 20 < stats.delivered_fps < 150
    assert 0 < stats.decoded_share < 0.8  # a slow consumer: frames were replaced before it was free
    assert loop.stats() is None, "nothing runs once stopped"
