"""One step of the sale as a column of labelled fields; typing posts `FieldForm.Typed` upward."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select

from ...domain.sale import Sale
from ...translations import _
from ...translations.formats import Formats
from ..localize import tr
from .fields import CHOICES, Field, Kind, text_of


def row_id(key: str) -> str:
    return "f-" + key.replace(".", "--")


def translated(choices: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Select options (text in the active language, value) from (value, msgid) pairs."""
    return [(_(msgid), value) for value, msgid in choices]


def relabel_select(select: Select, options: list[tuple[str, str]]) -> None:
    """Give `select` its `options` in the new language, keeping its value (and posting no change)."""
    value = select.value
    with select.prevent(Select.Changed):
        select.set_options(options)
        select.value = value


class FieldForm(VerticalScroll, can_focus=False):  # Tab goes from field to field, not to the form
    """The fields of one step; `show` fills them from the sale, `mark` highlights the ones at fault."""

    DEFAULT_CSS = """
    FieldForm { height: 1fr; padding: 0 1; }
    FieldForm > .row { height: auto; }
    FieldForm > .row > Label { width: 32; padding-right: 1; }
    FieldForm > .row > Input, FieldForm > .row > Select { width: 1fr; }
    FieldForm > .row.-gap > Label { color: $text-error; text-style: bold; }
    FieldForm > .row.-gap > Input { background: $error 25%; }
    FieldForm > .row.-invalid > Input { background: $error 40%; text-style: bold; }
    """

    @dataclass
    class Typed(Message):
        key: str
        text: str

    @dataclass
    class Entered(Message):
        """Enter in a field: the screen fetches (Car-Pass ID, trade-in VIN) or moves on."""

        key: str
        text: str

    def __init__(self, fields: Iterable[Field], *, id: str | None = None):
        super().__init__(id=id)
        self.fields = tuple(fields)

    def compose(self) -> ComposeResult:
        for field in self.fields:
            with Horizontal(classes="row", id=row_id(field.key)):
                yield tr(Label(_(field.label), markup=False), content=field.label)
                if field.kind is Kind.CHOICE:
                    yield Select(translated(CHOICES[field.key]), prompt="-", compact=True, name=field.key)
                else:
                    yield Input(compact=True, name=field.key)

    def show(self, sale: Sale, t: Formats) -> None:
        """Fill every field from `sale` (a field typed wrong keeps its text: the status names it)."""
        with self.prevent(Input.Changed, Select.Changed):
            for field in self.fields:
                text = text_of(sale, field.key, t)
                if field.kind is Kind.CHOICE:
                    select = self.query_one(f"#{row_id(field.key)} Select", Select)
                    select.value = text if text else Select.NULL
                else:
                    box = self.query_one(f"#{row_id(field.key)} Input", Input)
                    if not (box.parent is not None and "-invalid" in box.parent.classes) and box.value != text:
                        box.value = text

    def relabel(self, t: Formats) -> None:
        """The choices in the new language (the labels follow by `localize.tr`)."""
        for field in self.fields:
            if field.kind is Kind.CHOICE:
                select = self.query_one(f"#{row_id(field.key)} Select", Select)
                relabel_select(select, translated(CHOICES[field.key]))

    def mark(self, missing: Iterable[str], invalid: Mapping[str, str]) -> None:
        """Highlight the fields in `missing` (and the review's findings), and those typed wrong."""
        missing = set(missing)
        for field in self.fields:
            row = self.query_one(f"#{row_id(field.key)}")
            row.set_class(field.key in missing, "-gap")
            row.set_class(field.key in invalid, "-invalid")

    def focus_field(self, key: str) -> bool:
        for field in self.fields:
            if field.key == key:
                self.query_one(f"#{row_id(key)}").children[1].focus()
                return True
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.input.name or "", event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        self.post_message(self.Typed(event.select.name or "", value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Entered(event.input.name or "", event.value))
