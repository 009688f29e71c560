"""The vehicle's odometer history: a small chart and the readings, possible rollbacks in red."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Sparkline, Static

from ...domain.mileage import rollbacks
from ...domain.models import Reading
from ...i18n import Translator


class MileageHistory(Vertical):
    """Shows `readings` (any order) oldest first; `show` replaces them."""

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
        self.relabel(self.app.t)

    def relabel(self, t: Translator) -> None:
        summary = self.query_one("#mileage-summary", Static)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for label, width in (("mileage.date", 10), ("mileage.km", 10), ("mileage.source", 10), ("mileage.note", 12)):
            table.add_column(t(label), width=width)
        if self.readings is None:
            summary.update(t("mileage.loading"))
            return
        flagged = rollbacks(self.readings)
        summary.update(
            Content.assemble((t("mileage.rollbacks", count=len(flagged)), "$error bold"))
            if flagged
            else Content(t("mileage.count", count=len(self.readings)) if self.readings else t("mileage.none"))
        )
        for reading in reversed(self.readings):
            notes = [t("mileage.replaced")] if reading.odometer_replaced else []
            notes += [t("mileage.five_digit")] if reading.five_digit_odometer else []
            style = "$error bold" if reading in flagged else ""
            if reading in flagged:
                notes.insert(0, t("mileage.rollback"))
            table.add_row(
                Content.styled(t.date(reading.on), style),
                Content.styled(t.km(reading.km), style),
                t(f"reading.source.{reading.source}") if t.has(f"reading.source.{reading.source}") else reading.source,
                Content.styled(" · ".join(notes), style),
            )
