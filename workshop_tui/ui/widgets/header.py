"""The top line: app and company name, the screen's title and detail, SANDBOX badge, language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from ...translations import _
from ...translations.formats import Formats


class AppHeader(Horizontal):
    """One line, readable from a step away; the SANDBOX badge shows when the data is not real.

    The company name comes from the settings (typed by a person): it is drawn literally, and
    follows the app's `settings` reactive. The `detail` (a VIN) follows the title, literally too.
    """

    DEFAULT_CSS = """
    AppHeader { dock: top; height: 1; background: $primary; color: $text; }
    #header-title { text-style: bold; padding: 0 1; width: 1fr; }
    #header-company { padding: 0 1; color: $text-muted; }
    #header-sandbox { background: $error; color: $text; text-style: bold; padding: 0 1; margin-right: 1; }
    #header-language { background: $primary-darken-2; text-style: bold; padding: 0 1; }
    """

    def __init__(self, title_key: str, sandbox: bool, detail: str = ""):
        super().__init__(id="app-header")
        self.title_key = title_key
        self.sandbox = sandbox
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Label(id="header-title", markup=False)
        yield Label(id="header-company", markup=False)
        if self.sandbox:
            yield Label("SANDBOX", id="header-sandbox", markup=False)
        yield Label(id="header-language", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "settings", lambda settings: self._show_company(settings.company.name))

    def _show_company(self, name: str) -> None:
        self.query_one("#header-company", Label).update(Content(name))

    def relabel(self, t: Formats) -> None:
        title = " · ".join(part for part in (_("Workshop"), _(self.title_key), self.detail) if part)
        self.query_one("#header-title", Label).update(Content(title))
        self.query_one("#header-language", Label).update(Content(t.language.upper()))
