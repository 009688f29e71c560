"""Frame preparation with OpenCV, used only when the fast path found nothing.

1D codes: find regions of strong, single-direction texture (many parallel bars) with the
structure tensor, then cut each one out straightened (bars upright, whatever the roll, 90° and
180° included), averaged along the bars (which removes most noise without blurring across
them), contrast-stretched and upscaled when the bars are too thin for the decoders.
Matrix codes: cut out compact regions of busy texture in every direction and upscale small
ones (the DataMatrix detector of the zxing-cpp wheel also wants the symbol near the middle of
the image and near upright, which a crop turned a quarter at a time gives it cheaply).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

import cv2
import numpy as np

WORK_WIDTH = 640  # the structure tensor is computed at about this width
_WINDOW = 15  # tensor window, work pixels: a few bars wide
_MIN_LENGTH = 60  # work pixels across the bars; shorter regions are edges, not codes
_TARGET_MODULE = 3.0  # pixels per narrow bar the decoders read comfortably
_MAX_UPSCALE = 3.0
_SMOOTHING = 9  # pixels averaged along the bars
_DEBLUR_SIGMAS = (1.0, 1.4, 1.8, 2.2)  # trial lens blurs, frame pixels
_WIENER_NOISE = 0.001  # noise-to-signal power left after averaging along the bars
_PAD = 64  # profile padding against wrap-around in the FFT
_VIEW_ROWS = 16
_MAX_MATRIX_COHERENCE = 0.6  # anisotropy / energy above this is bars or edges, not a matrix code
_MATRIX_SIDE = 240  # pixels a matrix code crop is upscaled to (when smaller)


@dataclass(frozen=True)
class LinearCandidate:
    """A region that looks like a 1D barcode, in full-frame pixels.

    Under perspective the bars are not square to the code's axis, so both directions are kept.
    """

    centre: tuple[float, float]
    axis: float  # radians: direction of the code's long axis (the way a scan line runs)
    bars: float  # radians: direction of the bars at the centre
    length: float  # extent along the axis
    height: float  # extent along the bars
    score: float
    bars_turn: float = 0.0  # radians the bar direction turns from one end to the other (perspective)

@dataclass(frozen=True)
class Texture:
    """Structure tensor of a frame at working scale."""

    scale: float  # work pixels per frame pixel
    jxx: np.ndarray
    jyy: np.ndarray
    jxy: np.ndarray

    @property
    def anisotropy(self) -> np.ndarray:
        """Oriented gradient energy (largest minus smallest eigenvalue): high on bars, low on noise."""
        diff = self.jxx - self.jyy
        return cv2.sqrt(diff * diff + 4 * self.jxy * self.jxy)


def texture(gray: np.ndarray) -> Texture:
    """Smoothed gradient products of `gray`, downscaled to about WORK_WIDTH."""
    scale = min(1.0, WORK_WIDTH / gray.shape[1])
    small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    box = (_WINDOW, _WINDOW)
    return Texture(scale, cv2.boxFilter(gx * gx, -1, box), cv2.boxFilter(gy * gy, -1, box), cv2.boxFilter(gx * gy, -1, box))


def find_linear_codes(tex: Texture, limit: int = 2) -> list[LinearCandidate]:
    """The `limit` most 1D-barcode-like regions, strongest first."""
    strength = tex.anisotropy
    peak = float(strength.max())
    if peak <= 0:
        return []
    mask = (strength > 0.2 * peak).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_WINDOW, _WINDOW)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for label in range(1, count):
        if stats[label, cv2.CC_STAT_AREA] >= _MIN_LENGTH * _WINDOW:
            ys, xs = np.nonzero(labels == label)
            candidate = _candidate(tex, strength, xs.astype(np.float32), ys.astype(np.float32))
            if candidate:
                found.append(candidate)
    found.sort(key=lambda c: c.score, reverse=True)
    return found[:limit]


def find_matrix_codes(tex: Texture, limit: int = 2) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, width, height, frame pixels) of the `limit` strongest compact regions of busy
    texture in every direction, where a DataMatrix or QR code would be; strongest first."""
    energy = tex.jxx + tex.jyy
    level = float(np.percentile(energy, 99.5))
    if level <= 0:
        return []
    busy = (energy > 0.2 * level) & (tex.anisotropy < _MAX_MATRIX_COHERENCE * energy)
    mask = cv2.morphologyEx(busy.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_WINDOW, _WINDOW)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if min(w, h) >= _WINDOW and max(w, h) <= 3 * min(w, h) and area >= 0.4 * w * h:
            score = float(energy[labels == label].sum())
            boxes.append((score, tuple(int(round(v / tex.scale)) for v in (x, y, w, h))))
    boxes.sort(reverse=True)
    return [box for _, box in boxes[:limit]]


