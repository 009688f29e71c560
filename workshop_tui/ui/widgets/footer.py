"""The footer of key bindings, in the active language, rebuilt once per burst of binding changes.

Binding descriptions are English msgids (`Binding("f3", "open_job", N_("Job"))`): the footer
draws each through the catalog, and is rebuilt when the app's `language` reactive changes.

Opening a screen moves the focus and enables bindings several times in a row; Textual's footer
rebuilds all its keys after each change, which makes opening a screen noticeably slower on a
modest workshop PC. This one schedules a single rebuild for the whole burst, and none when
the keys it shows have not changed: Textual asks for one after every focus, moved or not (on
the first screen that second rebuild held the start of the services back by some 30-60 ms).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's key widget (not re-exported)

from ...translations import _, active_language
from ..textual_fixes import forget_closed_watchers


class WorkshopFooter(Footer):
    """Compact, so that every binding of a screen fits on one line at 120 columns."""

    _rebuild_pending = False
    _shown: object = None  # what the keys were composed for (None: no key yet)

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "language", lambda _language: self.bindings_changed(self.screen), init=False)

    def _keys(self) -> object:
        """What the keys show: the screen's active bindings (enabled or not, tooltip) and the language."""
        bindings = tuple(
            (key, binding, enabled, tip) for key, (_node, binding, enabled, tip) in self.screen.active_bindings.items()
        )
        return active_language(), bindings

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                name = widget.action.rpartition(".")[2].partition("(")[0]  # "step(-1)" -> "step"
                # -action-: narrow screens hide some (app.tcss). -compact is the class the key's
                # `compact` watcher adds once mounted: given now, each key is styled once, as it mounts.
                widget.add_class(f"-action-{name}", *(["-compact"] if self.compact else []), update=False)
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
        if self.is_attached and self._keys() != self._shown:  # its screen may have closed meanwhile
            await self.recompose()
            forget_closed_watchers(self)  # the keys removed watched `compact`: kept alive till it changes
