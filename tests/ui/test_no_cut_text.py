"""No line of text (a label or any other Static), checkbox, radio button or button is cut, on any
main screen, at 80x24 and 120x36, in the three languages: every word of its text is drawn, and no
container clips it (a row of fixed height cuts a text that wraps). Nor is a short value in an input
(a date, an amount, a number), an empty input's placeholder (what to type) or a table's column
heading."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input

from .scenes import SCENES
from .test_snapshots import SIZES

pytestmark = pytest.mark.anyio

TEXT_WIDGETS = "Static, Checkbox, RadioButton, Button"  # Static: every line of text, labels included
SHORT_VALUE = 12  # characters: a date, an amount, a km reading is read whole; a longer one (a URL) may scroll


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
        if visible.width < region.width or clipped_by_parent(widget) or not drawn_whole(widget, region.size, text):
            cut.append(text)
    for field in screen.query(Input):
        if field in shown and 0 < len(field.value) <= SHORT_VALUE and len(field.value) >= field.content_size.width:
            cut.append(field.value)
        if field in shown and not field.value and cell_len(field.placeholder) >= field.content_size.width:
            cut.append(field.placeholder)
    for table in screen.query(DataTable):
        if table in shown:
            cut += [c.label.plain for c in table.columns.values() if not c.auto_width and c.label.cell_len > c.width]
    return cut


def clipped_by_parent(widget: Widget) -> bool:
    """Taller than its container, which hides the rest (a scroll view would scroll to it instead)."""
    parent = widget.parent
    return (
        isinstance(parent, Widget)
        and parent.styles.overflow_y == "hidden"
        and not parent.region.contains_region(widget.region)
    )


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
