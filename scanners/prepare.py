"""Frame preparation with OpenCV, used only when the fast path found nothing.

1D codes: find regions of strong, single-direction texture (many parallel bars) with the
structure tensor (a label smeared along its code by motion has weaker bars than its own edges,
so a region whose direction makes no code is tried again with the pixels of its second
direction, joined along the code across the stretches a heavy smear left bare), re-seat each
region on its bars alone (under motion a region also takes in smeared edges and background grain),
measure the bar direction again at full resolution at both ends (it
turns under perspective) and keep the rows that cross the bars (the region also holds the printed
line under them), then cut each region out straightened: bars upright whatever the roll
(90° and 180° included), averaged along the bars (which removes most noise without blurring
across them), contrast-stretched and upscaled when the bars are too thin for the decoders;
last, the profile across the bars is deblurred for a few trial lens blurs, and so is a
super-resolved profile binned from every pixel's exact position along the code (bars one pixel
wide, leaning slightly against the pixel grid, are sampled at many sub-pixel phases), and for a
few trial motion smears along the code.
Matrix codes: cut out compact regions of busy texture in every direction and upscale small
ones (the DataMatrix detector of the zxing-cpp wheel also wants the symbol near the middle of
the image and near upright, which a crop turned a quarter at a time gives it cheaply), and
smooth them against the sensor noise of dim frames; a crop
smeared in one direction by camera motion is deconvolved for the motion its cepstrum shows. A
code smeared over a module or two has texture mostly in one direction, like bars: it is looked
for again with a looser limit on that (SMEARED_COHERENCE).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

import cv2
import numpy as np

WORK_WIDTH = 640  # the gradient is computed at about this width
_POOL = 2  # its products are averaged over blocks of this side: work pixels are _POOL gradient pixels
_WINDOW = 7  # tensor window, work pixels (odd, to stay centred): a few bars wide
_MIN_LENGTH = 30  # work pixels across the bars; shorter regions are edges, not codes
_DIRECTIONS = 18  # gradient directions told apart when a region's own are mixed
_MIN_LABEL_LENGTH = 90  # work pixels along a VIN label's bars at least (small ones: 100-150)
_BRIDGE = 3 * _WINDOW  # work pixels of a smeared code's faded stretches joined along its axis
_MIXED_COHERENCE = 0.6  # a region's anisotropy / energy below this: its directions are mixed (bars and edges)
_MAX_ASPECT = 15  # longer than this for its height: a line of text or a cable, not bars
_TARGET_MODULE = 3.0  # pixels per narrow bar the decoders read comfortably
_MAX_UPSCALE = 3.0
_SMOOTHING = 9  # pixels averaged along the bars
_DEBLUR_SIGMAS = (0.6, 1.0, 1.4)  # trial lens blurs, frame pixels (1.8 and 2.2 added no read)
DEBLUR_UPSCALE = 3.0  # profiles are deblurred at this many samples per frame pixel at least
_SMEAR_PIXELS = tuple(1.5 * 1.2**k for k in range(12))  # trial motion smears along the code, 1.5-11 px
_WIENER_NOISE = 0.01  # noise-to-signal power left after averaging along the bars
_PAD = 64  # profile padding against wrap-around in the FFT
_VIEW_ROWS = 16
_SETTLE_LENGTH, _SETTLE_HEIGHT = 1.5, 2.0  # the window `settle` looks at, times the candidate's length and height
_SETTLE_PASSES = 3  # measurements at most, each in the frame the last one corrected
_SETTLED_MOVE, _SETTLED_TURN = 2.0, 0.01  # work pixels and sine: a measurement moving less ends them
_SETTLE_CHUNKS = 8  # pieces of the code whose middle rows give its axis
_MAX_ROWS = 90  # rows of a straightened strip at most (the middle ones): enough to average out noise
_ROW_SMOOTHING = 5  # rows averaged when telling which rows cross the bars
_MIN_BAR_ROWS = 6  # fewer rows crossing the bars than this: no run to narrow a region to
_MAX_BINNED_TURN = math.radians(2)  # bars turning more than this along the code blur the binned profile
_MAX_MATRIX_COHERENCE = 0.6  # anisotropy / energy above this is bars or edges, not a matrix code
SMEARED_COHERENCE = 0.8  # where a matrix code smeared by motion is looked for: its texture runs one way
_NOISE_FLOOR = 2.0  # texture this many times the frame's median or more: a code, not sensor noise
_DENOISE_SIGMA = 1.5  # crop pixels (most crops are upscaled about 3 times: half a frame pixel)
_MATRIX_SIDE = 240  # pixels a matrix code crop is upscaled to (when smaller)
_MIN_SMEAR_COHERENCE = 0.25  # a sharp matrix code is isotropic (< 0.05); one smeared by motion is not
_SMEAR_SIDE = 256  # pixels a crop is shrunk to before deblurring (Fourier transforms of larger ones cost 10 ms)
_SMEAR_LENGTHS = range(3, 41)  # motion lengths searched in the cepstrum, crop pixels
_SMEAR_TURNS = (-8, -4, 0, 4, 8)  # degrees from the gradient's weak direction searched likewise
_MOTION_WIENER_NOISE = 0.01


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

    @cached_property
    def tensor(self) -> np.ndarray:
        """jxx, jyy and jxy as the three channels of one image (to be resampled together)."""
        return cv2.merge([self.jxx, self.jyy, self.jxy])

    @cached_property
    def energy(self) -> np.ndarray:
        """Gradient energy in every direction (jxx + jyy)."""
        return self.jxx + self.jyy

    @cached_property
    def busy_level(self) -> float:
        """The energy above which texture is busy enough for a matrix code: a fifth of its 99.5th
        percentile and _NOISE_FLOOR times its median (in a dim frame, sensor noise alone passed the
        first, and the whole frame was cut out as one region); infinite in a frame without texture."""
        top = max(self.energy.size // 200, 1)  # the level is the 99.5th percentile
        level = float(np.partition(self.energy, -top, axis=None)[-top])
        return max(0.2 * level, _NOISE_FLOOR * float(np.median(self.energy))) if level > 0 else math.inf

    @cached_property
    def anisotropy(self) -> np.ndarray:
        """Oriented gradient energy (largest minus smallest eigenvalue): high on bars, low on noise."""
        return cv2.magnitude(self.jxx - self.jyy, 2 * self.jxy)


def texture(gray: np.ndarray) -> Texture:
    """Smoothed gradient products of `gray`, whose gradient is taken at about WORK_WIDTH (thin bars
    need it) and whose products are pooled _POOL times smaller before smoothing (the window is
    wider than that anyway, and every later step handles a quarter of the pixels)."""
    scale = min(1.0, WORK_WIDTH / gray.shape[1])
    small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    box, pool = (_WINDOW, _WINDOW), 1 / _POOL

    def smoothed(product: np.ndarray) -> np.ndarray:
        return cv2.boxFilter(cv2.resize(product, None, fx=pool, fy=pool, interpolation=cv2.INTER_AREA), -1, box)

    return Texture(scale / _POOL, smoothed(gx * gx), smoothed(gy * gy), smoothed(gx * gy))


def find_linear_codes(tex: Texture, limit: int = 2) -> list[LinearCandidate]:
    """The `limit` most 1D-barcode-like regions, strongest first.

    Regions are ranked by their summed strength first, each read from its bounding box only, and
    the geometry is measured in that order until `limit` regions pass (most frames have a few).
    """
    strength = tex.anisotropy
    peak = float(strength.max())
    if peak <= 0:
        return []
    strong = (strength > 0.2 * peak).astype(np.uint8)
    mask = cv2.morphologyEx(strong, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_WINDOW, _WINDOW)))
    count, labels, stats = _components(mask)
    regions = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if area >= _MIN_LENGTH * _WINDOW:
            box = np.s_[y : y + h, x : x + w]
            inside = labels[box] == label
            regions.append((float(strength[box][inside].sum()), box, inside))
    regions.sort(key=lambda region: region[0], reverse=True)
    found = []
    for score, box, inside in regions:
        candidate = _candidate(tex, box, inside, score) or _bars_of(tex, box, inside, score)
        if candidate:
            found.append(candidate)
            if len(found) == limit:
                break
    return found


def _candidate(tex: Texture, box: tuple[slice, slice], inside: np.ndarray, score: float) -> LinearCandidate | None:
    """Geometry of the region `inside` the `box` of the texture; None unless it is long across its
    bars (edges are not) without being a thin streak (a line of printed text)."""
    sxx, syy, sxy = (float(m[box][inside].sum()) for m in (tex.jxx, tex.jyy, tex.jxy))
    across = 0.5 * math.atan2(2 * sxy, sxx - syy)  # mean gradient direction, square to the bars
    bars = across + math.pi / 2
    ys, xs = np.nonzero(inside)
    cx, cy = float(xs.mean()), float(ys.mean())
    offsets = np.vstack([xs - cx, ys - cy]).astype(np.float32)
    _, eigen_vectors = np.linalg.eigh(np.cov(offsets))
    axis = math.atan2(eigen_vectors[1, 1], eigen_vectors[0, 1])
    if math.cos(axis - across) < 0:
        axis += math.pi
    if abs(math.sin(axis - across)) > 0.6:  # principal axis unrelated to the bars: keep the square frame
        axis = across
    # coordinates of each pixel in the (axis, bars) frame, which need not be orthogonal
    basis = np.array([[math.cos(axis), math.cos(bars)], [math.sin(axis), math.sin(bars)]])
    s, t = np.linalg.inv(basis).astype(np.float32) @ offsets
    lo_s, hi_s = np.percentile(s, (1, 99))
    lo_t, hi_t = np.percentile(t, (1, 99))
    length, height = hi_s - lo_s - _WINDOW, hi_t - lo_t - _WINDOW
    if length < _MIN_LENGTH or not 1.5 * height <= length <= _MAX_ASPECT * height:
        return None
    mid_s, mid_t = (lo_s + hi_s) / 2, (lo_t + hi_t) / 2
    centre = basis @ np.array([mid_s, mid_t]) + (cx + box[1].start, cy + box[0].start)
    k, pooled = tex.scale, (_POOL - 1) / (2 * _POOL)  # how far a work pixel's centre lies past its index
    return LinearCandidate(
        ((centre[0] + pooled) / k, (centre[1] + pooled) / k), axis, bars, length / k, max(height, 2.0) / k, score
    )


def _bars_of(tex: Texture, box: tuple[slice, slice], inside: np.ndarray, score: float) -> LinearCandidate | None:
    """The candidate made of the region's pixels that share its second strongest gradient direction,
    when the whole region makes none: a label smeared by motion along its code keeps its bars'
    gradient weaker than that of its own edges and printed text, which then set the region's direction."""
    if math.hypot(*inside.shape) < _MIN_LABEL_LENGTH:
        return None
    sxx, syy, sxy = (float(m[box][inside].sum()) for m in (tex.jxx, tex.jyy, tex.jxy))
    if math.hypot(sxx - syy, 2 * sxy) >= _MIXED_COHERENCE * (sxx + syy):
        return None  # one direction: a streak or a line of text, no bars hidden under it
    angle = 0.5 * np.arctan2(2 * tex.jxy[box], tex.jxx[box] - tex.jyy[box])
    bins = ((angle + math.pi / 2) / math.pi * _DIRECTIONS).astype(np.intp) % _DIRECTIONS
    weights = np.bincount(bins[inside], weights=tex.anisotropy[box][inside], minlength=_DIRECTIONS)
    weights = weights + np.roll(weights, 1) + np.roll(weights, -1)  # each bin with its neighbours
    strongest = int(weights.argmax())
    apart = np.abs((np.arange(_DIRECTIONS) - strongest + _DIRECTIONS // 2) % _DIRECTIONS - _DIRECTIONS // 2)
    weights[apart <= 2] = 0
    second = int(weights.argmax())
    near = np.abs((bins - second + _DIRECTIONS // 2) % _DIRECTIONS - _DIRECTIONS // 2) <= 1
    strength = np.where(near, tex.anisotropy[box], 0)
    mask = cv2.morphologyEx(
        (strength > 0.2 * strength.max()).astype(np.uint8),
        cv2.MORPH_CLOSE,
        cv2.getStructuringElement(cv2.MORPH_RECT, (_WINDOW, _WINDOW)),
    )
    # a heavy smear leaves the dense stretches of the code with little texture: its pieces are
    # joined along the code's axis (the gradient's direction)
    across = ((second + 0.5) / _DIRECTIONS - 0.5) * math.pi
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, _line_element(_BRIDGE, across))
    count, labels, stats = _components(mask)
    if count < 2:
        return None
    largest = 1 + int(stats[1:, cv2.CC_STAT_AREA].argmax())
    if stats[largest, cv2.CC_STAT_AREA] < _MIN_LENGTH * _WINDOW:
        return None
    candidate = _candidate(tex, box, labels == largest, score)
    if (
        candidate is None
        or candidate.length * tex.scale < _MIN_LABEL_LENGTH
        or candidate.length < 2.5 * candidate.height
    ):
        return None  # the edges of a matrix code's modules, not a label's bars
    return candidate


def _line_element(length: int, angle: float) -> np.ndarray:
    """A structuring element: a line of `length` pixels at `angle` (radians), centred."""
    element = np.zeros((length, length), np.uint8)
    half, dx, dy = (length - 1) / 2, math.cos(angle) * (length - 1) / 2, math.sin(angle) * (length - 1) / 2
    cv2.line(element, (round(half - dx), round(half - dy)), (round(half + dx), round(half + dy)), 1)
    return element


def settle(tex: Texture, candidate: LinearCandidate) -> LinearCandidate:
    """The candidate re-seated on its bars: centre, axis, bar direction, length and height measured
    again from where the gradient runs across the bars, in a window half as long again and twice
    as high.

    A region is grown from strong texture of any direction, so under motion it takes in the
    label's smeared edges and printed text and the background's smeared grain: its axis and bars
    can be 15-40° off, its centre on the bars' edge and an end cut off (most of the motion-smeared
    labels the pattern fit missed). The energy across the bars minus that along them marks the bars
    alone. Each measurement is made in the frame the last one corrected, until it settles (a frame
    40° off takes three); the candidate is kept where no bars show."""
    for _ in range(_SETTLE_PASSES):
        settled = _settled(tex, candidate)
        if settled is None:
            break
        moved = (math.dist(settled.centre, candidate.centre) + abs(settled.length - candidate.length)) * tex.scale
        turned = abs(math.sin(settled.axis - candidate.axis))
        candidate = settled
        if moved < _SETTLED_MOVE and turned < _SETTLED_TURN:
            break
    return candidate


def _settled(tex: Texture, candidate: LinearCandidate) -> LinearCandidate | None:
    """One measurement of `settle`, in a window of work pixels whose columns follow the axis and
    whose rows follow the bars; None when no bars show in it."""
    k, pooled = tex.scale, (_POOL - 1) / (2 * _POOL)
    ax, ay = math.cos(candidate.axis), math.sin(candidate.axis)
    bx, by = math.cos(candidate.bars), math.sin(candidate.bars)
    width, height = int(_SETTLE_LENGTH * candidate.length * k) + 1, int(_SETTLE_HEIGHT * candidate.height * k) + 1
    cx, cy = candidate.centre[0] * k - pooled, candidate.centre[1] * k - pooled
    to_texture = np.array(
        [[ax, bx, cx - width / 2 * ax - height / 2 * bx], [ay, by, cy - width / 2 * ay - height / 2 * by]]
    )
    jxx, jyy, jxy = cv2.split(
        cv2.warpAffine(tex.tensor, to_texture, (width, height), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
    )
    c, s = math.cos(candidate.bars - math.pi / 2), math.sin(candidate.bars - math.pi / 2)
    across = np.maximum(jxx * (c * c - s * s) + jxy * (4 * c * s) + jyy * (s * s - c * c), 0)
    span = _bars_span(across)
    if span is None:
        return None
    top, bottom, first, last = span
    slope = _rows_slope(across, span)
    sxx, syy, sxy = (float(m[top:bottom, first:last].sum()) for m in (jxx, jyy, jxy))
    x, y = to_texture @ ((first + last) / 2, (top + bottom) / 2, 1.0)
    dx, dy = ax + slope * bx, ay + slope * by
    return replace(
        candidate,
        centre=((x + pooled) / k, (y + pooled) / k),
        axis=math.atan2(dy, dx),
        bars=0.5 * math.atan2(2 * sxy, sxx - syy) + math.pi / 2,  # the mean gradient over the bars alone
        length=(last - first) * math.hypot(dx, dy) / k,
        height=(bottom - top) / k,
    )


def _bars_span(across: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, first, last) of the bars in a window of the energy across them: the rows
    holding half the strongest row's energy, then the columns of those rows with a quarter of the
    usual energy, dips shorter than the bars are high bridged, each end placed at half the median."""
    by_row = across.mean(axis=1)
    top, bottom = _longest_run(by_row >= 0.5 * by_row.max())
    if bottom - top < 2:
        return None
    by_column = across[top:bottom].mean(axis=0)
    smooth = cv2.blur(by_column[None, :], (max(3, (bottom - top) // 2) | 1, 1))[0]
    busy = (smooth >= 0.25 * np.percentile(smooth, 95)).astype(np.uint8)[None, :]
    busy = cv2.morphologyEx(busy, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bottom - top, 1)))
    first, last = _longest_run(busy[0] > 0)
    if last - first < _MIN_LENGTH:
        return None
    fine = cv2.blur(by_column[None, :], (3, 1))[0][first:last]
    inside = np.flatnonzero(fine >= 0.5 * np.median(fine))
    return top, bottom, first + int(inside[0]), first + int(inside[-1]) + 1


def _rows_slope(across: np.ndarray, span: tuple[int, int, int, int]) -> float:
    """How many rows the bars' middle moves per column (0 when the window's axis is the code's):
    the energy's middle row in each of _SETTLE_CHUNKS pieces along the code, fitted by a line
    (each piece weighted by its energy)."""
    top, bottom, first, last = span
    reach = slice(max(top - (bottom - top) // 2, 0), min(bottom + (bottom - top) // 2, across.shape[0]))
    rows = across[reach, first:last]
    rows = np.maximum(rows - np.median(rows, axis=0), 0)  # each column's background level off
    starts = np.linspace(0, last - first, _SETTLE_CHUNKS, endpoint=False).astype(np.intp)
    energy = np.add.reduceat(rows.sum(axis=0), starts)
    moment = np.add.reduceat(np.arange(reach.start, reach.stop, dtype=np.float32) @ rows, starts)
    kept = energy > 0
    if np.count_nonzero(kept) < 3:
        return 0.0
    places = ((starts + np.append(starts[1:], last - first)) / 2)[kept]
    middles, weights = moment[kept] / energy[kept], energy[kept]
    place, middle = np.average(places, weights=weights), np.average(middles, weights=weights)
    return float(np.sum(weights * (places - place) * (middles - middle)) / np.sum(weights * (places - place) ** 2))


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends (exclusive) of the runs of True in `mask`."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    """(first, end) of the longest run of True in `mask` ((0, 0) when there is none)."""
    starts, ends = runs(mask)
    if not len(starts):
        return 0, 0
    longest = int((ends - starts).argmax())
    return int(starts[longest]), int(ends[longest])


def refine(gray: np.ndarray, candidate: LinearCandidate) -> LinearCandidate:
    """The candidate with its bar direction measured again at full resolution, at both ends, and
    narrowed to the rows that show bars.

    The working scale aliases thin bars (errors of 2-3°), and under perspective the bars
    converge: the direction is measured on each half of the code and interpolated along it.
    The gradient sums underestimate that turn, hence a second pass. The middle 2 * _MAX_ROWS rows
    suffice (a label filling a 1280x720 frame has 330: 17 ms instead of 6). The region found in
    the texture also holds the printed line under the bars and whatever touches the label: the
    first pass's strip also tells which of its rows cross the bars (`_bar_rows`), so that the
    views and the profiles average those alone.
    """
    for attempt in range(2):
        strip = _cut_out(gray, candidate, 1.0, 2 * _MAX_ROWS)
        margin = (strip.shape[1] - candidate.length) / 2
        middle = strip.shape[1] // 2
        left = _residual_angle(strip[:, int(margin) : middle])
        right = _residual_angle(strip[:, middle : int(strip.shape[1] - margin)])
        # the halves' residuals are measured a quarter of the length either side of the centre
        rows = _bar_rows(strip[:, int(margin) : int(strip.shape[1] - margin)], candidate) if attempt == 0 else candidate
        candidate = replace(
            rows, bars=candidate.bars + (left + right) / 2, bars_turn=candidate.bars_turn + 2 * (right - left)
        )
    return candidate


def _bar_rows(strip: np.ndarray, candidate: LinearCandidate) -> LinearCandidate:
    """The candidate narrowed to the rows of `strip`, cut from it upright (the code's length only),
    that cross the bars: the run, about the strongest row, of rows whose gradient across the bars
    exceeds the one along them by half the strongest's excess or more (printed text has both,
    plain surfaces neither). Where the run reaches an end of the strip, the region keeps its own
    end there; a run of fewer than _MIN_BAR_ROWS rows leaves the candidate as it is."""
    rows = strip.astype(np.float32)
    across = np.square(np.diff(rows, axis=1)).mean(axis=1)
    between = np.square(np.diff(rows, axis=0)).mean(axis=1)
    along = np.concatenate([between[:1], (between[:-1] + between[1:]) / 2, between[-1:]])
    score = cv2.blur((across - along)[None, :], (_ROW_SMOOTHING, 1))[0]
    best = int(score.argmax())
    weak = np.flatnonzero(score <= 0.5 * score[best])
    first = int(weak[weak < best].max()) + 1 if (weak < best).any() else 0
    last = int(weak[weak > best].min()) - 1 if (weak > best).any() else len(score) - 1
    if last - first + 1 < _MIN_BAR_ROWS:
        return candidate
    middle = len(score) / 2
    top = first - middle if first > 0 else -candidate.height / 2
    bottom = last + 1 - middle if last < len(score) - 1 else candidate.height / 2
    angle = _row_angle(candidate)
    shift = (top + bottom) / 2
    cx, cy = candidate.centre
    return replace(candidate, centre=(cx + shift * math.cos(angle), cy + shift * math.sin(angle)), height=bottom - top)


def _residual_angle(strip: np.ndarray) -> float:
    """How far from upright the bars of a strip lean, radians (0 when the gradient is level)."""
    gx = cv2.Sobel(strip, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(strip, cv2.CV_32F, 0, 1, ksize=3)
    return 0.5 * math.atan2(2 * float((gx * gy).sum()), float((gx * gx).sum() - (gy * gy).sum()))


def straighten(gray: np.ndarray, candidate: LinearCandidate, upscale: float = 1.0) -> np.ndarray:
    """The candidate cut out with its axis level and its bars upright, `upscale` times wider,
    smoothed along the bars and contrast-stretched."""
    strip = cv2.blur(_cut_out(gray, candidate, upscale, _MAX_ROWS), (1, _SMOOTHING))
    return _stretched(strip)


def _stretched(image: np.ndarray, dtype: int = -1) -> np.ndarray:
    """`image` contrast-stretched to 0..255, as `dtype` (-1: the type of `image`)."""
    # opencv's stubs before 5.1 require `dst`, which may be None (a new array is returned)
    return cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX, dtype)  # type: ignore[call-overload, unused-ignore]


def _cut_out(gray: np.ndarray, candidate: LinearCandidate, upscale: float, rows: float = math.inf) -> np.ndarray:
    """Sample the frame along the code: column x follows the axis, row y follows the bars (whose
    direction turns along the code by `bars_turn`); at most `rows` rows, the middle ones."""
    margin = 0.12 * candidate.length + 12
    width = int((candidate.length + 2 * margin) * upscale)
    height = int(min(max(candidate.height * 0.9, 12), rows))
    ax, ay = math.cos(candidate.axis), math.sin(candidate.axis)
    along = np.arange(width, dtype=np.float32) / upscale - width / (2 * upscale)
    across = np.arange(height, dtype=np.float32)[:, None] - height / 2
    turn = float(candidate.bars_turn / candidate.length)  # Python floats keep the maps float32: half the time
    bars = _row_angle(candidate) + turn * along
    cx, cy = (float(v) for v in candidate.centre)
    map_x = across * np.cos(bars) + (cx + along * ax)
    map_y = across * np.sin(bars) + (cy + along * ay)
    return cv2.remap(gray, map_x, map_y, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _row_angle(candidate: LinearCandidate) -> float:
    """The direction, radians, in which `_cut_out`'s rows follow the bars at the candidate's centre:
    the bars' own, turned half a turn when needed to keep the strip unmirrored."""
    ax, ay = math.cos(candidate.axis), math.sin(candidate.axis)
    flip = math.cos(candidate.bars) * -ay + math.sin(candidate.bars) * ax < 0
    return float(candidate.bars) + (math.pi if flip else 0.0)


def bar_edges(strip: np.ndarray) -> int:
    """Clear light/dark transitions along the best of five rows of an upright strip.

    A transition counts when the profile crosses its local level by a tenth of its range, so
    that noise on a plain surface is not counted as bars.
    """
    rows = (int(strip.shape[0] * fraction) for fraction in (0.2, 0.35, 0.5, 0.65, 0.8))
    return max(_crossings(_row_profile(strip, row), band=0.1) for row in rows)


def module_width(strip: np.ndarray) -> float:
    """Estimated narrow-bar width in pixels of an upright strip, from its mean run length along
    the middle rows (every crossing counts: noise makes the estimate err small, towards upscaling)."""
    # Code 39 and Code 128 average about 1.7 modules per bar or space
    crossings = _crossings(_row_profile(strip, strip.shape[0] // 2), band=0.0)
    return strip.shape[1] / max(crossings, 1) / 1.7


def _row_profile(strip: np.ndarray, row: int) -> np.ndarray:
    return strip[max(row - 2, 0) : row + 3].mean(axis=0, dtype=np.float32)


def _crossings(profile: np.ndarray, band: float) -> int:
    """Crossings of the profile's local level by more than `band` times its range."""
    level = cv2.blur(profile[None, :], (31, 1))[0]
    low, high = np.percentile(profile, (5, 95))
    offset = profile - level
    sides = np.sign(offset[np.abs(offset) > band * (high - low)])  # in-band samples keep the last side
    return int(np.count_nonzero(sides[1:] != sides[:-1]))


class RegionCuts:
    """What is cut out of `gray` for one 1D candidate, each cut made once: the region's views and
    its pattern fit share the straightened strips and the binned profile (2-5 ms each at 640x480)."""

    def __init__(self, gray: np.ndarray, candidate: LinearCandidate) -> None:
        self.gray, self.candidate = gray, candidate
        self._strips: dict[float, np.ndarray] = {}

    def strip(self, upscale: float = 1.0) -> np.ndarray:
        """`straighten(gray, candidate, upscale)`."""
        if upscale not in self._strips:
            self._strips[upscale] = straighten(self.gray, self.candidate, upscale)
        return self._strips[upscale]

    @cached_property
    def binned(self) -> np.ndarray:
        """`binned_profile(gray, candidate)`."""
        return binned_profile(self.gray, self.candidate)

    @cached_property
    def middle(self) -> np.ndarray:
        """`middle_profile(gray, candidate)`."""
        return middle_profile(self.gray, self.candidate)


def linear_views(cuts: RegionCuts) -> Iterator[np.ndarray]:
    """Upright views of a 1D candidate to decode in turn, cheapest first.

    First the straightened strip (upscaled when the bars are thinner than about 3 px), then its
    profile across the bars deblurred for a few lens blurs, sampled finely whatever the bars
    seemed to measure: blur hides thin bars from `module_width`, and a sharpened edge needs
    sub-pixel room to land in the right place.
    """
    upscale = min(_MAX_UPSCALE, max(1.0, _TARGET_MODULE / max(module_width(cuts.strip()), 0.5)))
    yield cuts.strip(upscale)
    yield from _deblurred(cuts.middle, DEBLUR_UPSCALE)
    yield from _deblurred(cuts.binned, DEBLUR_UPSCALE)


def fit_profile(cuts: RegionCuts) -> tuple[np.ndarray, float, float]:
    """The profile across the bars to fit patterns to (see `linear_fit`), DEBLUR_UPSCALE samples a
    pixel, and where the bars are expected along it. Binned (super-resolved) when the bars are
    straight and lean enough against the pixel grid for successive rows to sample new sub-pixel
    phases; otherwise the middle rows of the candidate straightened at DEBLUR_UPSCALE, which
    follows bars that turn under perspective."""
    candidate = cuts.candidate
    lean = abs(math.sin(2 * candidate.bars)) / 2  # about the angle to the nearest pixel axis
    if candidate.height / 2 * lean >= 1.0 and abs(candidate.bars_turn) < _MAX_BINNED_TURN:
        profile = cuts.binned
    else:
        profile = cuts.middle
    margin = (0.12 * candidate.length + 12) * DEBLUR_UPSCALE
    return profile, margin, margin + candidate.length * DEBLUR_UPSCALE


def middle_profile(gray: np.ndarray, candidate: LinearCandidate) -> np.ndarray:
    """The profile across the bars at DEBLUR_UPSCALE samples a pixel: the middle third of the rows
    of `straighten`'s strip, averaged (cut alone: a third of the strip's cost, 1-2 ms less at 1280x720)."""
    rows = min(max(candidate.height * 0.9, 12), _MAX_ROWS) / 3
    return _cut_out(gray, candidate, DEBLUR_UPSCALE, rows).mean(axis=0, dtype=np.float32)


def binned_profile(gray: np.ndarray, candidate: LinearCandidate) -> np.ndarray:
    """The profile across the bars at DEBLUR_UPSCALE samples a pixel, from the pixels of the
    middle half of the bars (_MAX_ROWS rows at most) binned by their exact position along the axis.

    Bars that lean even slightly against the pixel grid are sampled by successive rows at
    other sub-pixel phases, so the bins hold detail finer than a pixel (super-resolution):
    thin bars at one pixel each are resolved where interpolating along rows aliases them.
    """
    margin = 0.12 * candidate.length + 12
    half_length, half_height = candidate.length / 2 + margin, min(candidate.height / 4, _MAX_ROWS / 2)
    ax, ay = math.cos(candidate.axis), math.sin(candidate.axis)
    bx, by = math.cos(candidate.bars), math.sin(candidate.bars)
    cx, cy = candidate.centre
    reach_x, reach_y = half_length * abs(ax) + half_height * abs(bx), half_length * abs(ay) + half_height * abs(by)
    x0, x1 = max(int(cx - reach_x), 0), min(int(cx + reach_x) + 1, gray.shape[1])
    y0, y1 = max(int(cy - reach_y), 0), min(int(cy + reach_y) + 1, gray.shape[0])
    dx = np.arange(x0, x1, dtype=np.float32) - np.float32(cx)  # a row and a column, broadcast
    dy = np.arange(y0, y1, dtype=np.float32)[:, None] - np.float32(cy)
    det = ax * by - ay * bx
    along = dx * np.float32(by / det) - dy * np.float32(bx / det)
    across = dy * np.float32(ax / det) - dx * np.float32(ay / det)
    keep = (np.abs(along) < half_length) & (np.abs(across) < half_height)
    position = (along[keep] + half_length) * DEBLUR_UPSCALE
    bins = int(2 * half_length * DEBLUR_UPSCALE) + 1
    index = np.clip(position.astype(np.intp), 0, bins - 1)
    counts = np.bincount(index, minlength=bins)
    sums = np.bincount(index, weights=gray[y0:y1, x0:x1][keep].astype(np.float64), minlength=bins)
    filled = counts > 0
    where = np.arange(bins)
    return np.interp(where, where[filled], sums[filled] / counts[filled]).astype(np.float32)


def _deblurred(profile: np.ndarray, upscale: float) -> Iterator[np.ndarray]:
    """Wiener deconvolution of a profile across the bars, `upscale` samples a frame pixel, for
    each trial Gaussian blur.

    The profile averages many pixels along the bars, which leaves little noise, so it can be
    sharpened hard; each result is repeated into a short image the decoders scan like any other.
    """

    def blurs(frequency: np.ndarray) -> Iterator[np.ndarray]:
        return (_gaussian(sigma * upscale, frequency) for sigma in _DEBLUR_SIGMAS)

    yield from _wiener_views(profile, blurs)


def unsmeared_profile(profile: np.ndarray, upscale: float) -> Iterator[np.ndarray]:
    """Views of a profile across the bars (`upscale` samples a frame pixel) Wiener-deconvolved for
    each trial motion smear along the code (a box of _SMEAR_PIXELS) after the lens blur: a smear of
    a few modules flips the sign of the narrow bars' frequencies rather than erasing them."""

    def blurs(frequency: np.ndarray) -> Iterator[np.ndarray]:
        lens = _gaussian(_DEBLUR_SIGMAS[0] * upscale, frequency)
        return (lens * np.sinc(length * upscale * frequency) for length in _SMEAR_PIXELS)

    yield from _wiener_views(profile, blurs)


def _gaussian(sigma: float, frequency: np.ndarray) -> np.ndarray:
    """The transfer function of a Gaussian blur of `sigma` samples at `frequency` (cycles a sample)."""
    return np.exp(-2 * (np.pi * sigma * frequency) ** 2)


def _wiener_views(profile: np.ndarray, blurs: Callable[[np.ndarray], Iterator[np.ndarray]]) -> Iterator[np.ndarray]:
    """`profile` Wiener-deconvolved for each transfer function `blurs` gives at the profile's
    frequencies, each result repeated into a short image."""
    padded = np.pad(profile, _PAD, mode="edge")
    spectrum = np.fft.rfft(padded)
    for blur in blurs(np.fft.rfftfreq(len(padded))):
        restored = np.fft.irfft(spectrum * blur / (blur * blur + _WIENER_NOISE), len(padded))[_PAD:-_PAD]
        restored = _stretched(restored[None, :], cv2.CV_8U)
        yield np.repeat(restored, _VIEW_ROWS, axis=0)


def _components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Count, label image and statistics of the 8-connected regions of `mask`; Grana's block-based
    labelling takes half the time of OpenCV's default one on these masks (1 ms at 640x480)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(mask, 8, cv2.CV_32S, cv2.CCL_GRANA)
    return count, labels, stats


def find_matrix_codes(
    tex: Texture, limit: int = 2, coherence: float = _MAX_MATRIX_COHERENCE
) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, width, height, frame pixels) of the `limit` strongest compact regions of busy
    texture in every direction (energy above `Texture.busy_level`, anisotropy below `coherence`
    times the energy), where a DataMatrix or QR code would be; strongest first."""
    energy = tex.energy
    if math.isinf(tex.busy_level):
        return []
    busy = (energy > tex.busy_level) & (tex.anisotropy < coherence * energy)
    mask = cv2.morphologyEx(
        busy.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_WINDOW, _WINDOW))
    )
    count, labels, stats = _components(mask)
    boxes = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if min(w, h) >= _WINDOW and max(w, h) <= 3 * min(w, h) and area >= 0.4 * w * h:
            score = float(energy[y : y + h, x : x + w][labels[y : y + h, x : x + w] == label].sum())
            boxes.append((score, tuple(round(v / tex.scale) for v in (x, y, w, h))))
    boxes.sort(reverse=True)
    return [box for _, box in boxes[:limit]]


def matrix_view(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The box with a margin, upscaled so that small codes get about 3 px per module."""
    x, y, w, h = box
    margin = max(w, h) // 4
    crop = gray[max(y - margin, 0) : y + h + margin, max(x - margin, 0) : x + w + margin]
    upscale = min(_MAX_UPSCALE, max(1.0, _MATRIX_SIDE / max(w, h)))
    return crop if upscale == 1.0 else cv2.resize(crop, None, fx=upscale, fy=upscale, interpolation=cv2.INTER_CUBIC)


def denoised(crop: np.ndarray) -> np.ndarray:
    """A matrix-code crop smoothed against sensor noise: in a dim frame the code's contrast is
    little more than the noise's, which hides its modules from the decoders."""
    return cv2.GaussianBlur(crop, (0, 0), _DENOISE_SIGMA)


def unsmeared(crop: np.ndarray) -> Iterator[np.ndarray]:
    """Motion-deblurred versions of a matrix-code crop, if it is smeared in one direction.

    Motion blurs a square code along one direction only: the gradient becomes anisotropic, and
    its weak direction is the motion, to within 5-8 degrees. The motion shows as a dip of the
    cepstrum, looked for along that direction and a few degrees either way (_SMEAR_TURNS); the
    crop, shrunk to _SMEAR_SIDE pixels when larger, is Wiener-deconvolved for the dip's length
    and the two below it (the dip put smears 1-3 pixels too long).
    """
    shrink = min(1.0, _SMEAR_SIDE / max(crop.shape))
    image = cv2.resize(crop, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else crop
    image = image.astype(np.float32)
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    if math.hypot(jxx - jyy, 2 * jxy) < _MIN_SMEAR_COHERENCE * (jxx + jyy):
        return
    motion = 0.5 * math.atan2(2 * jxy, jxx - jyy) + math.pi / 2
    rows, cols = image.shape
    window = np.outer(np.hanning(rows), np.hanning(cols)).astype(np.float32)
    cepstrum = np.fft.irfft2(np.log(np.abs(np.fft.rfft2(image * window)) + 1e-3), image.shape)
    dips = {
        (length, angle): cepstrum[round(length * math.sin(angle)) % rows, round(length * math.cos(angle)) % cols]
        for length in _SMEAR_LENGTHS
        for angle in motion + np.radians(_SMEAR_TURNS)
    }
    found, motion = min(dips, key=dips.__getitem__)
    spectrum = np.fft.rfft2(image)
    for length in (found, found - 1, found - 2):
        blur = np.fft.rfft2(np.fft.ifftshift(_line_kernel(length, motion, image.shape)))
        restored = np.fft.irfft2(spectrum * np.conj(blur) / (np.abs(blur) ** 2 + _MOTION_WIENER_NOISE), image.shape)
        yield _stretched(restored, cv2.CV_8U)


def _line_kernel(length: float, angle: float, shape: tuple[int, int]) -> np.ndarray:
    """A centred, normalised straight motion path of `length` pixels, as an image of `shape`."""
    kernel = np.zeros(shape, np.float32)
    cy, cx = shape[0] // 2, shape[1] // 2
    dx, dy = math.cos(angle) * length / 2, math.sin(angle) * length / 2
    cv2.line(kernel, (round(cx - dx), round(cy - dy)), (round(cx + dx), round(cy + dy)), 1.0, 1, cv2.LINE_AA)
    return kernel / kernel.sum()
