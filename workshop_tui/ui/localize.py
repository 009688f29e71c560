"""Drawing the widgets' texts in the active language, without rebuilding the screens.

`tr(widget, placeholder=N_("VIN, 17 characters"))` records which attribute of a widget shows
which msgid; `relabel(root, t)` applies the active language (`translations.activate`) to a whole
tree: recorded attributes, and widgets that know how to relabel themselves (`Relabels`, given
the language's formats). Screens call it when the app's `language` reactive changes
(`FollowsLanguage`); key bindings are described by msgids, translated where they are drawn
(`widgets.footer`).
"""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static

from ..translations import _, active_language
from ..translations.formats import Formats, formats

W = TypeVar("W", bound=Widget)
_MSGIDS = "_workshop_i18n"


@runtime_checkable
class Relabels(Protocol):
    def relabel(self, t: Formats) -> None:
        """Show this widget's texts in the active language (`t`: its formats)."""


def tr(widget: W, **attributes: str) -> W:
    """Record that `widget.<attribute>` shows msgid; "content" means `Static.update`."""
    setattr(widget, _MSGIDS, {**getattr(widget, _MSGIDS, {}), **attributes})
    return widget


def _apply_msgids(widget: Widget) -> None:
    for attribute, msgid in getattr(widget, _MSGIDS, {}).items():
        text = _(msgid)
        if attribute == "content" and isinstance(widget, Static):
            widget.update(Content(text))
        else:
            setattr(widget, attribute, text)


def set_columns(table: DataTable, columns: tuple[tuple[str, int | None], ...]) -> None:
    """Clear `table` and give it `columns` (msgid, width; None: as wide as the cells), headed in the
    active language, each at least as wide as its heading ("Nummerplaat" is longer than a plate)."""
    table.clear(columns=True)
    for msgid, width in columns:
        heading = _(msgid)
        table.add_column(heading, width=None if width is None else max(width, len(heading)))


def shown_formats() -> Formats:
    """The formats of the language the screens show (the app's `language`, activated)."""
    return formats(active_language())


def relabel(root: DOMNode, t: Formats) -> None:
    """Apply the active language to `root` and everything below it."""
    for node in root.walk_children(with_self=True):
        if isinstance(node, Widget):
            _apply_msgids(node)
        if isinstance(node, Relabels):
            node.relabel(t)


class FollowsLanguage(Screen):
    """A screen drawn again in the new language (`relabel`) when the app's `language` reactive changes.

    Its `on_mount` is called by Textual after a subclass's own (every class of the MRO gets the
    event): a subclass does not call it with `super()`, or the screen would follow twice.
    """

    def on_mount(self) -> None:
        self.watch(self.app, "language", lambda _language: relabel(self, shown_formats()), init=False)
