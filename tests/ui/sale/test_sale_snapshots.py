"""Each sale desk screen in French, Dutch and English at 80x24 and 120x36 (real services, sandbox).

Update after a deliberate change with: pytest tests/ui/sale/test_sale_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from .conftest import SIZES, app_for
from .scenes import SCENES


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_sale_screen(snap_compare, services, scene, language, size):
    assert snap_compare(app_for(services, language), terminal_size=SIZES[size], run_before=SCENES[scene])