def matrix_view(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The box with a margin, upscaled so that small codes get about 3 px per module."""
    x, y, w, h = box
    margin = max(w, h) // 4
    crop = gray[max(y - margin, 0) : y + h + margin, max(x - margin, 0) : x + w + margin]
    upscale = min(_MAX_UPSCALE, max(1.0, _MATRIX_SIDE / max(w, h)))
    return crop if upscale == 1.0 else cv2.resize(crop, None, fx=upscale, fy=upscale, interpolation=cv2.INTER_CUBIC)


def _candidate(tex: Texture, strength: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> LinearCandidate | None:
    """Geometry of one region; None unless it is long across its bars (edges and lines are not)."""
    iys, ixs = ys.astype(np.intp), xs.astype(np.intp)
    sxx, syy, sxy = (float(m[iys, ixs].sum()) for m in (tex.jxx, tex.jyy, tex.jxy))
    across = 0.5 * math.atan2(2 * sxy, sxx - syy)  # mean gradient direction, square to the bars
    bars = across + math.pi / 2
    cx, cy = float(xs.mean()), float(ys.mean())
    cov = np.cov(np.vstack([xs - cx, ys - cy]))
    eigen_values, eigen_vectors = np.linalg.eigh(cov)
    axis = math.atan2(eigen_vectors[1, 1], eigen_vectors[0, 1])
    if math.cos(axis - across) < 0:
        axis += math.pi
    if abs(math.sin(axis - across)) > 0.6:  # principal axis unrelated to the bars: keep the square frame
        axis = across
    # coordinates of each pixel in the (axis, bars) frame, which need not be orthogonal
    basis = np.array([[math.cos(axis), math.cos(bars)], [math.sin(axis), math.sin(bars)]])
    s, t = np.linalg.solve(basis, np.vstack([xs - cx, ys - cy]))
    lo_s, hi_s = np.percentile(s, (1, 99))
    lo_t, hi_t = np.percentile(t, (1, 99))
    length, height = hi_s - lo_s - _WINDOW, hi_t - lo_t - _WINDOW
    if length < _MIN_LENGTH or length < 1.5 * height:
        return None
    mid_s, mid_t = (lo_s + hi_s) / 2, (lo_t + hi_t) / 2
    centre = basis @ np.array([mid_s, mid_t]) + (cx, cy)
    k = tex.scale
    score = float(strength[iys, ixs].sum())
    return LinearCandidate((centre[0] / k, centre[1] / k), axis, bars, length / k, max(height, 4.0) / k, score)


def bar_edges(strip: np.ndarray) -> int:
    """Light/dark transitions along the middle rows of an upright strip."""
    middle = strip.shape[0] // 2
    profile = strip[max(middle - 2, 0) : middle + 3].mean(axis=0, dtype=np.float32)
    level = cv2.blur(profile[None, :], (31, 1))[0]
    dark = profile < level
    return int(np.count_nonzero(dark[1:] != dark[:-1]))


def module_width(strip: np.ndarray) -> float:
    """Estimated narrow-bar width in pixels of an upright strip, from its mean run length."""
    # Code 39 and Code 128 average about 1.7 modules per bar or space
    return strip.shape[1] / max(bar_edges(strip), 1) / 1.7


def straighten(gray: np.ndarray, candidate: LinearCandidate, upscale: float = 1.0) -> np.ndarray:
    """The candidate cut out with its axis level and its bars upright, `upscale` times wider,
    smoothed along the bars and contrast-stretched."""
    strip = cv2.blur(_cut_out(gray, candidate, upscale), (1, _SMOOTHING))
    return cv2.normalize(strip, None, 0, 255, cv2.NORM_MINMAX)


def refine(gray: np.ndarray, candidate: LinearCandidate) -> LinearCandidate:
    """The candidate with its bar direction measured again at full resolution, at both ends.

    The working scale aliases thin bars (errors of 2-3°), and under perspective the bars
    converge: the direction is measured on each half of the code and interpolated along it.
    The gradient sums underestimate that turn, hence a second pass.
    """
    for _ in range(2):
        strip = _cut_out(gray, candidate, 1.0)
        margin = (strip.shape[1] - candidate.length) / 2
        middle = strip.shape[1] // 2
        left = _residual_angle(strip[:, int(margin) : middle])
        right = _residual_angle(strip[:, middle : int(strip.shape[1] - margin)])
        # the halves' residuals are measured a quarter of the length either side of the centre
        candidate = replace(candidate, bars=candidate.bars + (left + right) / 2, bars_turn=candidate.bars_turn + 2 * (right - left))
    return candidate


def _residual_angle(strip: np.ndarray) -> float:
    """How far from upright the bars of a strip lean, radians (0 when the gradient is level)."""
    gx = cv2.Sobel(strip, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(strip, cv2.CV_32F, 0, 1, ksize=3)
    return 0.5 * math.atan2(2 * float((gx * gy).sum()), float((gx * gx).sum() - (gy * gy).sum()))


def _cut_out(gray: np.ndarray, candidate: LinearCandidate, upscale: float) -> np.ndarray:
    """Sample the frame along the code: column x follows the axis, row y follows the bars (whose
    direction turns along the code by `bars_turn`)."""
    margin = 0.12 * candidate.length + 12
    width = int((candidate.length + 2 * margin) * upscale)
    height = int(max(candidate.height * 0.9, 12))
    ax, ay = math.cos(candidate.axis), math.sin(candidate.axis)
    flip = math.cos(candidate.bars) * -ay + math.sin(candidate.bars) * ax < 0  # keep the strip unmirrored
    along = np.arange(width, dtype=np.float32) / upscale - width / (2 * upscale)
    across = np.arange(height, dtype=np.float32)[:, None] - height / 2
    bars = candidate.bars + (math.pi if flip else 0.0) + candidate.bars_turn * along / candidate.length
    cx, cy = (float(v) for v in candidate.centre)
    map_x = cx + along * ax + across * np.cos(bars).astype(np.float32)
    map_y = cy + along * ay + across * np.sin(bars).astype(np.float32)
    return cv2.remap(gray, map_x, map_y, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def linear_views(gray: np.ndarray, candidate: LinearCandidate, probe: np.ndarray) -> Iterator[np.ndarray]:
    """Upright views of a 1D candidate to decode in turn, cheapest first.

    `probe` is `straighten(gray, candidate)`. First the straightened strip (upscaled when the bars
    are thinner than about 3 px), then its profile across the bars deblurred for a few lens blurs.
    """
    upscale = min(_MAX_UPSCALE, max(1.0, _TARGET_MODULE / max(module_width(probe), 0.5)))
    strip = probe if upscale == 1.0 else straighten(gray, candidate, upscale)
    yield strip
    yield from _deblurred(strip, upscale)


def _deblurred(strip: np.ndarray, upscale: float) -> Iterator[np.ndarray]:
    """Wiener deconvolution of the strip's mean profile for each trial Gaussian blur.

    Averaging the middle third of the bars leaves little noise, so the profile can be sharpened
    hard; each result is repeated into a short image the decoders scan like any other.
    """
    height = strip.shape[0]
    profile = strip[height // 3 : 2 * height // 3].mean(axis=0, dtype=np.float32)
    padded = np.pad(profile, _PAD, mode="edge")
    spectrum = np.fft.rfft(padded)
    frequency = np.fft.rfftfreq(len(padded))
    for sigma in _DEBLUR_SIGMAS:
        blur = np.exp(-2 * (np.pi * sigma * upscale * frequency) ** 2)
        restored = np.fft.irfft(spectrum * blur / (blur * blur + _WIENER_NOISE), len(padded))[_PAD:-_PAD]
        restored = cv2.normalize(restored[None, :], None, 0, 255, cv2.NORM_MINMAX, cv2.CV_8U)
        yield np.repeat(restored, _VIEW_ROWS, axis=0)
