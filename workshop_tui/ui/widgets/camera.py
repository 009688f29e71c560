"""A small live preview of the camera: the newest frame drawn with half blocks (2 pixels a cell).

numpy is imported with the first frame: without a camera the terminal never needs it.
"""

from __future__ import annotations

from typing import Any

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget


def half_blocks(frame: Any, width: int, height: int) -> list[list[tuple[tuple[int, int, int], tuple[int, int, int]]]]:
    """Nearest-neighbour downscale of a BGR (or grey) frame to `height` rows of (top, bottom) RGB pairs."""
    import numpy as np

    pixels = np.asarray(frame)
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    rows = np.linspace(0, pixels.shape[0] - 1, height * 2).astype(int)
    cols = np.linspace(0, pixels.shape[1] - 1, width).astype(int)
    small = pixels[rows][:, cols, 2::-1]  # BGR -> RGB
    return [
        [
            ((int(top[0]), int(top[1]), int(top[2])), (int(bottom[0]), int(bottom[1]), int(bottom[2])))
            for top, bottom in zip(small[2 * y], small[2 * y + 1], strict=True)
        ]
        for y in range(height)
    ]


class CameraPreview(Widget):
    """Shows the newest frame it was given; hidden until there is one."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._cells: list[list[tuple[tuple[int, int, int], tuple[int, int, int]]]] = []
        self._frame: Any = None
        self.display = False

    def show_frame(self, frame: Any) -> None:
        self._frame = frame
        self.display = True
        self._cells = []
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if self._frame is None or width == 0:
            return Strip.blank(width)
        if len(self._cells) != height or (self._cells and len(self._cells[0]) != width):
            self._cells = half_blocks(self._frame, width, height)
        return Strip(
            [
                Segment("▀", Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom)))
                for top, bottom in self._cells[y]
            ]
        )
