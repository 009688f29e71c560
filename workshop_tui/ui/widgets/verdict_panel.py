"""The live verdict: big enough to read from a step away (compact at 80 columns, see job.tcss), with every
reason and its reference."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...domain.models import JobFacts, Verdict
from ...translations import _
from ...translations.formats import Formats
from ...translations.labels import FIELD
from ..localize import shown_formats
from ..verdict import explain, headline, reporter_line, warnings


class VerdictPanel(Vertical):
    """`show(verdict, facts)` for a decided job, `pending(fields)` while facts are missing."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, classes="verdict")
        self.verdict: Verdict | None = None
        self.facts: JobFacts | None = None
        self.needed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="verdict-headline")
        yield Static(id="verdict-reporter")
        yield Static(id="verdict-reasons")

    def show(self, verdict: Verdict, facts: JobFacts) -> None:
        self.verdict, self.facts, self.needed = verdict, facts, []
        self.relabel(shown_formats())

    def pending(self, needed: list[str]) -> None:
        self.verdict, self.facts, self.needed = None, None, needed
        self.relabel(shown_formats())

    def relabel(self, t: Formats) -> None:
        self.border_title = _("Car-Pass")
        head = self.query_one("#verdict-headline", Static)
        reporter = self.query_one("#verdict-reporter", Static)
        decided = self.verdict is not None and self.facts is not None
        must_report = self.verdict is not None and self.verdict.must_report
        self.set_class(not decided, "-pending")
        self.set_class(decided and must_report, "-report")
        self.set_class(decided and not must_report, "-no-report")
        if self.verdict is None or self.facts is None:
            head.update(Content(_("Verdict follows…")))
            reporter.display = False
            needed = t.list([_(FIELD[name]) for name in self.needed])
            self.query_one("#verdict-reasons", Static).update(
                Content(_("Still needed: {fields}.").format(fields=needed) if needed else "")
            )
            return
        head.update(Content(headline(self.verdict)))
        line = reporter_line(self.verdict)
        reporter.update(Content(line or ""))
        reporter.display = line is not None  # no blank line where there is no one to name
        lines = []
        for reason in explain(self.verdict):
            lines.append(Content.assemble(("• ", "bold"), reason.text))
            lines.append(Content.styled(f"  {reason.reference}", "$text-muted italic"))
        lines.extend(Content.assemble(("⚠ ", "$warning bold"), (w, "$warning")) for w in warnings(self.verdict))
        self.query_one("#verdict-reasons", Static).update(Content("\n").join(lines))
