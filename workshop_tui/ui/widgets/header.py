"""The top line: app and company name, the screen's title, SANDBOX badge, language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from ...translations.formats import Formats
from ...translations import _


class AppHeader(Horizontal):
    """One line, readable from a step away; the SANDBOX badge shows when the data is not real."""

    def __init__(self, title_key: str, sandbox: bool):
        super().__init__(id="app-header")
        self.title_key = title_key
        self.sandbox = sandbox

    def compose(self) -> ComposeResult:
        yield Label(id="header-title")
        yield Label(id="header-company")
        if self.sandbox:
            yield Label("SANDBOX", id="header-sandbox")
        yield Label(id="header-language")

    def relabel(self, t: Formats) -> None:
        self.query_one("#header-title", Label).update(_("Workshop") + " · " + _(self.title_key))
        self.query_one("#header-company", Label).update(self.app.settings.company.name)
        self.query_one("#header-language", Label).update(t.language.upper())
