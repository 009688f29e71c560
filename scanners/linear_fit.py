"""Read a blurred 1D VIN label by fitting the bar patterns of Code 39 and Code 128 to its profile.

When the camera moves along a label, or its bars are about a pixel wide, the edges zxing-cpp and
zbar look for are gone and no deconvolution brings back the frequencies the blur removed. The
bars are still there in aggregate: the profile across them is the symbol's bar pattern, blurred
by a lens (Gaussian) and a motion (box) kernel and lit unevenly. This module fits that model.
For a geometry (where the code starts and ends, how the bars narrow under perspective) and a
kernel, each character slot's blurred templates are compared with the profile, and the
characters are chosen jointly by dynamic programming (Viterbi over the slots), since the blur
mixes each character with its neighbours. The geometry need not be known exactly: a first dynamic
programme lets each character slot shift a little from its place (drifting smoothly along the
code), and the perspective is refitted to where the characters were found. The quiet zones give
the ends; the symbol count, the symbology, the motion smear and, for labels seen at a slant, the
perspective are searched. Each perspective tried costs about 6-9 ms of CPU (median 6.4), so a read
7.5 ms (median) and 34-41 ms when nothing fits (bench/fit.py, on one core).

The read is chosen within the symbology's structure (a start character first, a stop last,
neither between), so that a smear blurring an end character into its quiet zone does not make
its neighbours wrong too. It is accepted only when every character beats its runner-up among
those its slot allows by a clear margin (the min-marginal cost difference, against the fit's own
residual), the end characters also fit better than any other there, the Code 128 mod-103 check
character holds and the text is a valid VIN.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import cv2
import numpy as np

from .codes import extract_vin
from .decoders import CODE39, CODE128, LINEAR, Symbol
from .prepare import runs

_SAMPLES = 4  # samples per module in the fit

# Code 39: 9 elements (bar, space, ..., bar), each narrow (1) or wide (2), three of them wide; a narrow
# space between characters.
_CODE39_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*"
_CODE39_ELEMENTS = (
    "111221211 211211112 112211112 212211111 111221112 211221111 112221111 111211212 211211211 112211211 "
    "211112112 112112112 212112111 111122112 211122111 112122111 111112212 211112211 112112211 111122211 "
    "211111122 112111122 212111121 111121122 211121121 112121121 111111222 211111221 112111221 111121221 "
    "221111112 122111112 222111111 121121112 221121111 122121111 121111212 221111211 122111211 121212111 "
    "121211121 121112121 111212121 121121211"
).split()
# Code 128: element widths in modules of the 103 data values, the starts A, B, C and the stop.
_CODE128_ELEMENTS = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 "
    "113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 "
    "212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 "
    "113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
    "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 "
    "241211 221114 413111 241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 "
    "214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 "
    "211232 2331112"
).split()
_START_A, _START_B, _START_C, _STOP = 103, 104, 105, 106
_CODE_C, _CODE_B, _CODE_A, _SHIFT = 99, 100, 101, 98


@dataclass(frozen=True, eq=False)
class Symbology:
    """One symbology's bar patterns, as the fit uses them (hashed by identity, for `_ideal`'s cache)."""

    name: str
    bars: np.ndarray  # (symbols, bars, 2): start and end of each dark bar in modules; unused bars are empty
    width: float  # modules of the widest symbol
    pitch: float  # modules from one symbol's start to the next one's
    counts: tuple[int, ...]  # numbers of symbols (start and stop included) a VIN label can have
    starts: tuple[int, ...]  # the symbols that may open a code
    stops: tuple[int, ...]  # the symbols that may close it (neither appears between)

    def modules(self, count: int) -> float:
        """Modules from the first bar to the end of the last of `count` symbols."""
        return (count - 1) * self.pitch + self.width


def _bars(elements: list[list[float]]) -> np.ndarray:
    most = max((len(e) + 1) // 2 for e in elements)
    bars = np.zeros((len(elements), most, 2), np.float32)
    for symbol, widths in enumerate(elements):
        edges = np.concatenate([[0.0], np.cumsum(widths)])
        for bar in range((len(widths) + 1) // 2):
            bars[symbol, bar] = edges[2 * bar], edges[2 * bar + 1]
    return bars


def code39(wide: float = 3.0) -> Symbology:
    """Code 39 with wide elements `wide` times the narrow ones (2 to 3); 17 or 18 characters between
    the asterisks (the VIN, with or without the leading I of import labels)."""
    elements = [[1.0 if d == "1" else wide for d in pattern] for pattern in _CODE39_ELEMENTS]
    width = 6 + 3 * wide
    star = len(_CODE39_CHARS) - 1
    return Symbology(CODE39, _bars(elements), width, width + 1, (19, 20), (star,), (star,))


CODE39_SYMBOLOGY = code39()
# Code 128: a start, 17 VIN characters in set B or fewer with digit pairs in set C, the check and the stop.
CODE128_SYMBOLOGY = Symbology(
    CODE128,
    _bars([[float(d) for d in pattern] for pattern in _CODE128_ELEMENTS]),
    13.0,
    11.0,
    tuple(range(15, 21)),
    (_START_A, _START_B, _START_C),
    (_STOP,),
)


def code39_text(values: list[int]) -> str | None:
    """The text between the start and stop asterisks, or None when they are not where they belong."""
    star = len(_CODE39_CHARS) - 1
    if len(values) < 3 or values[0] != star or values[-1] != star or star in values[1:-1]:
        return None
    return "".join(_CODE39_CHARS[v] for v in values[1:-1])


def code128_text(values: list[int]) -> str | None:
    """The text of start, data, check and stop values, or None when the structure or the mod-103
    check fails, or a function or control character appears (no VIN label holds one)."""
    if len(values) < 4 or values[0] not in (_START_A, _START_B, _START_C) or values[-1] != _STOP:
        return None
    data, check = values[1:-2], values[-2]
    if (values[0] + sum(i * v for i, v in enumerate(data, start=1))) % 103 != check:
        return None
    charset = {_START_A: "A", _START_B: "B", _START_C: "C"}[values[0]]
    text, shift = [], False
    for value in data:
        current = ("B" if charset == "A" else "A") if shift else charset
        shift = False
        if (value in (_CODE_A, _CODE_B, _CODE_C) and current != "C") or (current == "C" and value >= 100):
            switch = {_CODE_A: "A", _CODE_B: "B", _CODE_C: "C"}.get(value)
            if switch is None or switch == current:
                return None  # FNC4 or a switch to the set in use
            charset = switch
        elif value == _SHIFT and current != "C":
            shift = True
        elif current == "C":
            if value > 99:
                return None
            text.append(f"{value:02d}")
        elif value < 64 or (current == "B" and value < 95):
            text.append(chr(value + 32))
        else:
            return None  # control characters and FNC1-3
    return "".join(text)


@dataclass(frozen=True)
class Geometry:
    """Where a code lies along a profile: its first bar starts at `start` and its last bar ends at
    `end` (profile samples); `bend` is the perspective (0: modules evenly spaced; positive: they
    widen towards the end)."""

    start: float
    end: float
    bend: float = 0.0

    def position(self, t: np.ndarray) -> np.ndarray:
        """Profile position of the fractions `t` (0 at the start, 1 at the end) of the code."""
        if not self.bend:  # the same, in two operations instead of six
            return self.start + (self.end - self.start) * t
        return self.start + (self.end - self.start) * t * (1 + self.bend) / (1 + self.bend * t)

    def widened(self, by: float) -> Geometry:
        """The same code `by` samples longer at each end."""
        return Geometry(self.start - by, self.end + by, self.bend)


@dataclass(frozen=True)
class Fit:
    """The best characters for one hypothesis and how sure each of them is."""

    values: list[int]  # symbol values, start and stop included (empty for a quick trial)
    margin: float  # smallest min-marginal margin of a slot between the ends, in units of the residual per sample
    cost: float  # residual per sample, against the ink depth first estimated (comparable between hypotheses)
    text: str | None  # None unless the symbology's structure and check hold
    geometry: Geometry  # the geometry that best explains where the symbols were found
    smear: float  # the motion smear assumed, profile samples
    symbology: str
    ends: float = 0.0  # the end slots' margin against any symbol (negative when another fits better), as `margin`

    @property
    def vin(self) -> str | None:
        """The valid VIN its text holds, if any."""
        return extract_vin(self.text) if self.text else None


def _kernel(sigma: float, smear: float) -> np.ndarray:
    """A Gaussian of `sigma` samples convolved with a box of `smear` samples, normalised."""
    half = math.ceil(3 * sigma + smear / 2) + 1
    x = np.arange(-half, half + 1, dtype=np.float64)
    if smear > 1:
        # the box's exact overlap with each unit sample
        box = np.maximum(np.minimum(x + 0.5, smear / 2) - np.maximum(x - 0.5, -smear / 2), 0.0)
    else:
        box = (x == 0).astype(np.float64)
    gauss = np.exp(-0.5 * (x / max(sigma, 0.3)) ** 2)
    kernel = np.convolve(box, gauss, mode="same")
    return (kernel / kernel.sum()).astype(np.float32)


@lru_cache(maxsize=256)
def templates(symbology: Symbology, sigma: float, smear: float, spread: int) -> np.ndarray:
    """(symbols, samples) blurred darkness of each symbol from `spread` modules before its start to
    `spread` after its widest end, _SAMPLES per module; `sigma` and `smear` in modules (cached, read-only:
    the quick trials of every perspective share them)."""
    kernel = _kernel(sigma * _SAMPLES, smear * _SAMPLES)
    table = cv2.filter2D(_ideal(symbology, spread), -1, kernel[None, :], borderType=cv2.BORDER_CONSTANT)
    table.flags.writeable = False
    return table


@lru_cache(maxsize=256)
def _matching(
    symbology: Symbology, sigma: float, smear: float, spread: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What `fit` matches the profile (float64) with: the `templates`, and their weights and
    energies; the weights are in float64, as the products cast them anyway."""
    table = templates(symbology, sigma, smear, spread)
    return table, np.ascontiguousarray(-2 * table.T, np.float64), (table * table).sum(axis=1)


