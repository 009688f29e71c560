"""What the VIN says about itself: errors in words as you type, then maker, country, model year."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain.vin import VinReport
from ...i18n import Translator
from ..domain_text import localize


def decode_line(report: VinReport, t: Translator) -> Content:
    """'Volkswagen · Germany · model year 2010 or 1980' (unknown parts left out)."""
    parts = [p for p in (report.manufacturer, report.country) if p]
    if report.model_years:
        parts.append(t("vin.model_years", years=t.join([str(y) for y in report.model_years], "word.or")))
    return Content(" · ".join(parts) if parts else t("vin.unknown_maker"))


def report_content(report: VinReport, t: Translator) -> Content:
    if not report.vin:
        return Content(t("scan.vin.hint"))
    lines: list[Content] = []
    if report.valid:
        lines.append(Content.assemble((f"✔ {t('vin.valid')}  ", "$success bold"), decode_line(report, t)))
    else:
        lines.append(
            Content.assemble((f"{report.vin}  ", "bold"), (t("vin.count", count=len(report.vin)), "$text-muted"))
        )
        lines.extend(Content.assemble(("✖ ", "$error bold"), (localize(e, t), "$error")) for e in report.errors)
    return Content("\n").join(lines)


class VinReportView(Static):
    """Shows one `VinReport`; `show(None)` clears it."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, classes="vin-report")
        self.report: VinReport | None = None

    def show(self, report: VinReport | None) -> None:
        self.report = report
        self.relabel(self.app.t)

    def relabel(self, t: Translator) -> None:
        self.update(report_content(self.report, t) if self.report else Content(t("scan.vin.hint")))
