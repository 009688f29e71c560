"""No label, checkbox, radio button or button is cut, on any main screen, at 80x24 and 120x36, in the
three languages: every word of its text is drawn, and no container clips it sideways."""

from __future__ import annotations

import pytest
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget

from .scenes import SCENES
from .test_snapshots import SIZES

pytestmark = pytest.mark.anyio

TEXT_WIDGETS = "Label, Checkbox, RadioButton, Button"


def cut_texts(screen: Screen) -> list[str]:
    """The texts on `screen` that are not drawn whole (a widget scrolled out of view is not cut)."""
    cut = []
    shown = screen._compositor.visible_widgets
    for widget in screen.query(TEXT_WIDGETS):
        if widget not in shown:
            continue
        region, clip = shown[widget]
        visible = region.intersection(clip)
        if not visible.area:
            continue
        text = str(widget.render())
        if visible.width < region.width or not drawn_whole(widget, region.size, text):
            cut.append(text)
    return cut


def drawn_whole(widget: Widget, size: Size, text: str) -> bool:
    drawn = " ".join(strip.text for strip in widget.render_lines(Region(0, 0, *size)))
    return all(word in drawn for word in text.split())


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
async def test_no_text_is_cut(make_app, scene, language, size):
    app = make_app(language)
    async with app.run_test(size=SIZES[size]) as pilot:
        await SCENES[scene](pilot)
        assert cut_texts(app.screen) == []
