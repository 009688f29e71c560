"""Read one frame: the fast path, then OpenCV preparation, then the second backend.

1. Fast path: the primary backend on the whole frame (plus the second backend for symbologies
   the primary cannot read at all, e.g. DataMatrix when pyzbar is primary), then the whole frame
   inverted, for DataMatrix only (light marks on a dark plate, as dot-peened and etched VIN
   plates are: about 1 ms at 640x480, a third of the decoders' own inverted pass, and it reads
   most of them before any preparation). A frame 960 pixels wide or more is halved for all that,
   four pixels averaged into one, and read again at full size for 1D codes only: at 1280x720 the
   half-size frame reads most matrix codes, and more of the noisy and dim ones, in 2 ms instead
   of 6-14, and the whole fast path costs 3.5 ms on average instead of 6 (the few small matrix
   codes it misses are read from their crops in step 4).
2. Only when that finds no VIN or Car-Pass code: each region that looks like a 1D code is
   re-seated on its bars, straightened, upscaled if its bars are thin and deblurred (see
   `prepare`); each view goes to the primary then to the second backend, which reads labels
   blurred by 1.5-2 px from the views deblurred the most (zxing-cpp does not), at 0.2-0.8 ms a
   view: sooner than the pattern fit of step 3. zbar gets all the rows of the straightened strip
   (its middle rows alone lost tilted and small labels); last, the region's profile deconvolved
   for a dozen motion smears along the code (about 2 ms) goes to the primary, which reads labels
   smeared over a few modules that the fit leaves undecided.
3. The first region that shows as many bars as a VIN label has is read, right after its views,
   by fitting the Code 39 and Code 128 bar patterns to its profile (`linear_fit`): labels smeared
   by motion over several bars, or with bars of about a pixel, which no view gives the decoders.
   It costs about 10-19 ms, up to 50 when nothing fits, checks the deadline between its fits, and
   accepts only a VIN whose every character is clearly decided. It comes before the other regions
   (which rarely read, and after which the fit ran out of time more often; before the region's
   own deblurred views it lost blurred labels those read), and before the matrix crops because a
   frame showing such a region rarely holds a matrix code (a matrix code's outline shows 24-34
   edges at most).
4. Then each region that looks like a matrix code is cut out and upscaled if small. The strongest
   is first motion-deblurred when it is smeared in one direction (zxing-cpp reads a smeared
   crop only deblurred, and these views came too late for the budget after the turns below),
   each view also inverted as a DataMatrix; then each region is tried at the four quarter turns
   (the DataMatrix detector in the zxing-cpp wheel only finds near-upright symbols) and the
   strongest inverted as a DataMatrix, at the four turns, then smoothed against sensor noise, as
   it is and inverted (in a dim frame a code's contrast is little above the noise). Last, the
   strongest region that shows when more of the texture may run one way is deblurred likewise,
   unless it lies in a region already tried: a code smeared by motion over 1.5-2 modules often
   shows no other region.
5. The first read that classifies as a VIN or a Car-Pass ID ends the work on that frame; when
   none does, an "other" read is returned, and when nothing at all was read but a 1D code was
   seen, the hint asks the user to move closer.

The second backend never scans the whole frame after step 1: on a 1280x720 frame pyzbar takes
30-70 ms and reads nothing zxing-cpp missed, whereas on the 1D views it is cheap and adds reads.
Matrix crops go to the backend that reads DataMatrix only, unless deblurred (pyzbar reads some
smeared QR codes from those): on the crops as cut out pyzbar read no code that zxing-cpp missed
(640 matrix-code frames at both sizes) and took 3-6 ms a crop.
A frame gets about BUDGET_MS of CPU time: the deadline is checked between attempts and inside
the pattern fit, and the attempts left then are dropped (the next frame comes anyway), which
bounds the worst frames of a live camera. A frame showing a VIN-sized 1D region may spend up to
SLOW_BUDGET_MS instead, while fewer than SLOW_SHARE of the last SLOW_WINDOW frames did so: the
pattern fit, which alone reads blurred and smeared labels, starts after 17-28 ms of views and
never finished within BUDGET_MS, and the 95th percentile of the frame times allows 1 frame in 20
to be slow.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np

from . import linear_fit, prepare
from .codes import CodeRead, classify
from .decoders import ALL, BACKENDS, DATAMATRIX, LINEAR, MATRIX, Decoder, DecoderUnavailable, get_decoder

MOVE_CLOSER = "A barcode is in view but cannot be read: move the camera closer and hold it steady."
_TURNS = (None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE)
_HALVED_WIDTH = 960  # frames this wide are first read at half size (HD: 2 ms instead of 6-14, less noise)
_MIN_BAR_EDGES = 24  # fewer light/dark transitions than this is an edge or a stripe, not a 1D code
_MIN_FIT_EDGES = 40  # a VIN label shows more (smeared ones 50 and up); a matrix code's edges 24-34
_LINEAR_SEEN = None  # marker in the attempts: a 1D code is in view
_VIN_SIZED = "vin-sized"  # marker in the attempts: a 1D region with as many bars as a VIN label
BUDGET_MS = 23.0  # CPU time per frame, beyond which the remaining attempts are dropped (they end by about 25)
SLOW_BUDGET_MS = 60.0  # CPU time a frame may take instead while few recent frames took longer than BUDGET_MS
# at most 12 frames of any 300 in a row (10-20 s of a live camera): the 95th percentile stays in budget,
# and a hard label held in view for a while gets them (of 100 frames, 4 went to its first frames only)
SLOW_SHARE, SLOW_WINDOW = 0.04, 300


@dataclass
class _Deadline:
    """A frame's deadline (thread CPU time, s), moved to `later` once the frame shows a VIN-sized
    1D region: the frames the pattern fit alone reads."""

    at: float
    later: float
    extended: bool = False

    def extend(self) -> None:
        self.extended = self.extended or self.later > self.at
        self.at = max(self.at, self.later)


@dataclass(frozen=True)
class FrameResult:
    """What one frame gave: the best read (None if nothing) and advice for the user."""

    read: CodeRead | None
    hint: str | None = None


class FrameReader:
    """Decodes frames with a primary backend and an optional second one, spending at most about
    `budget_ms` of CPU time on a frame (None: no limit) so that a live camera keeps its pace.

    A few frames may take up to `slow_budget_ms` instead (None: none): as long as fewer than
    SLOW_SHARE of the last SLOW_WINDOW frames took longer than `budget_ms`. The hardest frames,
    blurred or smeared 1D labels that only the pattern fit reads, need 25-60 ms; a 23 ms budget
    stopped every fit (it starts after 17-28 ms of views), whereas the 95th percentile of the frame
    times only asks that 19 frames of 20 stay within the budget."""

    def __init__(
        self,
        primary: Decoder,
        secondary: Decoder | None = None,
        budget_ms: float | None = BUDGET_MS,
        slow_budget_ms: float | None = SLOW_BUDGET_MS,
    ) -> None:
        self.primary = primary
        self.secondary = secondary
        self.budget_ms = budget_ms
        self.slow_budget_ms = slow_budget_ms
        self._decoders = [primary] if secondary is None else [primary, secondary]
        # matrix crops not deblurred go to the backend reading DataMatrix only (see the module's docstring)
        self._matrix_decoders = [d for d in self._decoders if DATAMATRIX in d.symbologies][:1] or self._decoders
        self._slow: deque[bool] = deque(maxlen=SLOW_WINDOW)  # whether each recent frame overran `budget_ms`

    def read(self, frame: np.ndarray) -> FrameResult:
        """Decode `frame` (BGR or greyscale); stop at the first VIN or Car-Pass read, or when the
        budget is spent (the attempts are ordered so that the likeliest come first)."""
        began = time.thread_time()
        deadline = _Deadline(began + self._ms(self.budget_ms), began + self._ms(self._slow_budget()))
        try:
            return self._read(frame, deadline)
        finally:
            if self.budget_ms is not None:  # a frame held to `budget_ms` ends about then anyway
                self._slow.append(deadline.extended and time.thread_time() - began > self.budget_ms / 1000)

    @staticmethod
    def _ms(budget: float | None) -> float:
        return budget / 1000 if budget is not None else math.inf

    def _slow_budget(self) -> float | None:
        """What this frame may spend once it shows a VIN-sized 1D region: `slow_budget_ms` while
        few recent frames were slow, else `budget_ms`."""
        if self.budget_ms is None or self.slow_budget_ms is None or sum(self._slow) >= SLOW_SHARE * SLOW_WINDOW:
            return self.budget_ms
        return max(self.budget_ms, self.slow_budget_ms)

    def _read(self, frame: np.ndarray, deadline: _Deadline) -> FrameResult:
        start = time.perf_counter()
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        other: CodeRead | None = None
        seen_linear = False
        for attempt in self._attempts(gray, deadline):
            if attempt is _LINEAR_SEEN:
                seen_linear = True
                continue
            if attempt is _VIN_SIZED:
                deadline.extend()
                continue
            if time.thread_time() > deadline.at:
                break
            decoder, image, symbologies = attempt
            for symbol in decoder.decode(image, symbologies):
                read = classify(symbol.symbology, symbol.text, (time.perf_counter() - start) * 1000)
                if read.kind != "other":
                    return FrameResult(read)
                other = other or read
        if other:
            return FrameResult(other)
        return FrameResult(None, MOVE_CLOSER if seen_linear else None)

    def _attempts(self, gray: np.ndarray, deadline: _Deadline):
        """(decoder, image, symbologies) to try in order, with _LINEAR_SEEN once a 1D code is found
        and _VIN_SIZED before the first region with as many bars as a VIN label; the pattern fit is
        told the `deadline` (thread CPU time) so that it stops its retries there."""
        whole = gray  # where matrix codes are looked for in the whole frame
        if gray.shape[1] >= _HALVED_WIDTH:
            whole = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
            yield self.primary, whole, ALL
            yield self.primary, gray, LINEAR
        else:
            yield self.primary, gray, ALL
        if self.secondary and (missing := ALL - self.primary.symbologies):
            yield self.secondary, whole, missing
        inverted = cv2.bitwise_not(whole)  # a DataMatrix marked light on a dark plate; cheap alone
        for decoder in self._decoders:
            yield decoder, inverted, frozenset({DATAMATRIX})
        tex = prepare.texture(gray)
        fitted = False  # the pattern fit is tried once, on the first region with enough bars
        for candidate in prepare.find_linear_codes(tex):
            cuts = prepare.RegionCuts(gray, prepare.refine(gray, prepare.settle(tex, candidate)))
            edges = prepare.bar_edges(cuts.strip())
            if edges < _MIN_BAR_EDGES:
                continue
            yield _LINEAR_SEEN
            if not fitted and edges >= _MIN_FIT_EDGES:
                yield _VIN_SIZED
            for view in prepare.linear_views(cuts):
                for decoder in self._decoders:
                    yield decoder, view, LINEAR
            profile, start, end = prepare.fit_profile(cuts)
            for view in prepare.unsmeared_profile(profile, prepare.DEBLUR_UPSCALE):
                yield self.primary, view, LINEAR
            if not fitted and edges >= _MIN_FIT_EDGES:
                fitted = True
                yield linear_fit.ProfileDecoder(prepare.DEBLUR_UPSCALE, start, end, deadline.at), profile, LINEAR
        boxes = prepare.find_matrix_codes(tex)
        crops = [prepare.matrix_view(gray, box) for box in boxes]
        for crop in crops[:1]:
            yield from self._unsmeared(crop)
        for crop in crops:
            yield from self._turned(crop, MATRIX)
        if crops:
            yield from self._turned(cv2.bitwise_not(crops[0]), frozenset({DATAMATRIX}))  # light marks on a dark plate
            smoothed = prepare.denoised(crops[0])
            yield from self._turned(smoothed, MATRIX)
            yield from self._turned(cv2.bitwise_not(smoothed), frozenset({DATAMATRIX}))
        for box in prepare.find_matrix_codes(tex, 1, prepare.SMEARED_COHERENCE):
            if not any(_inside(box, other) for other in boxes):
                yield from self._unsmeared(prepare.matrix_view(gray, box))

    def _turned(self, crop: np.ndarray, upright: frozenset[str]):
        """Attempts on a matrix crop at the four quarter turns: `upright` symbologies as it is, then
        DataMatrix alone (the wheel's DataMatrix detector only finds near-upright symbols)."""
        for turn in _TURNS:
            image = crop if turn is None else cv2.rotate(crop, turn)
            for decoder in self._matrix_decoders:
                yield decoder, image, upright if turn is None else frozenset({DATAMATRIX})

    def _unsmeared(self, crop: np.ndarray):
        """Attempts on `crop` motion-deblurred (none unless it is smeared in one direction), also
        inverted as a DataMatrix."""
        for image in prepare.unsmeared(crop):
            for decoder in self._decoders:
                yield decoder, image, MATRIX
            inverted = cv2.bitwise_not(image)  # light marks on a dark plate
            for decoder in self._matrix_decoders:
                yield decoder, inverted, frozenset({DATAMATRIX})


def _inside(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether the centre of `box` lies in `other` (x, y, width, height)."""
    x, y, w, h = box
    ox, oy, ow, oh = other
    return ox <= x + w / 2 <= ox + ow and oy <= y + h / 2 <= oy + oh


def build_reader(primary: str | Decoder, budget_ms: float | None = BUDGET_MS) -> tuple[FrameReader, str | None]:
    """A reader with `primary` (a backend name or instance) first and the other backend second
    when it is installed, spending about `budget_ms` of CPU on a frame (None for a still image,
    which deserves every attempt).

    When the named backend cannot run (pyzbar without libzbar) the reader falls back to
    zxing-cpp, and the second value is the one-line message saying so; otherwise it is None.
    """
    note = None
    if isinstance(primary, str):
        try:
            primary = get_decoder(primary)
        except DecoderUnavailable as exc:
            note = f"The {primary} decoder is not available ({exc}); using zxing."
            primary = get_decoder("zxing")
    secondary = None
    for name in BACKENDS:
        if name != primary.name:
            try:
                secondary = get_decoder(name)
                break
            except DecoderUnavailable:
                continue
    return FrameReader(primary, secondary, budget_ms), note