@lru_cache(maxsize=256)
def _cores(symbology: Symbology, sigma: float, smear: float, spread: int) -> tuple[np.ndarray, np.ndarray]:
    """What the reach of `fit` matches the profile with, as `_matching` for the templates' cores
    (each symbol's own pitch, without the spread): all a quick trial needs."""
    table = templates(symbology, sigma, smear, spread)
    core = table[:, spread * _SAMPLES : spread * _SAMPLES + round(symbology.pitch * _SAMPLES)]
    return np.ascontiguousarray(-2 * core.T, np.float64), (core * core).sum(axis=1)


@lru_cache(maxsize=64)
def _structure(symbology: Symbology, count: int) -> np.ndarray:
    """(count, symbols) cost added to each slot's symbols: 0 where the symbology allows it (a start
    first, a stop last, neither between), infinite elsewhere."""
    cost = np.zeros((count, len(symbology.bars)))
    cost[:, list(symbology.starts + symbology.stops)] = np.inf
    cost[0], cost[-1] = np.inf, np.inf
    cost[0, list(symbology.starts)] = 0.0
    cost[-1, list(symbology.stops)] = 0.0
    cost.flags.writeable = False
    return cost


def _windows(values: np.ndarray, size: int) -> np.ndarray:
    """The (len - size + 1, size) view of each run of `size` consecutive `values` (contiguous), not to
    be written to (as sliding_window_view, at a tenth of its cost)."""
    return np.ndarray((len(values) - size + 1, size), values.dtype, values, 0, values.strides * 2)


