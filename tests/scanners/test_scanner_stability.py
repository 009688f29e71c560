"""Camera reads are reported once stable, and once per vehicle."""

from scanners.codes import classify
from scanners.stability import StabilityFilter

EUROPEAN = classify("CODE39", "WVWZZZ1JZXW000001")
NORTH_AMERICAN = classify("CODE39", "1HGCM82633A004352")
CARPASS = classify("QRCODE", "482311907756")


def feed_all(stability, reads, start=0.0, step=0.1):
    return [stability.feed(read, start + i * step) for i, read in enumerate(reads)]


def test_two_consecutive_frames_make_a_read_stable():
    assert feed_all(StabilityFilter(), [EUROPEAN, EUROPEAN]) == [None, EUROPEAN]


def test_two_reads_among_smeared_frames_make_a_read_stable():
    """A hand-held camera smears frames in between: the sharp ones still add up."""
    assert feed_all(StabilityFilter(), [CARPASS, None, None, CARPASS]) == [None, None, None, CARPASS]
    assert feed_all(StabilityFilter(), [EUROPEAN, CARPASS, EUROPEAN]) == [None, None, EUROPEAN]


def test_reads_further_apart_than_the_window_do_not_agree():
    reads = [EUROPEAN, None, None, None, EUROPEAN, None, None, None, EUROPEAN]
    assert feed_all(StabilityFilter(agree=2, window=4), reads) == [None] * len(reads)
    assert feed_all(StabilityFilter(window_s=1.0), [EUROPEAN, EUROPEAN], step=1.5) == [None, None]


def test_a_single_misread_among_good_reads_is_never_reported():
    misread = classify("CODE39", "WVWZZZ1JZXW000007")
    results = feed_all(StabilityFilter(), [misread, EUROPEAN, EUROPEAN, None, EUROPEAN])
    assert [r for r in results if r] == [EUROPEAN]


def test_valid_north_american_check_digit_is_accepted_at_once():
    assert feed_all(StabilityFilter(), [NORTH_AMERICAN]) == [NORTH_AMERICAN]


def test_same_vehicle_fires_once_while_in_view():
    stability = StabilityFilter(quiet_s=5.0)
    results = feed_all(stability, [EUROPEAN] * 100, step=0.1)  # ten seconds in front of the camera
    assert [r for r in results if r] == [EUROPEAN]


def test_same_vehicle_fires_again_after_being_out_of_sight():
    stability = StabilityFilter(quiet_s=5.0)
    assert feed_all(stability, [EUROPEAN, EUROPEAN], start=0.0) == [None, EUROPEAN]
    assert feed_all(stability, [EUROPEAN, EUROPEAN], start=4.0) == [None, None]  # seen 4 s later: same visit
    assert feed_all(stability, [None, EUROPEAN, EUROPEAN], start=9.2) == [None, None, EUROPEAN]


def test_another_vehicle_is_reported_at_once_when_stable():
    stability = StabilityFilter()
    results = feed_all(stability, [EUROPEAN, EUROPEAN, CARPASS, CARPASS])
    assert results == [None, EUROPEAN, None, CARPASS]


def test_reset_forgets_everything():
    stability = StabilityFilter()
    feed_all(stability, [EUROPEAN, EUROPEAN])
    stability.reset()
    assert feed_all(stability, [EUROPEAN, EUROPEAN], start=1.0) == [None, EUROPEAN]
