"""The one electronic correction: never for a reading Car-Pass already has."""

import pytest

from workshop_tui.domain.lifecycle import SubmissionState, can_correct, needs_paper

REJECTED = SubmissionState.REJECTED


@pytest.mark.parametrize(
    ("state", "used", "issues", "correct", "paper"),
    [
        (REJECTED, 0, ["1001: below the previous reading"], True, False),
        (REJECTED, 0, ["1003: 72,000 km on 2026-11-23 has already been reported."], False, False),
        (REJECTED, 0, ["1001: below", "1003: already reported"], False, False),
        (REJECTED, 1, ["1001: below"], False, True),
        (SubmissionState.PAPER_REQUIRED, 1, [], False, True),
        (SubmissionState.NEEDS_FIXING, 0, [], False, False),
    ],
)
def test_correction_and_paper(state, used, issues, correct, paper):
    assert can_correct(state, used, issues) is correct
    assert needs_paper(state, used) is paper