@lru_cache(maxsize=32)
def _ideal(symbology: Symbology, spread: int) -> np.ndarray:
    """The unblurred `templates` (a fit tries a few spreads, each many times)."""
    width = math.ceil(symbology.width) + 2 * spread
    edges = np.arange(width * _SAMPLES + 1, dtype=np.float32) / _SAMPLES - spread
    starts, ends = symbology.bars[..., 0:1], symbology.bars[..., 1:2]
    covered = np.clip(edges[None, None, :] - starts, 0, None)
    covered = np.minimum(covered, ends - starts).sum(axis=1)  # dark modules before each edge
    return np.diff(covered, axis=1) * _SAMPLES


def viterbi(
    unary: np.ndarray, pairs: list[np.ndarray], margins: bool = True, open_ends: np.ndarray | None = None
) -> tuple[list[int], np.ndarray | None]:
    """The path minimising sum(unary[k, c_k]) + sum(pairs[k][c_k, c_k+1]), and each slot's margin
    (the least extra cost of any path with another symbol in that slot) if asked for. Given
    `open_ends`, the first and last slots' costs without the bounds `unary` sets them, their margins
    are against any symbol there (negative when another fits better), the other slots held to `unary`."""
    slots, count = unary.shape
    rows = np.arange(count) * count  # where each row of `total` starts, flattened
    forward = np.empty_like(unary)
    back = np.empty(unary.shape, np.intp)
    forward[0] = unary[0]
    total = np.empty((count, count), unary.dtype)
    # a few distinct pairs, each repeated along the slots: transposed (minimised along rows, faster)
    # in the costs' type (added without a cast)
    distinct = {id(pair): pair for pair in pairs}
    flipped = {key: np.ascontiguousarray(pair.T, unary.dtype) for key, pair in distinct.items()}
    for k, pair in enumerate((flipped[id(pair)] for pair in pairs), start=1):
        np.add(pair, forward[k - 1], out=total)
        total.argmin(axis=1, out=back[k])
        reached = total.take(back[k] + rows)
        np.add(unary[k], reached, out=forward[k])
    path = [int(forward[-1].argmin())]
    pointers = cast(list[list[int]], back.tolist())  # scalars: cheaper to follow than the array
    for k in range(slots - 1, 0, -1):
        path.append(pointers[k][path[-1]])
    path.reverse()
    if not margins:
        return path, None
    backward = np.zeros_like(unary)
    for k in range(slots - 2, -1, -1):
        np.add(pairs[k], unary[k + 1] + backward[k + 1], out=total)
        # each row's least by its index then a gather: a fraction of the cost of min(axis=1)
        total.take(total.argmin(axis=1) + rows, out=backward[k])
    marginals = forward + backward
    best = marginals.min(axis=1, keepdims=True)
    runner_up = np.partition(marginals - best, 1, axis=1)[:, 1]
    if open_ends is not None:
        for k, row in ((0, open_ends[0] + backward[0]), (-1, open_ends[1] + reached)):
            chosen = row[path[k]]
            row[path[k]] = np.inf
            runner_up[k] = row.min() - chosen
    return path, runner_up


