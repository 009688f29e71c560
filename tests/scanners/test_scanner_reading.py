"""Reading generated camera frames: read rates per degradation class, no false VINs, hints."""

import itertools
import time
from collections import Counter

import corpus
import cv2
import numpy as np
import pytest

from scanners import pipeline, prepare
from scanners.codes import classify
from scanners.decoders import LINEAR, MATRIX
from scanners.pipeline import MOVE_CLOSER, FrameReader

# Reads out of 14 frames per class (2 of each payload), 1280x720, at most one below the measured count
# where that was not perfect. Measured: 138/140 for the pipeline without its time budget, the
# pattern fit for blurred 1D labels included (133 before it, and before pyzbar read every deblurred
# view and the fit tried perspectives in steps of 0.1: blur 12 then 13; 136 before 1D regions were
# re-seated on their bars (`prepare.settle`), narrowed to their bars' rows and the fit's ends put at
# quiet zones: motion 11 then 12, blur 13 then 14; bench/scan.py gives the 300-frame figures at both
# sizes, budget included).
MINIMUM_READS = {
    "clean": 14,
    "small": 14,
    "rotation": 14,
    "quarter": 14,
    "tilt": 14,
    "blur": 14,
    "motion": 11,
    "noise": 14,
    "dim": 14,
    "jpeg": 14,
}


@pytest.fixture(scope="module")
def outcomes(samples, reader):
    """Per sample: (degradation, pipeline read, fast-path reads)."""
    results = []
    for sample in samples:
        frame = sample.render(corpus.HD)
        sample.forget()
        fast = reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
        fast_values = {classify(s.symbology, s.text).value for s in fast}
        results.append((sample, reader.read(frame).read, sample.value in fast_values))
    return results


@pytest.mark.parametrize("degradation", corpus.DEGRADATIONS)
def test_read_rate_per_degradation_class(outcomes, degradation):
    reads = sum(
        1 for sample, read, _ in outcomes if sample.degradation == degradation and read and read.value == sample.value
    )
    assert reads >= MINIMUM_READS[degradation]


def test_overall_read_rate(outcomes):
    assert sum(1 for sample, read, _ in outcomes if read and read.value == sample.value) >= 137


def test_small_labels_at_640x480_are_read(samples, reader):
    """Bars of 0.7-1.3 px: measured 14 of 14 (13 before 1D regions were re-seated on their bars and
    narrowed to their rows, 10 without the pattern fit)."""
    small = [sample for sample in samples if sample.degradation == "small"]
    reads = 0
    for sample in small:
        read = reader.read(sample.render(corpus.SD)).read
        sample.forget()
        assert read is None or (read.kind, read.value) == (sample.kind, sample.value) or read.kind == "other"
        reads += bool(read) and read.value == sample.value
    assert reads >= 13


def test_every_payload_kind_is_read(outcomes):
    reads = Counter(
        sample.payload
        for sample, read, _ in outcomes
        if read and (read.kind, read.value) == (sample.kind, sample.value)
    )
    assert all(reads[payload] >= 17 for payload in corpus.PAYLOADS), reads  # of 20 each


def test_nothing_is_misread(outcomes):
    wrong = [
        (sample.index, read)
        for sample, read, _ in outcomes
        if read and (read.kind, read.value) != (sample.kind, sample.value)
    ]
    assert wrong == []


def test_preparation_adds_reads_where_the_fast_path_fails(outcomes):
    """Rolled and tilted 1D labels, noise and dim light: straightening and averaging along the bars."""
    for degradation in ("rotation", "tilt", "noise", "dim"):
        fast = sum(fast_ok for sample, _, fast_ok in outcomes if sample.degradation == degradation)
        full = sum(
            1
            for sample, read, _ in outcomes
            if sample.degradation == degradation and read and read.value == sample.value
        )
        assert full > fast, degradation


@pytest.mark.parametrize("roll", [12, 25, 90, 180, 270])
def test_rolled_vin_label_is_straightened_and_read(reader, roll):
    sample = corpus.single("code39_import", "IWVWZZZ1JZXW000001", roll=roll, yaw=0, pitch=0)
    read = reader.read(sample.render()).read
    assert (read.kind, read.value, read.symbology) == ("vin", "WVWZZZ1JZXW000001", "CODE39")


