"""The vehicle's odometer history: a small chart and the readings, possible rollbacks in red."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Sparkline, Static

from ...domain.mileage import rollbacks
from ...domain.models import Reading
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.labels import READING_SOURCE
from ..localize import set_columns, shown_formats


class MileageHistory(Vertical):
    """Shows `readings` (any order) oldest first; `show` replaces them. The chart needs two
    readings and the table one: without them only the summary line shows."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, classes="mileage")
        self.readings: list[Reading] | None = None

    def compose(self) -> ComposeResult:
        yield Sparkline([], id="mileage-chart")
        yield Static(id="mileage-summary")
        yield DataTable(id="mileage-table", cursor_type="row", zebra_stripes=True)

    def show(self, readings: list[Reading]) -> None:
        self.readings = sorted(readings, key=lambda r: r.on)
        self.query_one(Sparkline).data = [r.km for r in self.readings]
        self.relabel(shown_formats())

    def relabel(self, t: Formats) -> None:
        summary = self.query_one("#mileage-summary", Static)
        table = self.query_one(DataTable)
        set_columns(table, ((N_("Date"), 10), (N_("Odometer"), 10), (N_("Source"), 10), (N_("Note"), 12)))
        self.query_one(Sparkline).display = len(self.readings or []) >= 2
        table.display = bool(self.readings)
        if self.readings is None:
            summary.update(Content(_("Loading the readings…")))
            return
        flagged = rollbacks(self.readings)
        summary.update(
            Content.assemble(
                (
                    _("⚠ {count} reading(s) lower than the one before: possible rollback.").format(count=len(flagged)),
                    "$error bold",
                )
            )
            if flagged
            else Content(
                _("{count} earlier readings.").format(count=len(self.readings))
                if self.readings
                else _("No earlier reading.")
            )
        )
        for reading in reversed(self.readings):
            notes = [_("odometer replaced")] if reading.odometer_replaced else []
            notes += [_("5-digit odometer")] if reading.five_digit_odometer else []
            style = "$error bold" if reading in flagged else ""
            if reading in flagged:
                notes.insert(0, _("⚠ lower"))
            table.add_row(
                Content.styled(t.date(reading.on), style),
                Content.styled(t.km(reading.km), style),
                Content(_(READING_SOURCE[reading.source]) if reading.source in READING_SOURCE else reading.source),
                Content.styled(" · ".join(notes), style),
            )
