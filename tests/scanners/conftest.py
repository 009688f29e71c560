"""Fixtures for the scanner tests: a reader, the generated corpus, generated images and videos."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import corpus
import cv2
import numpy as np
import pytest

from scanners.pipeline import FrameReader, build_reader


@pytest.fixture(scope="session")
def reader() -> FrameReader:
    """The pipeline without its per-frame time budget, so that what it reads does not depend on
    the machine's load."""
    built, note = build_reader("zxing", budget_ms=None)
    assert note is None
    return built


@pytest.fixture(scope="session")
def samples() -> list[corpus.Sample]:
    """A 140-frame corpus (14 per degradation class, every payload twice), fixed seed."""
    return corpus.generate(per_class=14)


@pytest.fixture
def write_image(tmp_path) -> Callable[[np.ndarray, str], Path]:
    def write(image: np.ndarray, name: str = "frame.png") -> Path:
        path = tmp_path / name
        assert cv2.imwrite(str(path), image)
        return path

    return write


@pytest.fixture
def write_video(tmp_path) -> Callable[[list[np.ndarray], float], Path]:
    """An MJPEG .avi of the given BGR frames."""

    def write(frames: list[np.ndarray], fps: float = 20.0) -> Path:
        path = tmp_path / "clip.avi"
        height, width = frames[0].shape[:2]
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
        assert writer.isOpened()
        for frame in frames:
            writer.write(frame)
        writer.release()
        return path

    return write
