"""This site's data quality on the outbox screen: the share of readings refused or corrected over
the last 12 months against Car-Pass's 0.5 % "Trusted Provider" threshold, and the refusals by cause."""

from __future__ import annotations

from decimal import Decimal

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ...domain.data_quality import DataQuality
from ...translations import _, active_language
from ...translations.formats import Formats, formats

ISSUE_PREFIX = "CARPASS_ISSUE_"


def percent(share: Decimal, t: Formats) -> str:
    """0.0042 -> '0.42 %' in the language's decimal mark."""
    return f"{t.decimal(share * 100)} %"


def cause_text(cause: str) -> str:
    """A cause of `DataQuality.by_cause` in words; the service's own codes are shown as they are."""
    if cause.startswith(ISSUE_PREFIX):
        return _("Car-Pass issue {number}").format(number=cause.removeprefix(ISSUE_PREFIX))
    if cause == "CORRECTED":
        return _("corrected")
    return cause


def quality_text(quality: DataQuality, t: Formats) -> Content:
    """The figure, the threshold, and the causes, most frequent first."""
    share = quality.share
    if share is None:
        return Content(_("Data quality: no reading sent in the last 12 months."))
    head = _(
        "Data quality, last 12 months: {share} refused or corrected ({count} of {total}); Trusted Provider under {limit}."
    ).format(
        share=percent(share, t),
        count=quality.discrepancies,
        total=quality.readings,
        limit=percent(quality.threshold, t),
    )
    style = "$success" if quality.within_threshold else "$error bold"
    causes = sorted(quality.by_cause.items(), key=lambda item: (-item[1], item[0]))
    lines = [Content.styled(head, style)]
    if causes:
        lines.append(
            Content(
                _("By cause: {causes}").format(causes=", ".join(f"{cause_text(c)} ({t.number(n)})" for c, n in causes))
            )
        )
    return Content("\n").join(lines)


class DataQualityLine(Static):
    """Set `quality` (None while loading); drawn literally in the active language."""

    quality: reactive[DataQuality | None] = reactive(None)

    def watch_quality(self, quality: DataQuality | None) -> None:
        self.relabel(formats(active_language()))

    def relabel(self, t: Formats) -> None:
        self.update(quality_text(self.quality, t) if self.quality is not None else Content(_("Data quality: loading…")))
