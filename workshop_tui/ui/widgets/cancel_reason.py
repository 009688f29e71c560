"""Asks why a reading that was never accepted is withdrawn; dismisses the reason, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...domain.models import SubmissionView
from ...translations import _, active_language
from ...translations.formats import formats

MAX_REASON = 200


class CancelReason(ModalScreen[str | None]):
    """Asked about `view`; the reason is required: "Cancel the reading" does nothing while it is empty."""

    DEFAULT_CSS = """
    CancelReason { align: center middle; }
    #cancel-dialog { width: 72; max-width: 100%; height: auto; padding: 1 2; background: $surface; border: thick $error; }
    #cancel-reason { width: 1fr; }
    #cancel-hint { height: auto; color: $error; }
    #cancel-buttons { height: auto; margin-top: 1; }
    #cancel-buttons Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, view: SubmissionView):
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        title = _("Cancel the reading #{id} ({vin}, {km}): it is never sent.").format(
            id=view.id, vin=view.vin, km=formats(active_language()).km(view.odometer_km)
        )
        with Vertical(id="cancel-dialog"):
            yield Static(title, markup=False)
            yield Label(_("Why is it withdrawn?"))
            yield Input(id="cancel-reason", max_length=MAX_REASON)
            yield Static(id="cancel-hint")
            with Horizontal(id="cancel-buttons"):
                yield Button(_("Cancel the reading"), id="cancel-confirm", variant="error")
                yield Button(_("Back  (Esc)"), id="cancel-back")

    def on_mount(self) -> None:
        self.query_one("#cancel-reason").focus()

    @on(Input.Submitted, "#cancel-reason")
    @on(Button.Pressed, "#cancel-confirm")
    def _confirmed(self) -> None:
        reason = self.query_one("#cancel-reason", Input).value.strip()
        if reason:
            self.dismiss(reason)
        else:
            self.query_one("#cancel-hint", Static).update(_("Type the reason first."))

    @on(Button.Pressed, "#cancel-back")
    def action_back(self) -> None:
        self.dismiss(None)
