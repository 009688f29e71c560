"""The review step: every missing field and every finding at once, then what was printed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...domain.findings import Severity
from ...services.sale_api import PrintedVersion, SaleReview
from ...translations import _
from .fields import in_screen_order
from .wording import finding_line, missing_line


class ReviewPanel(VerticalScroll):
    DEFAULT_CSS = """
    ReviewPanel { height: 1fr; padding: 0 1; }
    ReviewPanel > #review-verdict { text-style: bold; margin-bottom: 1; }
    ReviewPanel > #review-verdict.-ready { color: $text-success; }
    ReviewPanel > #review-verdict.-blocked { color: $text-error; }
    ReviewPanel > #review-printed { margin-top: 1; color: $text-success; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="review-verdict")
        yield Static(id="review-lines")
        yield Static(id="review-printed")

    def show(self, review: SaleReview | None) -> None:
        verdict = self.query_one("#review-verdict", Static)
        if review is None:
            verdict.update(_("Checking the sale…"))
            return
        lines = Text()
        points = [key for key in review.missing if key.startswith("checklist.")]
        for key in in_screen_order(review.missing):
            if key not in points:
                lines.append("✗ " + missing_line(key) + "\n", style="bold red")
        if points:
            unticked = _("Checklist: {count} points not ticked.").format(count=len(points))
            lines.append("✗ " + unticked + "\n", style="bold red")
        for finding in review.findings:
            mark, style = ("✗ ", "bold red") if finding.severity is Severity.BLOCK else ("! ", "yellow")
            lines.append(mark + finding_line(finding) + "\n", style=style)
        self.query_one("#review-lines", Static).update(lines)
        verdict.set_class(review.printable, "-ready")
        verdict.set_class(not review.printable, "-blocked")
        if review.printable:
            verdict.update(_("Ready to print: F9 prints the contract and the checklist in two copies."))
        else:
            count = len(review.missing) + sum(f.severity is Severity.BLOCK for f in review.findings)
            verdict.update(_("Not ready to print: {count} problems to solve first.").format(count=count))

    def show_printed(self, version: PrintedVersion | None, paths: list[Path]) -> None:
        text = Text()
        if version is not None:
            text.append(_("Version {version} printed and saved:").format(version=version.version) + "\n")
            for path in paths:
                text.append(str(path) + "\n")
        self.query_one("#review-printed", Static).update(text)