@pytest.mark.parametrize("roll", [90, 180, 270])
def test_datamatrix_is_read_at_any_quarter_turn(reader, roll):
    sample = corpus.single("datamatrix", "1HGCM82633A004352", roll=roll)
    assert reader.read(sample.render()).read.value == "1HGCM82633A004352"


def test_1d_labels_at_one_pixel_a_bar_are_read_from_their_finely_resampled_profile(reader):
    """Bars of 1.0 px, which the fast path reads in 1 scene of 12: the pipeline in 10 (9 before 1D
    regions were narrowed to their bars' rows; which ones read depends on where the bars fall on
    the pixel grid)."""
    fast = reads = 0
    for seed in range(1, 13):
        sample = corpus.single("code39_import", "IWVWZZZ1JZXW000001", px_per_module=1.5, seed=seed)
        frame = sample.render(corpus.SD)  # 1.0 px per narrow bar
        fast += bool(reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)))
        read = reader.read(frame).read
        reads += bool(read) and read.value == "WVWZZZ1JZXW000001"
    assert fast <= 1 and reads >= 10


def test_1d_labels_at_0_8_pixel_a_bar_are_read(reader):
    """Bars of 0.8 px at 640x480, the smallest of the corpus's small class: 11 scenes of 12 (8 before
    1D regions were narrowed to their bars' rows and the pattern fit's ends to the quiet zones)."""
    reads = 0
    for seed in range(1, 13):
        sample = corpus.single("code39", "WVWZZZ1JZXW000001", px_per_module=1.2, seed=seed)
        read = reader.read(sample.render(corpus.SD)).read
        reads += bool(read) and read.value == "WVWZZZ1JZXW000001"
    assert reads >= 11


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_1d_region_is_narrowed_to_the_rows_crossing_its_bars(seed):
    """The region found in the texture also holds the printed line under the bars: refined, every
    row of its straightened strip crosses the bars (before, its first or last rows crossed a
    quarter as many edges as its best one at most)."""
    sample = corpus.single("code39", "WVWZZZ1JZXW000001", px_per_module=1.3, seed=seed)
    gray = cv2.cvtColor(sample.render(corpus.SD), cv2.COLOR_BGR2GRAY)
    candidate = prepare.refine(gray, prepare.find_linear_codes(prepare.texture(gray))[0])
    strip = prepare.straighten(gray, candidate)
    crossings = [prepare._crossings(row.astype(np.float32), band=0.1) for row in strip]
    assert min(crossings) >= 0.5 * max(crossings)


@pytest.mark.parametrize("seed", [6, 9])
def test_a_label_smeared_bare_in_stretches_is_found_whole(seed):
    """Smeared about 3 modules along its code, a label keeps little texture in its densest stretches:
    the pixels of its bars' direction fell apart into pieces, and the region found was the longest
    piece, 70-80 % of the code (before, 248 and 272 pixels of 347)."""
    vin = "WVWZZZ1JZXW000001"
    sample = corpus.single(
        "code128", vin, degradation="motion", motion_length=9, motion_angle=170, px_per_module=2.6, roll=0, seed=seed
    )
    gray = cv2.cvtColor(sample.render(corpus.SD), cv2.COLOR_BGR2GRAY)
    code = corpus.code_modules("code128", vin).shape[1] * 2.6 * corpus.SD[1] / corpus.HD[1]  # pixels
    assert prepare.find_linear_codes(prepare.texture(gray))[0].length >= 0.95 * code


@pytest.mark.parametrize(("seed", "px_per_module"), [(3, 1.35), (11, 1.3), (13, 1.35)])
def test_bars_of_about_one_pixel_are_resolved_by_the_binned_profile(reader, seed, px_per_module):
    """Rows of a label rolled 3° sample its bars at many sub-pixel phases: binned by position
    along the code they resolve bars that interpolating along each row blurs or aliases."""
    sample = corpus.single("code39_import", "IWVWZZZ1JZXW000001", px_per_module=px_per_module, roll=3, seed=seed)
    gray = cv2.cvtColor(sample.render(corpus.SD), cv2.COLOR_BGR2GRAY)
    candidate = prepare.refine(gray, prepare.find_linear_codes(prepare.texture(gray))[0])
    views = list(prepare.linear_views(prepare.RegionCuts(gray, candidate)))
    binned = len(prepare._DEBLUR_SIGMAS)  # the last views come from the binned profile

    def texts(images):
        return {
            s.text
            for image in images
            for decoder in (reader.primary, reader.secondary)
            for s in decoder.decode(image, LINEAR)
        }

    assert "IWVWZZZ1JZXW000001" not in texts(views[:-binned])
    assert "IWVWZZZ1JZXW000001" in texts(views[-binned:])