def align(scores: np.ndarray, drift: int = 1) -> np.ndarray:
    """The offset of each slot (index into scores' second axis) minimising the summed scores,
    consecutive offsets differing by at most `drift`."""
    slots, offsets = scores.shape
    options = 2 * drift + 1
    totals = np.full((slots, offsets + 2 * drift), np.inf)  # slot k's at [drift, drift + offsets); out of range: inf
    totals[0, drift : drift + offsets] = scores[0]
    shifted = [totals[:, j : j + offsets] for j in range(options)]  # [j][k, o]: slot k's total at o + j - drift
    best = np.empty(offsets)
    for k in range(1, slots):
        np.minimum(shifted[0][k - 1], shifted[-1][k - 1], out=best)
        for j in range(1, options - 1):
            np.minimum(best, shifted[j][k - 1], out=best)
        np.add(scores[k], best, out=totals[k, drift : drift + offsets])
    # back from the last slot, to the option each total came from (scalars: cheaper than arrays)
    rows = totals.tolist()
    last = rows[-1][drift : drift + offsets]
    path = [last.index(min(last))]
    for k in range(slots - 1, 0, -1):
        near = rows[k - 1][path[-1] : path[-1] + options][::-1]  # offsets from path[-1] + drift down
        path.append(path[-1] + drift - near.index(min(near)))
    return np.array(path[::-1])


