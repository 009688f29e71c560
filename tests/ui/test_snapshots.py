"""Every main screen in French, Dutch and English, at a counter terminal's 80x24 and at 120x36,
from the one app factory.

Update after a deliberate change with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

import pytest

from .scenes import SCENES

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, make_app, scene, language, size):
    assert snap_compare(make_app(language), terminal_size=SIZES[size], run_before=SCENES[scene])
