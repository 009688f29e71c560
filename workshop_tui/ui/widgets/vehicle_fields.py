"""The registration-certificate fields of the vehicle, each with its source; empty ones typed inline."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from ...domain.models import Source
from ...translations import _
from ...translations.formats import Formats
from ...translations.labels import FIELD, FIELD_SOURCE
from ..localize import shown_formats
from ..parsing import ParseError
from ..visit import VEHICLE_FIELDS, Visit, parse_vehicle_field


class VehicleFieldInput(Input):
    """Types one registry field; posts `Edited` with the parsed value, marks itself when invalid."""

    class Edited(Message):
        def __init__(self, name: str, value: object):
            super().__init__()
            self.name = name
            self.value = value

    def __init__(self, name: str, text: str = ""):
        super().__init__(value=text, id=f"vehicle-{name}", classes="vehicle-field-input")
        self.field_name = name
        self.error_key: str | None = None

    @on(Input.Changed)
    def _parse(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = parse_vehicle_field(self.field_name, event.value)
        except ParseError as error:
            value, self.error_key = None, error.key  # what cannot be read is not taken
        else:
            self.error_key = None
        self.set_class(self.error_key is not None, "-invalid")
        self.post_message(self.Edited(self.field_name, value))
        self.relabel(shown_formats())

    def relabel(self, t: Formats) -> None:
        self.placeholder = _("type it")
        self.tooltip = _(self.error_key) if self.error_key else None


def shown_value(visit: Visit, name: str, t: Formats) -> str:
    value = getattr(visit.record, name) if visit.record else None
    if value is None:
        return ""
    if name == "max_mass_kg":
        return f"{t.number(value)} kg"
    if hasattr(value, "isoformat"):
        return t.date(value)
    return str(value)


def source_badge(source: Source | None, sandbox: bool, t: Formats) -> str:
    """'registry', 'copy' (cached), 'typed'; with sandbox services every fetched field says SANDBOX."""
    if source is None:
        return _("missing")
    if sandbox and source is not Source.TYPED:
        return _("SANDBOX")
    return _(FIELD_SOURCE[source.value])


CODE_WIDTH, NAME_WIDTH, VALUE_WIDTH = 6, 26, 18


def badge_style(source: Source | None, sandbox: bool) -> str:
    if source is None:
        return "$error bold"
    if source is Source.TYPED:
        return "$warning"
    return "$error" if sandbox else "$text-muted"


class VehicleFieldLine(Static):
    """A field the registry gave: code, name, value and source on one line."""

    def __init__(self, visit: Visit, name: str, code: str, sandbox: bool):
        super().__init__(id=f"row-{name}", classes="vehicle-row")
        self.visit, self.field_name, self.code, self.sandbox = visit, name, code, sandbox

    def relabel(self, t: Formats) -> None:
        source = self.visit.source(self.field_name)
        self.update(
            Content.assemble(
                (self.code.ljust(CODE_WIDTH), "$text-muted"),
                (_(FIELD[f"vehicle.{self.field_name}"]).ljust(NAME_WIDTH), "bold"),
                shown_value(self.visit, self.field_name, t).ljust(VALUE_WIDTH),
                (f" {source_badge(source, self.sandbox, t)}", badge_style(source, self.sandbox)),
            )
        )


class VehicleFieldRow(Horizontal):
    """A field the registry left empty: code and name, an input, and its source once typed."""

    def __init__(self, visit: Visit, name: str, code: str, sandbox: bool):
        super().__init__(id=f"row-{name}", classes="vehicle-row -editable")
        self.visit, self.field_name, self.code, self.sandbox = visit, name, code, sandbox

    def compose(self) -> ComposeResult:
        yield Label(classes="vehicle-name")
        text = str(getattr(self.visit.record, self.field_name) or "") if self.visit.record else ""
        yield VehicleFieldInput(self.field_name, text)
        yield Label(classes="vehicle-source")

    def relabel(self, t: Formats) -> None:
        name = Content.assemble(
            (self.code.ljust(CODE_WIDTH), "$text-muted"), (_(FIELD[f"vehicle.{self.field_name}"]), "bold")
        )
        self.query_one(".vehicle-name", Label).update(name)
        source = self.visit.source(self.field_name)
        badge = self.query_one(".vehicle-source", Label)
        if self.query_one(VehicleFieldInput).error_key is not None:  # typed but unreadable: not "missing"
            badge.update(Content.styled(" " + _("not valid"), "$error bold"))
        else:
            badge.update(Content.styled(f" {source_badge(source, self.sandbox, t)}", badge_style(source, self.sandbox)))


class VehicleFields(Vertical):
    """All registry fields of `visit`, or only `names` (e.g. the missing mandatory ones)."""

    def __init__(self, visit: Visit, sandbox: bool, names: list[str] | None = None, *, id: str | None = None):
        super().__init__(id=id, classes="vehicle-fields")
        self.visit, self.sandbox = visit, sandbox
        self.names = names

    def compose(self) -> ComposeResult:
        for name, code in VEHICLE_FIELDS:
            if self.names is None or name in self.names:
                row = VehicleFieldRow if self.visit.editable(name) else VehicleFieldLine
                yield row(self.visit, name, code, self.sandbox)

    @on(VehicleFieldInput.Edited)
    def _update_source(self, event: VehicleFieldInput.Edited) -> None:
        self.visit.set_field(event.name, event.value)
        self.query_one(f"#row-{event.name}", VehicleFieldRow).relabel(shown_formats())