@pytest.mark.parametrize(("roll", "size"), [(0, corpus.HD), (3, corpus.SD), (90, corpus.HD), (180, corpus.SD)])
def test_datamatrix_marked_light_on_a_dark_plate_is_read(reader, roll, size):
    sample = corpus.single("datamatrix_on_dark", "WVWZZZ1JZXW000001", roll=roll, seed=4)
    frame = sample.render(size)
    assert reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == []  # no inverted pass there
    assert reader.read(frame).read.value == "WVWZZZ1JZXW000001"


def test_the_time_budget_drops_the_attempts_left_when_spent(reader):
    frame = corpus.single("code39_import", "IWVWZZZ1JZXW000001", roll=25, yaw=0, pitch=0).render()
    assert reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == []  # needs straightening
    spent = FrameReader(reader.primary, reader.secondary, budget_ms=0.0)
    assert spent.read(frame).read is None
    assert FrameReader(reader.primary, reader.secondary, budget_ms=100.0).read(frame).read.value == "WVWZZZ1JZXW000001"


def test_a_few_frames_may_spend_the_slow_budget_on_a_vin_sized_label(reader, monkeypatch):
    """A label smeared along its bars, which only the pattern fit reads (see test_scanner_linear_fit),
    is read while fewer than SLOW_SHARE of the last SLOW_WINDOW frames were slow, then held to the
    budget; the CPU clock ticks a millisecond each time it is looked at."""
    vin = "WVWZZZ1JZXW000001"
    scene = {"motion_length": 5, "motion_angle": 0, "px_per_module": 2.4, "roll": 2, "yaw": 0, "pitch": 0}
    frame = corpus.single("code39", vin, kind="vin", degradation="motion", seed=2, **scene).render(corpus.SD)
    ticks = itertools.count()
    monkeypatch.setattr(time, "thread_time", lambda: next(ticks) / 1000)
    slow = FrameReader(reader.primary, reader.secondary, budget_ms=10.0, slow_budget_ms=1000.0)
    allowed = round(pipeline.SLOW_SHARE * pipeline.SLOW_WINDOW)
    reads = [slow.read(frame).read for _ in range(allowed + 2)]
    assert [bool(read) and read.value == vin for read in reads] == [True] * allowed + [False] * 2


@pytest.mark.parametrize("seed", [1, 2])
def test_small_datamatrix_is_cut_out_and_upscaled(reader, seed):
    sample = corpus.single("datamatrix", "WVWZZZ1JZXW000001", px_per_module=2.7, seed=seed)
    frame = sample.render(corpus.SD)  # 1.8 px per module: too small for the fast path
    assert reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == []
    assert reader.read(frame).read.value == "WVWZZZ1JZXW000001"


def test_dim_datamatrix_on_a_dark_plate_is_found_and_read(reader):
    """Contrast and exposure of 30-55 %: the sensor noise is about as busy as the code, which is
    found apart from it and read from its crop smoothed (before: 8 of 12, the whole frame taken
    for one busy region in 7)."""
    reads = 0
    for seed in range(1, 13):
        sample = corpus.single("datamatrix_on_dark", "WVWZZZ1JZXW000001", degradation="dim", seed=seed)
        frame = sample.render(corpus.SD)
        boxes = prepare.find_matrix_codes(prepare.texture(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)))
        assert boxes and all(w * h < 0.2 * 640 * 480 for _, _, w, h in boxes)
        read = reader.read(frame).read
        reads += bool(read) and read.value == "WVWZZZ1JZXW000001"
    assert reads == 12


