"""The used-vehicle checklist: a heading per group, per point one of three ticks and a remark."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from ...domain.checklist import Checklist, CheckState
from ...domain.sale import PointCheck
from ...translations import N_, _, active_language
from ...translations.formats import Formats
from ..localize import tr
from .field_form import relabel_select, translated

STATES = {CheckState.OK: N_("OK"), CheckState.WEAR: N_("Signs of wear"), CheckState.REPAIR: N_("To be repaired")}
CHOICES = [(state.value, msgid) for state, msgid in STATES.items()]
REMARK = N_("Remark")
PROVISIONAL = N_("Provisional list of points, not the official annex: load the official list before production use.")


def point_id(point: str) -> str:
    return "p-" + point.replace(".", "--")


class ChecklistForm(VerticalScroll, can_focus=False):  # Tab goes from point to point
    """Posts `Ticked` with the point's tick and remark whenever either changes."""

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

    def compose(self) -> ComposeResult:
        language = active_language()
        if self.checklist.provisional:
            yield tr(Static(_(PROVISIONAL), classes="notice", markup=False), content=PROVISIONAL)
        options = translated(CHOICES)
        for group in self.checklist.groups:
            yield Label(group.labels.get(language) or group.id, classes="group", name=group.id, markup=False)
            for point in group.points:
                with Horizontal(classes="point", id=point_id(point.id)):
                    yield Label(point.labels.get(language) or point.id, markup=False)
                    yield Select(options, prompt="-", compact=True, name=point.id)
                    yield tr(Input(compact=True, name=point.id, placeholder=_(REMARK)), placeholder=REMARK)

    def relabel(self, t: Formats) -> None:
        """The groups, the points and the ticks in the new language (notice and remarks: `localize.tr`)."""
        language = t.language
        options = translated(CHOICES)
        groups = {group.id: group for group in self.checklist.groups}
        for heading in self.query_children(".group").results(Label):
            group = groups[heading.name or ""]
            heading.update(group.labels.get(language) or group.id)
        for point in self.checklist.points:
            row = self.query_one(f"#{point_id(point.id)}")
            row.query_one(Label).update(point.labels.get(language) or point.id)
            relabel_select(row.query_one(Select), options)

    def show(self, ticks: dict[str, PointCheck]) -> None:
        with self.prevent(Input.Changed, Select.Changed):
            for point in self.checklist.points:
                tick = ticks.get(point.id, PointCheck())
                row = self.query_one(f"#{point_id(point.id)}")
                row.query_one(Select).value = tick.state.value if tick.state else Select.NULL
                remark = row.query_one(Input)
                if remark.value != tick.remark:
                    remark.value = tick.remark

    def mark(self, missing: Iterable[str]) -> None:
        missing = set(missing)
        for point in self.checklist.points:
            self.query_one(f"#{point_id(point.id)}").set_class(f"checklist.{point.id}" in missing, "-gap")

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
