"""Keyboard-wedge detection: scanner bursts are scans, people typing never are."""

from hypothesis import given
from hypothesis import strategies as st

from scanners.wedge import WedgeDetector

VIN = "WVWZZZ1JZXW000001"


def type_text(detector: WedgeDetector, text: str, start: float, gaps_ms, end: str = "\r"):
    """Feed `text` then `end`; gaps_ms[i] is the pause before key i (Enter included)."""
    assert len(gaps_ms) >= len(text) + 1
    t, results = start, []
    for key, gap in zip([*text, end], gaps_ms, strict=False):
        t += gap / 1000
        results.append(detector.feed(key, t))
    return results, t


def test_fast_burst_ended_by_enter_is_a_scan():
    detector = WedgeDetector()
    results, _ = type_text(detector, VIN, 10.0, [5] * 18)
    assert results[:-1] == [None] * 17 and results[-1] == VIN
    assert not detector.is_buffering(10.2) and detector.buffered == ""


def test_enter_may_come_as_newline_or_key_name():
    for enter in ("\n", "\r", "enter"):
        results, _ = type_text(WedgeDetector(), VIN, 0.0, [8] * 18, end=enter)
        assert results[-1] == VIN


def test_characters_are_buffered_only_while_a_scan_is_possible():
    detector = WedgeDetector(max_gap_ms=35)
    detector.feed("W", 1.000)
    detector.feed("V", 1.010)
    assert detector.is_buffering(1.040) and detector.buffered == "WV"
    assert not detector.is_buffering(1.046)  # 36 ms after the last key


def test_short_burst_is_not_a_scan():
    results, _ = type_text(WedgeDetector(min_length=8), "1234567", 0.0, [5] * 8)
    assert results == [None] * 8


def test_a_pause_inside_the_burst_breaks_it():
    detector = WedgeDetector()
    gaps = [5] * 18
    gaps[11] = 36  # one slow gap: the six characters after it alone are too short
    results, _ = type_text(detector, VIN, 0.0, gaps)
    assert results[-1] is None


def test_slow_enter_is_not_a_scan():
    gaps = [5] * 17 + [60]
    results, _ = type_text(WedgeDetector(), VIN, 0.0, gaps)
    assert results[-1] is None


def test_other_keys_end_the_burst():
    detector = WedgeDetector()
    type_text(detector, VIN[:10], 0.0, [5] * 11, end="tab")
    assert detector.buffered == ""
    results, _ = type_text(detector, VIN[10:], 0.06, [5] * 8)
    assert results[-1] is None


def test_reset_forgets_the_burst():
    detector = WedgeDetector()
    type_text(detector, VIN[:12], 0.0, [5] * 13, end="x")
    detector.reset()
    assert detector.feed("\r", 0.07) is None


def test_scans_follow_each_other():
    detector = WedgeDetector()
    first, t = type_text(detector, VIN, 0.0, [4] * 18)
    second, _ = type_text(detector, "1HGCM82633A004352", t + 0.5, [4] * 18)
    assert first[-1] == VIN and second[-1] == "1HGCM82633A004352"


@given(
    text=st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789 ", min_size=1, max_size=40),
    gaps=st.lists(st.floats(min_value=80, max_value=600), min_size=41, max_size=41),
)
def test_a_person_typing_is_never_a_scan(text, gaps):
    """Gaps of 80 ms or more (a fast typist), whatever is typed, Enter included."""
    detector = WedgeDetector()
    results, _ = type_text(detector, text, 0.0, gaps)
    assert results == [None] * (len(text) + 1)


@given(
    text=st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=8, max_size=40),
    gaps=st.lists(st.floats(min_value=0, max_value=34.9), min_size=41, max_size=41),
)
def test_any_fast_enough_burst_of_eight_or_more_is_a_scan(text, gaps):
    """Gaps up to the 35 ms limit (just under: float sums of seconds are not exact)."""
    results, _ = type_text(WedgeDetector(), text, 0.0, gaps)
    assert results[-1] == text
