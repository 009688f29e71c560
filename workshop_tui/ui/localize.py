"""Re-labelling the widgets when the language changes, without rebuilding the screens.

`tr(widget, placeholder=N_("VIN, 17 characters"))` records which attribute of a widget shows
which msgid; `relabel(root, t)` applies the active language (`translations.activate`) to a whole
tree: recorded attributes, widgets that know how to relabel themselves (`Relabels`, given the
language's formats), and key bindings.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, TypeVar, runtime_checkable

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from ..translations import _
from ..translations.formats import Formats
from ..translations.labels import BINDING

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
            widget.update(text)
        else:
            setattr(widget, attribute, text)


def relabel_bindings(node: DOMNode) -> None:
    """Describe the node's bindings in the active language (`labels.BINDING` by binding id).

    Textual reads a binding's description from the node's own bindings map (the footer, the
    keys panel), and `Binding` is frozen, so the map's entries are replaced, never mutated.
    """
    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - no public setter for descriptions
    for key, entries in list(bindings.items()):
        bindings[key] = [
            dataclasses.replace(b, description=_(BINDING[b.id])) if b.id in BINDING else b for b in entries
        ]


def relabel(root: DOMNode, t: Formats) -> None:
    """Apply the active language to `root` and everything below it."""
    for node in root.walk_children(with_self=True):
        relabel_bindings(node)
        if isinstance(node, Widget):
            _apply_msgids(node)
        if isinstance(node, Relabels):
            node.relabel(t)
