"""The pattern fit for blurred 1D VIN labels: tables, text rules, reads where every view fails, refusals."""

import itertools
import time

import barcode
import corpus
import cv2
import numpy as np
import pytest

from scanners import linear_fit, prepare
from scanners.decoders import LINEAR, PyzbarDecoder, ZxingDecoder

VIN = "WVWZZZ1JZXW000001"


def modules_from_table(symbology: linear_fit.Symbology, values: list[int]) -> str:
    """The symbol's modules (1 dark) drawn from the fit's own bar table."""
    total = int(symbology.modules(len(values)))
    row = np.zeros(total, np.uint8)
    for slot, value in enumerate(values):
        for start, end in symbology.bars[value]:
            row[int(slot * symbology.pitch + start) : int(slot * symbology.pitch + end)] = 1
    return "".join(map(str, row))


def code128_values(text: str) -> list[int]:
    """Start and data values as python-barcode chooses them, then the mod-103 check and the stop."""
    values = barcode.get_barcode_class("code128")(text)._build()
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return [*values, check, 106]


def profile_of(
    bits: str, module: float, smear: float, sigma: float = 0.6, noise: float = 2.0, seed: int = 0
) -> np.ndarray:
    """A camera-like profile at 3 samples a pixel: `module` pixels a module, a motion box of `smear`
    pixels and a lens blur `sigma` along the code, paper 200 and ink 60, quiet zones of 12 modules."""
    padded = np.pad(np.frombuffer(bits.encode(), np.uint8) - ord("0"), 12).astype(np.float32)
    fine = np.repeat(padded, 30)  # 30 samples a module
    positions = np.arange(0, len(padded) * module, 1 / 3)
    dark = np.interp(positions, (np.arange(len(fine)) + 0.5) / 30 * module, fine)
    box = max(round(smear * 3), 1)
    dark = cv2.blur(dark[None, :], (box, 1))[0]
    dark = cv2.GaussianBlur(dark[None, :], (0, 0), sigma * 3)[0]
    rng = np.random.default_rng(seed)
    return (200 - 140 * dark + rng.normal(0, noise, len(dark))).astype(np.float32)


def expected_extent(bits: str, module: float) -> tuple[float, float]:
    return 12 * module * 3, (12 + len(bits)) * module * 3


def test_code39_table_draws_what_python_barcode_prints():
    bits = barcode.get_barcode_class("code39")("I" + VIN, add_checksum=False).build()[0].rstrip("0")
    values = [linear_fit._CODE39_CHARS.index(c) for c in "*I" + VIN + "*"]
    assert modules_from_table(linear_fit.CODE39_SYMBOLOGY, values) == bits


def test_code128_table_draws_what_python_barcode_prints():
    bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    assert modules_from_table(linear_fit.CODE128_SYMBOLOGY, code128_values(VIN)) == bits


def test_code128_text_follows_the_code_sets_and_the_check():
    values = code128_values(VIN)  # set B, then set C for the serial number
    assert 99 in values and linear_fit.code128_text(values) == VIN
    wrong_check = [*values[:-2], (values[-2] + 1) % 103, 106]
    assert linear_fit.code128_text(wrong_check) is None
    assert linear_fit.code128_text(values[:-1]) is None  # no stop
    assert linear_fit.code128_text([104, 102, (104 + 102) % 103, 106]) is None  # FNC1: no VIN label holds one


def test_code39_text_needs_the_asterisks_at_both_ends_only():
    star = len(linear_fit._CODE39_CHARS) - 1
    assert linear_fit.code39_text([star, 10, 11, star]) == "AB"
    assert linear_fit.code39_text([10, 11, star]) is None
    assert linear_fit.code39_text([star, star, 11, star]) is None


def test_viterbi_weighs_neighbours_and_reports_each_slots_margin():
    unary = np.array([[0.0, 1.0], [0.0, 0.5], [2.0, 0.0]])
    pairs = [np.zeros((2, 2)), np.array([[0.0, 3.0], [0.0, 0.0]])]
    path, margins = linear_fit.viterbi(unary, pairs)
    assert path == [0, 1, 1]  # slot 1 gives up its own best to avoid the pair cost with slot 2
    assert margins.tolist() == pytest.approx([1.0, 1.5, 1.5])


@pytest.mark.parametrize("drift", [1, 2])
def test_align_finds_the_cheapest_path_within_the_drift(drift):
    scores = np.random.default_rng(drift).random((4, 5))
    paths = [p for p in np.ndindex(5, 5, 5, 5) if all(abs(a - b) <= drift for a, b in itertools.pairwise(p))]
    cheapest = min(paths, key=lambda p: sum(scores[k, o] for k, o in enumerate(p)))
    assert linear_fit.align(scores, drift).tolist() == list(cheapest)