@pytest.mark.parametrize(("angle", "length"), [(60, 9), (100, 11), (140, 11)])
def test_qr_code_smeared_by_camera_motion_is_deblurred(reader, angle, length):
    url = "https://www.car-pass.be/verify?id=482311907756"
    sample = corpus.single(
        "qr_url", url, degradation="motion", motion_length=length, motion_angle=angle, px_per_module=4.5, seed=3
    )
    frame = sample.render()
    assert reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == []
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    crop = prepare.matrix_view(gray, prepare.find_matrix_codes(prepare.texture(gray))[0])
    assert list(prepare.unsmeared(crop))  # seen as smeared in one direction
    assert reader.read(frame).read.value == "482311907756"


@pytest.mark.parametrize("angle", [20, 60, 150])
def test_the_motion_of_a_smeared_qr_code_is_found_in_its_cepstrum(reader, angle):
    """The gradient's weak direction gives the motion to within 5-8 degrees, and the cepstrum's dip
    along it put the length 1-3 pixels long: the dip is searched 8 degrees either way, and shorter
    lengths tried after it. Before, none of the crop's deblurred views read these codes."""
    url = "https://www.car-pass.be/verify?id=749071483167"
    sample = corpus.single(
        "qr_url", url, degradation="motion", motion_length=9, motion_angle=angle, px_per_module=4.5, seed=6
    )
    gray = cv2.cvtColor(sample.render(corpus.SD), cv2.COLOR_BGR2GRAY)
    crop = prepare.matrix_view(gray, prepare.find_matrix_codes(prepare.texture(gray))[0])
    texts = [symbol.text for view in prepare.unsmeared(crop) for symbol in reader.primary.decode(view, MATRIX)]
    assert url in texts


@pytest.mark.parametrize(
    ("payload", "text", "value", "angle"),
    [("qr_id", "4823-1190-7756", "482311907756", 100), ("datamatrix", "WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001", 10)],
)
def test_matrix_code_smeared_into_bars_is_found_with_a_looser_coherence(reader, payload, text, value, angle):
    """Smeared over 2 modules, the code's texture runs one way: no region where matrix codes are
    looked for first, but one where more of it may run one way, which is deblurred and read."""
    sample = corpus.single(
        payload, text, degradation="motion", motion_length=11, motion_angle=angle, px_per_module=5.5, seed=1
    )
    frame = sample.render(corpus.SD)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    assert reader.primary.decode(gray) == []
    tex = prepare.texture(gray)
    assert prepare.find_matrix_codes(tex) == []
    assert prepare.find_matrix_codes(tex, 1, prepare.SMEARED_COHERENCE)
    assert reader.read(frame).read.value == value


def test_sharp_matrix_code_is_not_deblurred():
    gray = cv2.cvtColor(corpus.single("qr_id", "4823-1190-7756").render(), cv2.COLOR_BGR2GRAY)
    crop = prepare.matrix_view(gray, prepare.find_matrix_codes(prepare.texture(gray))[0])
    assert list(prepare.unsmeared(crop)) == []


@pytest.mark.parametrize(
    "text",
    ["1HGCM82633A004353", "WVWZZZ1JZXW00000", "IWVWZZZ1JZXWO00001", "1HGCM82633A0043521"],
)
@pytest.mark.parametrize("degradation", ["clean", "rotation", "noise"])
def test_invalid_vin_labels_are_never_reported_as_vins(reader, text, degradation):
    sample = corpus.single("code39", text, degradation=degradation, seed=len(text))
    read = reader.read(sample.render()).read
    assert read is None or read.kind == "other"


def test_no_code_gives_no_read_and_no_hint(reader):
    frame = np.full((720, 1280, 3), 120, np.uint8)
    cv2.rectangle(frame, (100, 100), (400, 300), (30, 30, 30), -1)
    cv2.line(frame, (0, 700), (1279, 400), (230, 230, 230), 6)
    result = reader.read(frame)
    assert result.read is None and result.hint is None


def test_printed_text_is_not_read_as_a_code(reader):
    frame = np.full((720, 1280, 3), 120, np.uint8)
    cv2.putText(frame, "WVWZZZ1JZXW000001", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 3)
    assert reader.read(frame).read is None


