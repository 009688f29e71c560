"""Open drafts: jobs typed and not submitted yet (a car left for tomorrow); Enter opens one."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from ...domain.models import JobDraft
from ...translations import N_, _
from ...translations.formats import Formats
from ..localize import set_columns
from .base import WorkshopScreen


class DraftsScreen(WorkshopScreen):
    CSS_PATH = "drafts.tcss"
    TITLE_KEY = N_("Open drafts")
    BINDINGS = [Binding("escape", "close", "Back", id="back")]

    def __init__(self) -> None:
        super().__init__()
        self.drafts: list[JobDraft] | None = None  # None: loading

    def compose_body(self) -> ComposeResult:
        yield Static(id="drafts-status")
        yield DataTable(id="drafts-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="drafts")
    def _load(self) -> None:
        drafts = self.services.drafts.recent()
        self.app.call_from_thread(self._show, drafts)

    def _show(self, drafts: list[JobDraft]) -> None:
        self.drafts = drafts
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        drafts = self.drafts
        self.query_one("#drafts-status", Static).update(
            Content(_("Loading…") if drafts is None else _("{count} open draft(s).").format(count=len(drafts)))
        )
        table = self.query_one(DataTable)
        set_columns(
            table, ((N_("VIN"), 19), (N_("Odometer"), 11), (N_("Total incl. VAT"), 14), (N_("Job lines"), None))
        )
        for draft in drafts or []:
            table.add_row(
                Content(draft.vin),
                t.km(draft.odometer_km) if draft.odometer_km is not None else "",
                t.amount(draft.total_incl_vat) if draft.total_incl_vat is not None else "",
                Content(" · ".join(draft.job_lines)[:60]),  # as typed, never markup
                key=draft.vin,
            )

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        """The vehicle opens; its job screen brings the draft back."""
        if event.row_key.value is not None:
            self.workshop.open_vehicle(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss()