def test_viterbi_margins_are_those_of_every_path():
    rng = np.random.default_rng(0)
    unary = rng.integers(0, 4, (4, 3)).astype(float)  # small integers: ties, which the path breaks as numpy's argmin
    pairs = [rng.integers(0, 3, (3, 3)).astype(np.float32) for _ in range(3)]
    paths = [list(p) for p in np.ndindex(3, 3, 3, 3)]
    costs = [sum(unary[k, c] for k, c in enumerate(p)) + sum(pairs[k][p[k], p[k + 1]] for k in range(3)) for p in paths]
    best = min(costs)
    path, margins = linear_fit.viterbi(unary, pairs)
    assert costs[paths.index(path)] == best and margins is not None
    for k in range(4):
        others = min(cost for p, cost in zip(paths, costs, strict=True) if p[k] != path[k])
        assert margins[k] == pytest.approx(others - best)


def test_viterbi_margins_of_open_ends_are_against_any_symbol_there():
    rng = np.random.default_rng(1)
    free = rng.integers(0, 4, (4, 3)).astype(float)
    pairs = [rng.integers(0, 3, (3, 3)).astype(np.float32) for _ in range(3)]
    bounded = free.copy()
    bounded[0, 1:] = bounded[-1, :2] = np.inf  # symbol 0 first, symbol 2 last
    path, margins = linear_fit.viterbi(bounded, pairs, open_ends=free[[0, -1]])
    paths = [list(p) for p in np.ndindex(3, 3, 3, 3) if p[0] == 0 and p[-1] == 2]
    assert path in paths and margins is not None

    def cost(p: list[int]) -> float:
        return sum(free[k, c] for k, c in enumerate(p)) + sum(pairs[k][p[k], p[k + 1]] for k in range(3))

    for k in (0, 3):  # the others held to the bounds, the end slot free
        others = [[*p[:k], c, *p[k + 1 :]] for p in paths for c in range(3) if c != path[k]]
        assert margins[k] == pytest.approx(min(map(cost, others)) - cost(path))


@pytest.mark.parametrize(("module", "seed"), [(1.3, 5), (1.6, 0)])
def test_code128_smeared_over_its_ends_is_read_within_its_structure(module, seed):
    # smeared 3 modules, the start and stop blur into the quiet zones: the end characters are
    # less sure than the rest (a fit free of the structure was refused, its least margin there)
    bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    profile = profile_of(bits, module, 3.0 * module, seed=seed)
    extent = expected_extent(bits, module)
    fitted = linear_fit.best_fit(profile, 3.0, *extent)
    assert 0 <= fitted.ends < linear_fit.MIN_MARGIN <= fitted.margin
    assert linear_fit.read(profile, 3.0, *extent) == ("CODE128", VIN)


@pytest.mark.parametrize(("smear", "module", "seed"), [(2.8, 1.3, 0), (3.2, 1.0, 1)])
def test_code128_needs_a_smaller_margin_as_its_check_character_guards_it(monkeypatch, smear, module, seed):
    # smeared about 3 modules, every character is right but some only just: Code 39 would be refused
    bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    profile = profile_of(bits, module, smear * module, noise=4.0, seed=seed)
    extent = expected_extent(bits, module)
    fitted = linear_fit.best_fit(profile, 3.0, *extent)
    assert linear_fit.MIN_CHECKED_MARGIN <= fitted.margin < linear_fit.MIN_MARGIN
    assert linear_fit.read(profile, 3.0, *extent) == ("CODE128", VIN)
    monkeypatch.setattr(linear_fit, "MIN_CHECKED_MARGIN", linear_fit.MIN_MARGIN)
    assert linear_fit.read(profile, 3.0, *extent) is None


@pytest.mark.parametrize("smear", [0.0, 2.0, 3.0])
@pytest.mark.parametrize("symbology", ["code39", "code128"])
def test_profile_smeared_over_several_modules_is_read(symbology, smear):
    if symbology == "code39":
        bits = barcode.get_barcode_class("code39")(VIN, add_checksum=False).build()[0].rstrip("0")
    else:
        bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    module = 1.3
    profile = profile_of(bits, module, smear * module)
    assert linear_fit.read(profile, 3.0, *expected_extent(bits, module)) == (symbology.upper(), VIN)


@pytest.mark.parametrize(("smear", "inside"), [(3.0, 6), (3.5, 4), (3.5, 6)])
def test_the_cost_does_not_favour_longer_smears_where_an_end_is_misplaced(smear, inside):
    """A heavy smear fades Code 39's first thin bar into its quiet zone, and `extent` finds the start
    a few modules inside: the smear whose fit costs least is still the nearest to the true one
    (before, each fit's residual was measured against its own fitted ink depth, which a smoother
    model deepens: 4 came out cheapest for 3, 5 and 6 for 3.5)."""
    bits = barcode.get_barcode_class("code39")(VIN, add_checksum=False).build()[0].rstrip("0")
    table, count = linear_fit.CODE39_SYMBOLOGY, len(VIN) + 2
    start, end = expected_extent(bits, 1.3)
    geometry = linear_fit.Geometry(start + inside * 1.3 * 3, end)
    module = (geometry.end - geometry.start) / table.modules(count)
    profile = profile_of(bits, 1.3, smear * 1.3)
    costs = {
        trial: linear_fit.fit(profile, table, count, geometry, 1.8, trial * module, reach=8, final=False).cost
        for trial in (1.5, 3.0, 4.0, 5.0, 6.0)
    }
    assert abs(min(costs, key=costs.__getitem__) - smear) <= 0.5