def test_too_distant_1d_label_asks_to_move_closer(reader):
    """Bars of 0.7 px, blurred by a pixel, at 640x480 (at 1.0 px and 1280x720 the label is read now)."""
    scene = {"px_per_module": 1.0, "roll": 0, "yaw": 0, "pitch": 0, "blur_sigma": 1.6}
    sample = corpus.single("code39", "WVWZZZ1JZXW000001", **scene)
    result = reader.read(sample.render(corpus.SD))
    assert result.read is None and result.hint == MOVE_CLOSER


def test_perspective_makes_the_bars_turn_along_the_code():
    sample = corpus.single("code39", "WVWZZZ1JZXW000001", roll=0, yaw=40, pitch=25, centre=(0.0, 0.0))
    gray = cv2.cvtColor(sample.render(), cv2.COLOR_BGR2GRAY)
    best = prepare.refine(gray, prepare.find_linear_codes(prepare.texture(gray))[0])
    assert abs(np.degrees(best.bars_turn)) > 3
    again = prepare.refine(gray, best)  # measures what is left of the lean at either end
    assert abs(np.degrees(again.bars - best.bars)) < 0.5 and abs(np.degrees(again.bars_turn - best.bars_turn)) < 1.5


def test_linear_candidate_geometry():
    """On a plain scene (in the default one a cable touches the label's end and the region runs on)."""
    sample = corpus.single("code128", "WVWZZZ1JZXW000001", roll=20, yaw=0, pitch=0, centre=(0.0, 0.0), seed=1)
    gray = cv2.cvtColor(sample.render(), cv2.COLOR_BGR2GRAY)
    found = prepare.find_linear_codes(prepare.texture(gray))[0]
    assert abs(np.degrees(found.axis) - 20) < 4 and abs(np.degrees(found.bars) - 110) < 4
    assert abs(found.centre[0] - 640) < 40 and abs(found.centre[1] - 360) < 40
    best = prepare.refine(gray, found)
    assert abs(np.degrees(best.bars) - 110) < 0.5 and abs(best.bars_turn) < 0.01
    strip = prepare.straighten(gray, best)
    assert prepare.bar_edges(strip) > 100  # the bars run upright: a row crosses them all


def test_a_regions_views_and_its_pattern_fit_cut_each_strip_once(monkeypatch):
    sample = corpus.single("code128", "WVWZZZ1JZXW000001", roll=20, yaw=0, pitch=0, centre=(0.0, 0.0), seed=1)
    gray = cv2.cvtColor(sample.render(), cv2.COLOR_BGR2GRAY)
    found = prepare.find_linear_codes(prepare.texture(gray))[0]
    cuts_made: list[object] = []

    def counted(name: str):
        cut = getattr(prepare, name)

        def counting(*args):
            cuts_made.append((name, args[2:]))  # the upscale, if any
            return cut(*args)

        return counting

    for name in ("straighten", "binned_profile", "middle_profile"):
        monkeypatch.setattr(prepare, name, counted(name))
    cuts = prepare.RegionCuts(gray, found)
    prepare.bar_edges(cuts.strip())
    list(prepare.linear_views(cuts))
    prepare.fit_profile(cuts)
    assert cuts_made and len(cuts_made) == len(set(cuts_made))  # every cut once, whatever views and fit share
    strip = cuts.strip(prepare.DEBLUR_UPSCALE)
    assert cuts.strip(prepare.DEBLUR_UPSCALE) is strip
    assert cuts.strip().shape[1] < strip.shape[1]  # another upscale, another strip


@pytest.mark.parametrize(("seed", "index"), [(100001, 8), (100004, 29)])
def test_region_of_a_smeared_label_is_settled_on_its_bars(reader, monkeypatch, seed, index):
    """Smeared 1.7 and 3.2 modules along the code by motion (import Code 39 labels), the label's
    region also takes in its smeared edges and the background's grain, and nothing reads it until
    `prepare.settle` re-seats it on the bars. (Both with OpenCV 5.0 and 5.1, which render and read
    these frames a little differently.)"""
    (sample,) = (s for s in corpus.generate(30, seed, ("motion",)) if s.index == index)
    frame = sample.render(corpus.SD)
    assert reader.read(frame).read.value == sample.value
    monkeypatch.setattr(prepare, "settle", lambda tex, candidate: candidate)
    assert reader.read(frame).read is None
