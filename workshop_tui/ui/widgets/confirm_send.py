"""Asks the mechanic to confirm findings before a reading is sent (a lower km, a reading already
reported); dismisses True for "Confirm and send", False to go back and fix the job."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...translations import _


class ConfirmSend(ModalScreen[bool]):
    """`texts`: the findings to confirm, in the UI language, drawn literally."""

    DEFAULT_CSS = """
    ConfirmSend { align: center middle; }
    #confirm-dialog { width: 72; max-width: 100%; height: auto; padding: 1 2; background: $surface; border: thick $warning; }
    #confirm-texts { height: auto; margin-bottom: 1; }
    #confirm-buttons { height: auto; }
    #confirm-buttons Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "back", "Back"), Binding("f10", "confirm", "Confirm and send")]

    def __init__(self, texts: list[str]):
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            lines = [Content.styled(_("Check before sending:"), "bold"), *(Content(f"? {t}") for t in self.texts)]
            yield Static(Content("\n").join(lines), id="confirm-texts")
            with Horizontal(id="confirm-buttons"):
                yield Button(_("Confirm and send  (F10)"), id="confirm-send", variant="warning")
                yield Button(_("Back  (Esc)"), id="confirm-back")

    def on_mount(self) -> None:
        self.query_one("#confirm-back").focus()  # a stray Enter must not confirm

    @on(Button.Pressed, "#confirm-send")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-back")
    def action_back(self) -> None:
        self.dismiss(False)
