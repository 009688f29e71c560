"""The used-vehicle checklist: a heading per group, per point one of three ticks and a remark."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ...domain.checklist import Checklist, CheckState
from ...domain.sale import PointCheck
from ...translations import N_, _, active_language
from ...translations.formats import Formats, formats
from ..localize import tr
from .field_form import relabel_select, translated

STATES = {CheckState.OK: N_("OK"), CheckState.WEAR: N_("Signs of wear"), CheckState.REPAIR: N_("To be repaired")}
CHOICES = [(state.value, msgid) for state, msgid in STATES.items()]
REMARK = N_("Remark")
PROVISIONAL = N_("Provisional list of points, not the official annex: load the official list before production use.")


def point_id(point: str) -> str:
    return "p-" + point.replace(".", "--")


class ChecklistForm(VerticalScroll, can_focus=False):  # Tab goes from point to point
    """Posts `Ticked` with the point's tick and remark whenever either changes.

    Its first group comes with the form, the others are mounted one by one, a frame after each
    other (~600 widgets: they would take seconds under load): `complete` once they all are.
    """

    DEFAULT_CSS = """
    ChecklistForm { height: 1fr; padding: 0 1; }
    ChecklistForm > .notice { color: $text-warning; margin-bottom: 1; }
    ChecklistForm > .group { text-style: bold; margin-top: 1; }
    ChecklistForm > .point { height: auto; }
    ChecklistForm > .point > Label { width: 1fr; padding-right: 1; }
    ChecklistForm > .point > Select { width: 20; }
    ChecklistForm > .point > Input { width: 1fr; margin-left: 1; }
    ChecklistForm > .point.-gap > Label { color: $text-error; text-style: bold; }
    """

    @dataclass
    class Ticked(Message):
        point: str
        tick: PointCheck

    def __init__(self, checklist: Checklist, *, id: str | None = None):
        super().__init__(id=id)
        self.checklist = checklist
        self.complete = False
        self._ticks: dict[str, PointCheck] = {}  # as last shown: for the groups mounted later
        self._missing: set[str] = set()

    def compose(self) -> ComposeResult:
        if self.checklist.provisional:
            yield tr(Static(_(PROVISIONAL), classes="notice", markup=False), content=PROVISIONAL)
        yield from self._group(0)

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_group, 1)

    def _group(self, index: int) -> list[Widget]:
        """The heading and the rows of group `index`, in the active language."""
        language, group = active_language(), self.checklist.groups[index]
        options = translated(CHOICES)
        widgets: list[Widget] = [Label(group.label(language), classes="group", name=group.id, markup=False)]
        for point in group.points:
            label = Label(point.label(language), markup=False)
            tick = Select(options, prompt="-", compact=True, name=point.id)
            remark = tr(Input(compact=True, name=point.id, placeholder=_(REMARK)), placeholder=REMARK)
            widgets.append(Horizontal(label, tick, remark, classes="point", id=point_id(point.id), name=point.id))
        return widgets

    async def _mount_group(self, index: int) -> None:
        if not self.is_attached:  # the sale was closed meanwhile
            return
        if index == len(self.checklist.groups):
            self.complete = True
            return
        language, widgets = active_language(), self._group(index)
        await self.mount_all(widgets)
        rows = [row for row in widgets if row.has_class("point")]
        self._show(rows, self._ticks)
        self._mark(rows)
        if active_language() != language:  # F12 while they were mounted
            self.relabel(formats(active_language()))
        self.call_after_refresh(self._mount_group, index + 1)

    def _rows(self) -> list[Widget]:
        """The points' rows mounted so far."""
        return [row for row in self.query_children(".point") if row.is_mounted]

    def relabel(self, t: Formats) -> None:
        """The groups, the points and the ticks in the new language (notice and remarks: `localize.tr`)."""
        language = t.language
        options = translated(CHOICES)
        for heading in self.query_children(".group").results(Label):
            group = self.checklist.groups_by_id[heading.name or ""]
            heading.update(group.label(language))
        for row in self._rows():
            point = self.checklist.points_by_id[row.name or ""]
            row.query_one(Label).update(point.label(language))
            relabel_select(row.query_one(Select), options)

    def show(self, ticks: dict[str, PointCheck]) -> None:
        self._ticks = ticks
        self._show(self._rows(), ticks)

    def _show(self, rows: Iterable[Widget], ticks: dict[str, PointCheck]) -> None:
        with self.prevent(Input.Changed, Select.Changed):
            for row in rows:
                tick = ticks.get(row.name or "", PointCheck())
                row.query_one(Select).value = tick.state.value if tick.state else Select.NULL
                remark = row.query_one(Input)
                if remark.value != tick.remark:
                    remark.value = tick.remark

    def mark(self, missing: Iterable[str]) -> None:
        self._missing = set(missing)
        self._mark(self._rows())

    def _mark(self, rows: Iterable[Widget]) -> None:
        for row in rows:
            row.set_class(f"checklist.{row.name}" in self._missing, "-gap")

    def _tick(self, row: Horizontal) -> PointCheck:
        value = row.query_one(Select).value
        state = None if value is Select.NULL else CheckState(str(value))
        return PointCheck(state=state, remark=row.query_one(Input).value.strip())

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Ticked(event.select.name or "", self._tick(cast(Horizontal, event.select.parent))))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Ticked(event.input.name or "", self._tick(cast(Horizontal, event.input.parent))))
