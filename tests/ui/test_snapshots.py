"""Every main screen in French, Dutch and English, pinned at 120x40, from the one app factory.

Update after a deliberate change with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

import pytest

from .helpers import SIZE
from .scenes import SCENES


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, make_app, scene, language):
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=SCENES[scene])
