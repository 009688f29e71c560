"""The camera loop's live figures for the settings screen's camera test: frames a second delivered
and the share of them decoded, while it runs; None when no camera runs."""

import threading
import time

import numpy as np
from test_scanner_camera import FakeCapture, Recorder, opener


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
