"""History: the jobs recorded at this terminal, found by VIN, customer or date; exported as CSV."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.widgets import DataTable, Input, Label, Static

from ... import paperwork
from ...locations import data_dir
from ...services.api import HistoryRow, SearchRefused
from ...translations import N_, _, active_language
from ...translations.formats import Formats
from ...translations.labels import OUTBOX_STATE
from ...translations.render import render
from ..localize import set_columns, tr
from ..messages import HistoryExported, HistoryFound
from ..parsing import ParseError, parse_date
from .base import WorkshopScreen

SEARCH_DELAY_S = 0.3


class HistoryScreen(WorkshopScreen):
    CSS_PATH = "history.tcss"
    TITLE_KEY = N_("History")
    OPENED_BY = "history"
    BINDINGS = [
        Binding("f9", "export", "Export CSV", id="export"),
        Binding("escape", "close", "Back", id="back"),
    ]

    rows: var[list[HistoryRow] | None] = var(None, init=False, always_update=True)  # None: searching
    exported: var[Path | None] = var(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.date_error: str | None = None
        self.search_refused: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="history-search", classes="form-row"):
            yield tr(Input(id="history-query"), placeholder=N_("VIN, plate or customer"))
            yield tr(Label(classes="history-label"), content=N_("from"))
            yield Input(id="history-since", placeholder="01/01/2026", max_length=10)
            yield tr(Label(classes="history-label"), content=N_("to"))
            yield Input(id="history-until", placeholder="31/12/2026", max_length=10)
        yield Static(id="history-status")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#history-query").focus()
        self._search("", None, None)

    def _criteria(self) -> tuple[str, date | None, date | None] | None:
        """What to search for; None (and a message) while a date cannot be read."""
        try:
            since = parse_date(self.query_one("#history-since", Input).value)
            until = parse_date(self.query_one("#history-until", Input).value)
        except ParseError as error:
            self.date_error = error.key
            return None
        self.date_error = None
        return self.query_one("#history-query", Input).value.strip(), since, until

    @on(Input.Changed)
    def _search_soon(self) -> None:
        criteria = self._criteria()
        self.relabel(self.t)
        if criteria is not None:
            self.set_timer(SEARCH_DELAY_S, lambda: self._search_if_unchanged(criteria))

    def _search_if_unchanged(self, criteria: tuple[str, date | None, date | None]) -> None:
        if self._criteria() == criteria:
            self._search(*criteria)

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def _search(self, query: str, since: date | None, until: date | None) -> None:
        try:
            self.reply(HistoryFound(self.services.history.search(query, since, until)))
        except SearchRefused as refused:
            self.app.call_from_thread(self._refused, refused)

    def _refused(self, refused: SearchRefused) -> None:
        """A search text the services refuse (too long, a NUL): said in words, nothing searched."""
        self.search_refused = render(refused.code, {"limit": refused.limit} if refused.limit else None)
        self.rows = []

    def on_history_found(self, message: HistoryFound) -> None:
        self.search_refused = None
        self.rows = message.rows

    def action_export(self) -> None:
        if self.rows:
            self._export(list(self.rows), self.workshop.today())

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-export")
    def _export(self, rows: list[HistoryRow], today: date) -> None:
        entries = paperwork.history_entries(self.services, job_ids={row.job_id for row in rows})
        folder = data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"history-{today.isoformat()}.csv"
        self.reply(HistoryExported(paperwork.write_export(entries, active_language(), path)))

    def on_history_exported(self, message: HistoryExported) -> None:
        self.exported = message.path

    def watch_rows(self) -> None:
        self.relabel(self.t)

    def watch_exported(self) -> None:
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        status = self.query_one("#history-status", Static)
        if self.date_error:
            status.update(Content.styled(f"✖ {_(self.date_error)}", "$error"))
        elif self.search_refused:
            status.update(Content.styled(f"✖ {self.search_refused}", "$error"))
        elif self.exported:
            status.update(Content.styled(_("Exported: {path}").format(path=str(self.exported)), "$accent"))
        else:
            status.update(
                Content(_("Searching…") if self.rows is None else _("{count} job(s).").format(count=len(self.rows)))
            )
        table = self.query_one(DataTable)
        set_columns(
            table,
            (
                (N_("Date"), 10),
                (N_("VIN"), 19),
                (N_("Plate"), 10),
                (N_("Customer"), 22),
                (N_("Odometer"), 11),
                (N_("Total incl. VAT"), 14),
                (N_("Reported"), 12),
                (N_("State"), None),
            ),
        )
        for row in self.rows or []:
            table.add_row(
                t.date(row.on),
                Content(row.vin),
                Content(row.license_plate),
                Content(row.customer or ""),  # a person's name: drawn as typed, never markup
                t.km(row.odometer_km),
                t.amount(Decimal(row.total_incl_vat)),
                _("yes") if row.must_report else _("no"),
                _(OUTBOX_STATE[row.state]) if row.state else "",
                key=str(row.job_id),
            )

    def action_close(self) -> None:
        self.dismiss()
