"""Steps built when first shown, the checklist group by group: each shows the sale as it is then."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, Select

from workshop_tui.domain.checklist import CheckState
from workshop_tui.domain.sale import PointCheck
from workshop_tui.translations import translations
from workshop_tui.ui.sale.checklist_form import ChecklistForm
from workshop_tui.ui.sale.field_form import FieldForm

from .conftest import GOLF, SIZES, app_for, open_sale, show_step, until

pytestmark = pytest.mark.anyio


async def test_a_sale_opens_with_its_step_only_and_builds_the_others_filled(services):
    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        assert [form.id for form in screen.query(FieldForm)] == ["vehicle"]
        assert not screen.query(ChecklistForm)
        screen.sale = screen.sale.model_copy(update={"signature_place": "Bruxelles"})  # not shown yet
        await show_step(pilot, screen, "terms")
        assert screen.query_one("#f-signature_place Input", Input).value == "Bruxelles"


async def test_the_checklist_comes_group_by_group_with_the_ticks_and_the_language_of_the_moment(services):
    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        points = screen.context.checklist.points
        ticks = {p.id: PointCheck(state=CheckState.WEAR, remark=f"r{i}") for i, p in enumerate(points)}
        screen.sale = screen.sale.model_copy(update={"checklist": ticks})
        screen.step = "checklist"
        await until(pilot, lambda: any(form.is_mounted for form in screen.query(ChecklistForm)))
        form = screen.query_one(ChecklistForm)
        await pilot.press("f12")  # while the groups are mounted
        await until(pilot, lambda: form.complete)
        await pilot.pause(0.1)
        gettext = translations("fr").gettext
        rows = list(form.query(".point"))
        assert [row.name for row in rows] == [p.id for p in points]
        for row, point in zip(rows, points, strict=True):
            tick = row.query_one(Select)
            assert (tick.value, row.query_one(Input).value) == ("wear", ticks[point.id].remark)
            assert str(row.query_one(Label).render()) == point.labels["fr"]
            assert str(tick.query_one("SelectCurrent #label").render()) == gettext("Signs of wear")
            assert row.query_one(Input).placeholder == gettext("Remark")