@pytest.mark.parametrize("module", [1.0, 1.3, 2.0])
def test_extent_takes_the_quiet_zones_over_nearer_wide_spaces(module):
    """Expected ends 8 modules inside the code, where the wide spaces of the end symbols lie nearer
    than the quiet zones (before, the ends were found 4-14 modules inside)."""
    bits = barcode.get_barcode_class("code39")("I" + VIN, add_checksum=False).build()[0].rstrip("0")
    start, end = expected_extent(bits, module)
    inside = 8 * module * 3
    found = linear_fit.extent(profile_of(bits, module, 0.0), start + inside, end - inside)
    assert found == pytest.approx((start, end), abs=module * 3 / 2)


@pytest.mark.parametrize("module", [1.3, 2.0])
def test_a_start_symbol_left_out_of_the_extent_is_found(module):
    # the label's edge 4 modules before the bars: its quiet zone is no longer than the 4-module space
    # ending Code 128's start B, which then looks like the quiet zone to `extent`
    bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    profile = profile_of(bits, module, 0.0)
    start, end = expected_extent(bits, module)
    profile[: int(start - 4 * module * 3)] = 60
    assert linear_fit.extent(profile, start + 11 * module * 3, end)[0] == pytest.approx(start + 11 * module * 3, abs=3)
    assert linear_fit.read(profile, 3.0, start + 11 * module * 3, end) == ("CODE128", VIN)


@pytest.mark.parametrize("seed", range(3))
def test_a_smeared_stop_symbol_left_out_of_the_extent_is_found(seed):
    # smeared 2.4 modules, the characters are not all sure, but the end symbols fit worse than others
    bits = barcode.get_barcode_class("code128")(VIN).build()[0]
    profile = profile_of(bits, 1.3, 2.4 * 1.3, seed=seed)
    start, end = expected_extent(bits, 1.3)
    assert linear_fit.read(profile, 3.0, start, end - 13 * 1.3 * 3) == ("CODE128", VIN)


def test_the_fit_stops_at_its_deadline():
    bits = barcode.get_barcode_class("code39")(VIN, add_checksum=False).build()[0].rstrip("0")
    profile = profile_of(bits, 1.3, 2.6)
    extent = expected_extent(bits, 1.3)
    assert linear_fit.read(profile, 3.0, *extent, deadline=time.thread_time() + 10.0) == ("CODE39", VIN)
    started = time.thread_time()
    assert linear_fit.read(profile, 3.0, *extent, deadline=started) is None
    assert time.thread_time() - started < 0.005  # one fit at most, not the dozen a read takes


def test_label_holding_no_vin_is_not_read():
    bits = barcode.get_barcode_class("code39")("PART 0042-AB/7 X1", add_checksum=False).build()[0].rstrip("0")
    profile = profile_of(bits, 1.3, 2.0)
    fitted = linear_fit.best_fit(profile, 3.0, *expected_extent(bits, 1.3))
    assert fitted.text == "PART 0042-AB/7 X1"  # read right, but it is no VIN
    assert linear_fit.read(profile, 3.0, *expected_extent(bits, 1.3)) is None


@pytest.mark.parametrize("seed", range(5))
def test_noise_and_stripes_are_not_read(seed):
    rng = np.random.default_rng(seed)
    noise = cv2.GaussianBlur(rng.normal(128, 40, (1, 1500)).astype(np.float32), (0, 0), 2)[0]
    stripes = (128 + 60 * np.sign(np.sin(np.arange(1500) / (3 + seed)))).astype(np.float32)
    for profile in (noise, stripes):
        assert linear_fit.read(profile, 3.0, 150, 1350) is None


@pytest.mark.parametrize("seed", [2, 3])
def test_label_smeared_along_its_bars_is_read_by_the_fit_where_every_view_fails(seed):
    sample = corpus.single(
        "code39",
        VIN,
        kind="vin",
        degradation="motion",
        motion_length=5,
        motion_angle=0,
        px_per_module=2.4,
        roll=2,
        yaw=0,
        pitch=0,
        seed=seed,
    )
    gray = cv2.cvtColor(sample.render(corpus.SD), cv2.COLOR_BGR2GRAY)
    cuts = prepare.RegionCuts(gray, prepare.refine(gray, prepare.find_linear_codes(prepare.texture(gray))[0]))
    views = prepare.linear_views(cuts)
    assert not any(
        s.text == VIN
        for view in views
        for decoder in (ZxingDecoder(), PyzbarDecoder())
        for s in decoder.decode(view, LINEAR)
    )
    profile, start, end = prepare.fit_profile(cuts)
    assert linear_fit.ProfileDecoder(prepare.DEBLUR_UPSCALE, start, end).decode(profile)[0].text == VIN
