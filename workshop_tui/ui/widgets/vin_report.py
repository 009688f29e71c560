"""What the VIN says about itself: errors in words as you type, then maker, country, model year."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain.vin import VinReport
from ...translations import _
from ...translations.formats import Formats
from ...translations.render import finding_text
from ..localize import shown_formats


def decode_line(report: VinReport, t: Formats) -> Content:
    """'Volkswagen · Germany · model year 2010 or 1980' (unknown parts left out)."""
    parts = [p for p in (report.manufacturer, report.country and t.country(report.country)) if p]
    if report.model_years:
        parts.append(_("model year {years}").format(years=t.list([str(y) for y in report.model_years], "or")))
    return Content(" · ".join(parts) if parts else _("manufacturer not known"))


def report_content(report: VinReport, t: Formats) -> Content:
    if not report.vin:
        return Content(
            _("Scan the VIN (windscreen, door pillar, registration certificate) or type it and press Enter.")
        )
    lines: list[Content] = []
    if report.valid:
        lines.append(Content.assemble(("✔ " + _("Valid VIN") + "  ", "$success bold"), decode_line(report, t)))
    else:
        lines.append(
            Content.assemble(
                (f"{report.vin}  ", "bold"), (_("{count} characters").format(count=len(report.vin)), "$text-muted")
            )
        )
        lines.extend(Content.assemble(("✖ ", "$error bold"), (finding_text(e), "$error")) for e in report.errors)
    return Content("\n").join(lines)


class VinReportView(Static):
    """Shows one `VinReport`; `show(None)` clears it."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, classes="vin-report")
        self.report: VinReport | None = None

    def show(self, report: VinReport | None) -> None:
        self.report = report
        self.relabel(shown_formats())

    def relabel(self, t: Formats) -> None:
        self.update(
            report_content(self.report, t)
            if self.report
            else Content(
                _("Scan the VIN (windscreen, door pillar, registration certificate) or type it and press Enter.")
            )
        )