def fit(
    profile: np.ndarray,
    symbology: Symbology,
    count: int,
    geometry: Geometry,
    sigma: float,
    smear: float,
    reach: int = 0,
    final: bool = True,
    quick: bool = False,
) -> Fit:
    """The best `count` symbols of `symbology` for `profile` laid out as `geometry`, blurred by a
    Gaussian of `sigma` and a box of `smear` profile samples; each symbol may sit up to `reach`
    samples (a quarter module each) from its place, consecutive symbols moving by one sample at most.
    Unless `final`, the ink levels are fitted once and no margin is measured; when `quick` (with a
    reach), each slot's symbol is chosen alone, without the Viterbi (to compare hypotheses)."""
    total = symbology.modules(count)
    module = (geometry.end - geometry.start) / total  # profile samples per module, on average
    sigma_m, smear_m = sigma / module, smear / module
    spread = min(math.ceil(3 * sigma_m + smear_m / 2), int(2 * symbology.pitch - symbology.width) // 2)
    quiet = spread + 3 + math.ceil(reach / _SAMPLES)
    t, inside, line, levels = _layout(total, quiet, spread)
    y = np.interp(geometry.position(t), np.arange(len(profile)), profile).astype(np.float32)
    # levels: paper from the quiet zones, a linear trend; ink depth from the mean darkness (about half)
    ink = line(y) - y
    scale = max(float(ink[inside].mean()) / 0.5, 1e-3)
    dark = ink / scale
    step = round(symbology.pitch * _SAMPLES)
    first = (quiet - spread) * _SAMPLES
    offsets = np.zeros(count, np.intp)
    if reach:
        shifts, starts, flat = _reach(count, step, reach, first + spread * _SAMPLES, len(symbology.bars))
        core_weights, core_energy = _cores(symbology, sigma_m, smear_m, spread)
        # each slot's own modules only (they tile the code), matched by its best symbol alone
        windows = _windows(dark, step)[starts]  # (count, shifts, step)
        # one product per slot: a single larger one is split by OpenBLAS over threads, which on the
        # one core the scanner has cost more than it gains
        local = windows @ core_weights
        local += core_energy
        matched = local.take(local.argmin(axis=2) + flat)
        chosen = align(matched)
        offsets = shifts[chosen]
        if quick:  # enough to compare symbol counts
            slots = np.arange(count)
            picked = windows[slots, chosen]
            residual = float((matched[slots, chosen] + (picked * picked).sum(axis=1)).sum()) / picked.size
            return Fit([], 0.0, residual, None, _refit(geometry, symbology, total, offsets), smear, symbology.name)
    table, weights, energy = _matching(symbology, sigma_m, smear_m, spread)
    width = table.shape[1]
    index = first + (np.arange(count) * step + offsets)[:, None] + np.arange(width)[None, :]
    deltas = np.diff(offsets).tolist()
    pair_for = {}
    for delta in set(deltas):
        gap = step + delta
        pair_for[delta] = (
            2 * table[:, gap:] @ table[:, : width - gap].T
            if gap < width
            else np.zeros((len(table), len(table)), np.float32)
        )
    pairs = [pair_for[d] for d in deltas]
    rounds = 2 if final else 1
    basis = levels.copy()  # rows: 1, t, -model, -model * t (the middle two set by each round), y
    basis[4] = y
    for repeat in range(rounds):
        unary = dark[index] @ weights
        unary += energy
        ends = None
        if final:  # the structure holds the read; the hypotheses are compared without it
            ends = unary[[0, -1]]
            unary += _structure(symbology, count)
        path, margins = viterbi(unary, pairs, final and repeat == rounds - 1, ends)
        model = np.bincount(index.ravel(), table[path].ravel(), len(y)).astype(np.float32)
        # refit paper and depth, each linear along the code: y = paper(t) - depth(t) * model
        np.negative(model, out=basis[2])
        np.multiply(basis[2], t, out=basis[3])
        # by the normal equations, their products in one: a tenth of lstsq's cost (the fits move by 1e-9 at most)
        gram = basis @ basis.T
        p0, p1, d0, d1 = cv2.solve(gram[:4, :4], gram[:4, 4:], flags=cv2.DECOMP_CHOLESKY)[1][:, 0]
        paper, depth = p0 + p1 * t, np.maximum(d0 + d1 * t, 1e-3)
        dark = (paper - y) / depth
    residual = float(((dark[inside] - model[inside]) ** 2).mean())
    # the cost compares hypotheses, so it is measured against the ink depth they share (the first
    # estimate), not each one's own fitted depth
    cost = float((((dark[inside] - model[inside]) * depth[inside] / scale) ** 2).mean())
    text = (code39_text if symbology.name == CODE39 else code128_text)(path)
    found = _refit(geometry, symbology, total, offsets) if reach else geometry
    margin = ends_margin = 0.0
    if margins is not None:
        margin = float(margins[1:-1].min()) / max(residual, 1e-9)
        ends_margin = float(margins[[0, -1]].min()) / max(residual, 1e-9)
    return Fit(path, margin, cost, text, found, smear, symbology.name, ends_margin)


@lru_cache(maxsize=256)
def _layout(total: float, quiet: int, spread: int) -> tuple[np.ndarray, slice, Callable, np.ndarray]:
    """Where `fit` samples a code of `total` modules with `quiet` modules either side: the
    fractions of the code (0 at its start, 1 at its end) of the samples, the slice of those inside
    the code and its `spread`, the least-squares line through the samples outside (given every
    sample) evaluated at every sample, and the rows 1, t, t, t, t of the levels' basis (the last three
    for the fit to set)."""
    u = (np.arange(int((total + 2 * quiet) * _SAMPLES)) + 0.5) / _SAMPLES - quiet
    t = u / total
    within = np.flatnonzero((u >= -spread) & (u <= total + spread))
    outside = np.flatnonzero((u < -spread) | (u > total + spread))
    x = t[outside]
    x_mean = x.mean()
    centred = x - x_mean
    spread_x, at = (centred**2).sum(), t - x_mean

    def line(y: np.ndarray) -> np.ndarray:
        y = y.take(outside)
        y_mean = y.mean()
        return y_mean + (centred * (y - y_mean)).sum() / spread_x * at

    return t, slice(within[0], within[-1] + 1), line, np.stack([np.ones_like(t), t, t, t, t])


@lru_cache(maxsize=256)
def _reach(count: int, step: int, reach: int, first: int, symbols: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the reach of `fit`: the shifts tried, where each slot's window starts at each shift (its
    first at `first`, then every `step`), and where each (slot, shift)'s row of matches of
    `symbols` starts, flattened."""
    shifts = np.arange(-reach, reach + 1)
    starts = first + np.arange(count)[:, None] * step + shifts[None, :]
    return shifts, starts, np.arange(starts.size).reshape(starts.shape) * symbols


_BENDS = np.linspace(-0.3, 0.3, 61)[:, None]


def _refit(geometry: Geometry, symbology: Symbology, total: float, offsets: np.ndarray) -> Geometry:
    """The geometry placing the symbols of a code of `total` modules where `geometry` with each
    symbol `offsets` samples from its place put them (least squares, over a grid of bends)."""
    nominal, g_mean, centred, spread = _bent(len(offsets), symbology.pitch, total)
    seen = geometry.position(nominal + offsets / _SAMPLES / total)
    seen_mean = seen.mean()
    seen_centred = seen - seen_mean
    slope = (centred * seen_centred).sum(axis=1) / spread
    error = ((seen_centred - slope[:, None] * centred) ** 2).sum(axis=1)
    best = int(error.argmin())
    start = float(seen_mean - slope[best] * g_mean[best, 0])
    return Geometry(start, start + float(slope[best]), float(_BENDS[best, 0]))


@lru_cache(maxsize=64)
def _bent(count: int, pitch: float, total: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For `_refit`, the fractions of a code of `total` modules where its `count` symbols start,
    `pitch` modules apart, and under each of _BENDS: their means, the fractions less their means,
    and the sums of the squares of those."""
    fractions = np.arange(count) * pitch / total
    g = fractions * (1 + _BENDS) / (1 + _BENDS * fractions)  # (bends, symbols)
    g_mean = g.mean(axis=1, keepdims=True)
    centred = g - g_mean
    return fractions, g_mean, centred, (centred**2).sum(axis=1)


def extent(profile: np.ndarray, start: float, end: float) -> tuple[float, float]:
    """Where the bars begin and end: the edges of the bright runs nearest to the expected `start`
    and `end`, which the texture measures only to a few modules. Runs as long as a quiet zone come
    first: the wide spaces inside the end symbols lie as near (a quiet zone has 10 modules, a space
    4 at most); without one, the nearest run (a wide space next to the quiet zone, which the fit's
    alignment absorbs)."""
    inner = profile[int(start + (end - start) / 8) : int(end - (end - start) / 8)]
    low, high = np.percentile(inner, (5, 95))
    bright_starts, bright_ends = runs(profile > low + 0.7 * (high - low))
    reach = 0.25 * (end - start)
    quiet = bright_ends - bright_starts >= (end - start) / _QUIET_SHARE
    return _nearest(bright_ends, start, reach, quiet), _nearest(bright_starts, end, reach, quiet)


def _nearest(edges: np.ndarray, to: float, reach: float, preferred: np.ndarray) -> float:
    """The first of the `edges` nearest to `to` within `reach`, among the `preferred` ones if any
    lies there; `to` if none does."""
    distance = np.abs(edges - to)
    for allowed in (preferred, np.ones_like(preferred)):
        near = np.flatnonzero(allowed & (distance < reach))
        if len(near):
            return float(edges[near[distance[near].argmin()]])
    return to


_QUIET_SHARE = 40  # a bright run this share of the code's length or longer: a quiet zone (a VIN label has
# 180-320 modules: its quiet zones are 1/32-1/18 of it, blurred ones a little less; its spaces 1/45 at most)
_SIGMA = 0.6  # lens blur of a camera frame, pixels
_SMEARS = (0.0, 1.5, 3.0, 5.0)  # trial motion smears along the code, modules
_SMEAR_REACH = 0.75  # the best smear is tried again on the geometry widened at each end by this much of it
MIN_MARGIN = 50.0  # an accepted read: every character this much better than its runner-up
# ... or this much for Code 128, whose check character catches any one wrong character (two pass
# 1 time in 103): on motion-class labels no wrong Code 128 VIN came at any margin, right ones at 5-49
MIN_CHECKED_MARGIN = 5.0
_BENDS_TRIED = (0.0, 0.1, -0.1, 0.2, -0.2)  # perspectives tried, in turn


def read(
    profile: np.ndarray, rate: float, start: float, end: float, deadline: float = math.inf
) -> tuple[str, str] | None:
    """(symbology, text) of a VIN label whose bars are expected between `start` and `end` of
    `profile` (`rate` samples a pixel), or None when no reading is sure enough: every character
    MIN_MARGIN better than its runner-up (MIN_CHECKED_MARGIN for Code 128), the end characters
    better than any other symbol there, the symbology's checks passed and a valid VIN.

    A label seen at a slant has its modules narrowing along it more than the alignment of the
    characters can follow from an even spacing: perspectives both ways are tried after, mild ones
    first. A tenth of a bend already shifts the middle characters by about 8 modules, twice what
    the alignment reaches, and the quick trials' cost does not tell the right bend from the others
    (choosing the bend by it read no more): each bend gets its own fit, and the margin decides.
    The work stops, with None, as soon as the thread's CPU time (time.thread_time) passes
    `deadline` (checked between the fits, a few milliseconds apart)."""
    start, end = extent(profile, start, end)
    try:
        for bend in _BENDS_TRIED:
            best = _best_fit(profile, rate, start, end, bend, deadline)
            if best and best.vin and best.margin >= _min_margin(best) and best.ends >= 0:
                return best.symbology, cast(str, best.text)  # it holds the VIN
    except _OutOfTime:
        pass
    return None


def _min_margin(fit: Fit) -> float:
    """The margin `fit` needs to be read: less where a check character guards the text."""
    return MIN_CHECKED_MARGIN if fit.symbology == CODE128 else MIN_MARGIN


class _OutOfTime(Exception):
    """The deadline given to `best_fit` has passed."""


def best_fit(
    profile: np.ndarray, rate: float, start: float, end: float, bend: float = 0.0, deadline: float = math.inf
) -> Fit | None:
    """The best fit of a VIN label to `profile` (see `read`), starting from a perspective `bend`,
    or None when the bars cannot be located; raises _OutOfTime once the thread's CPU time passes
    `deadline`.

    The symbol counts a VIN label can have are tried quickly (every other one, then the neighbours
    of the best); the best count of each symbology is fitted fully, and the better of the two is
    refined over the motion smears (the middle two, then the end on the better one's side)."""
    return _best_fit(profile, rate, *extent(profile, start, end), bend, deadline)


def _best_fit(profile: np.ndarray, rate: float, start: float, end: float, bend: float, deadline: float) -> Fit | None:
    """`best_fit` once `extent` has placed the ends at `start` and `end`."""
    if end - start < 20:
        return None
    sigma = _SIGMA * rate

    def timed_fit(*args: Any, **kwargs: Any) -> Fit:
        if time.thread_time() > deadline:
            raise _OutOfTime
        return fit(*args, **kwargs)

    def quick_trial(symbology: Symbology, count: int) -> Fit:
        module = (end - start) / symbology.modules(count)
        return timed_fit(
            profile, symbology, count, Geometry(start, end, bend), sigma, _SMEARS[1] * module, reach=16, quick=True
        )

    contenders = []
    for symbology in (CODE39_SYMBOLOGY, CODE128_SYMBOLOGY):
        # the symbol count by quick trials, every other count then the neighbours of the best (the
        # cost mostly falls then rises with the count); the symbology by full fits (the quick cost favours
        # wide symbols)
        trials = {count: quick_trial(symbology, count) for count in symbology.counts[::2]}
        nearest = min(trials, key=lambda count: trials[count].cost)
        for count in (nearest - 1, nearest + 1):
            if count in symbology.counts and count not in trials:
                trials[count] = quick_trial(symbology, count)
        count = min(trials, key=lambda count: trials[count].cost)
        quick = trials[count]
        module = (quick.geometry.end - quick.geometry.start) / symbology.modules(count)
        contenders.append(
            (
                timed_fit(profile, symbology, count, quick.geometry, sigma, _SMEARS[1] * module, reach=8, final=False),
                symbology,
                count,
            )
        )
    found, symbology, count = min(contenders, key=lambda contender: contender[0].cost)
    geometry = found.geometry
    module = (geometry.end - geometry.start) / symbology.modules(count)

    def smeared(smear: float, wide: float = 0.0) -> Fit:
        return timed_fit(
            profile,
            symbology,
            count,
            geometry.widened(wide * smear * module),
            sigma,
            smear * module,
            reach=8,
            final=False,
        )

    # the cost mostly falls then rises with the smear: the two middle ones tell which end to try
    low, high = smeared(_SMEARS[1]), smeared(_SMEARS[2])
    best = min(low, high, smeared(_SMEARS[0] if low.cost <= high.cost else _SMEARS[3]), key=lambda f: f.cost)
    if best.smear:
        # a smear leaves the thin end bars of some labels too light for `extent`, which then finds the
        # ends inside them: the best smear is also tried on the geometry widened
        best = min(best, smeared(best.smear / module, _SMEAR_REACH), key=lambda f: f.cost)
    final = timed_fit(profile, symbology, count, best.geometry, sigma, best.smear, reach=4)
    # sure characters, or ends fitting worse than others
    one_short = final.margin >= _min_margin(final) or final.ends < 0
    if not final.vin and one_short and count + 1 in symbology.counts:
        # no VIN: `extent` took the wide space inside an end symbol (Code 128's start) for the quiet
        # zone, or a smear blurred an end symbol into it, and the quick trials one symbol fewer; one
        # more is tried at each end
        g, one = final.geometry, symbology.pitch / symbology.modules(count)
        for grown in (
            Geometry(float(g.position(np.array(-one))), g.end, g.bend),
            Geometry(g.start, float(g.position(np.array(1 + one))), g.bend),
        ):
            longer = timed_fit(profile, symbology, count + 1, grown, sigma, best.smear, reach=4)
            if longer.vin:
                return longer
    return final


@dataclass(frozen=True)
class ProfileDecoder:
    """`read` behind the decoders' interface, so the pipeline tries it like any backend: the image
    it is given is a profile across the bars at `rate` samples a pixel, the bars expected from
    `start` to `end`; it gives up, finding nothing, past `deadline` (thread CPU time)."""

    rate: float
    start: float
    end: float
    deadline: float = math.inf
    name = "fit"
    symbologies = LINEAR

    def decode(self, image: np.ndarray, symbologies: frozenset[str] = LINEAR) -> list[Symbol]:
        found = read(image, self.rate, self.start, self.end, self.deadline)
        return [Symbol(*found)] if found and found[0] in symbologies else []
