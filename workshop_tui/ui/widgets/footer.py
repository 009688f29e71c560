"""The footer of key bindings, in the active language, rebuilt once per burst of binding changes.

Binding descriptions are English msgids (`Binding("f3", "open_job", N_("Job"))`): the footer
draws each through the catalog, and is rebuilt when the app's `language` reactive changes.

Opening a screen moves the focus and enables bindings several times in a row; Textual's footer
rebuilds all its keys after each change, which makes opening a screen noticeably slower on a
modest workshop PC. This one schedules a single rebuild for the whole burst.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's key widget (not re-exported)

from ...translations import _


class WorkshopFooter(Footer):
    """Compact, so that every binding of a screen fits on one line at 120 columns."""

    _rebuild_pending = False

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "language", lambda _language: self.bindings_changed(self.screen), init=False)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                name = widget.action.rpartition(".")[2].partition("(")[0]  # "step(-1)" -> "step"
                widget.add_class(f"-action-{name}")  # narrow screens hide some (app.tcss)
                if widget.description:
                    widget.description = _(widget.description)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self._rebuild_pending or not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self._rebuild_pending = True
        self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
