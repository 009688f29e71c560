"""The wedge gate: a scanner burst becomes a scan and never reaches the input; typing goes through."""

from scanners.wedge import WedgeDetector
from workshop_tui.ui.wedge import WedgeGate

GAP = 0.035
VIN = "WVWZZZ1KZAW000001"


def gate() -> WedgeGate[str]:
    return WedgeGate(WedgeDetector(max_gap_ms=35, min_length=8), GAP)


def feed(g: WedgeGate[str], text: str, start: float, step: float) -> list[str]:
    released = []
    for i, char in enumerate(text):
        released += g.character(char, char, start + i * step).release
    return released


def test_a_burst_ended_by_enter_is_a_scan_and_nothing_is_released():
    g = gate()
    assert feed(g, VIN, 0.0, 0.004) == []
    decision = g.enter("enter", len(VIN) * 0.004)
    assert decision.scanned == VIN
    assert decision.release == []
    assert not g.holding


def test_human_typing_is_released_in_order_key_by_key():
    g = gate()
    released = feed(g, "72000", 0.0, 0.150)
    assert released == list("7200")  # each gap showed the previous key was typed by a person
    assert g.expire(0.6 + GAP / 2) is None  # too early to tell
    assert g.expire(0.6 + GAP * 2).release == ["0"]


def test_enter_after_human_typing_passes_after_the_held_keys():
    g = gate()
    feed(g, "WVW", 0.0, 0.150)
    decision = g.enter("enter", 0.31)
    assert decision.scanned is None
    assert decision.release == ["W", "enter"]


def test_a_short_fast_burst_is_not_a_scan():
    g = gate()
    feed(g, "1234", 0.0, 0.004)
    decision = g.enter("enter", 0.02)
    assert decision.scanned is None
    assert decision.release == ["1", "2", "3", "4", "enter"]


def test_another_key_releases_what_is_held_before_itself():
    g = gate()
    feed(g, "ab", 0.0, 0.004)
    assert g.other("left").release == ["a", "b", "left"]
    assert not g.holding


def test_a_scan_hands_back_its_keys_with_the_enter_for_a_field_it_was_meant_for():
    g = gate()
    feed(g, "1K0698151A", 0.0, 0.004)
    decision = g.enter("enter", 0.05)
    assert decision.scanned == "1K0698151A"
    assert decision.held == [*"1K0698151A", "enter"]
    assert decision.release == []
