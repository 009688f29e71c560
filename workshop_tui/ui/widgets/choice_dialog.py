"""A question with a few answers as buttons, over the current screen (quit with unsent readings,
leave the settings with unsaved edits)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ChoiceDialog(ModalScreen[str]):
    """Returns the key of the answer chosen; Escape gives the last answer (the one that changes nothing).

    `choices` are (key, label) pairs, labels already in the UI language; the question is drawn literally.
    """

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    #choice-dialog { width: 70; max-width: 100%; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    #choice-question { width: 1fr; height: auto; margin-bottom: 1; }
    #choice-buttons { height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str]]):
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog"):
            yield Label(Content(self.question), id="choice-question")
            with Horizontal(id="choice-buttons"):
                for key, label in self.choices:
                    yield Button(
                        Content(label),
                        id=f"choice-{key}",
                        variant="primary" if key == self.choices[0][0] else "default",
                    )

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][0])
