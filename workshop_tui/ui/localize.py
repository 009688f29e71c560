"""Re-labelling the widgets when the language changes, without rebuilding the screens.

`tr(widget, placeholder="scan.vin.placeholder")` records which attribute of a widget shows
which message; `relabel(root, t)` applies the current language to a whole tree: recorded
attributes, widgets that know how to relabel themselves (`Relabels`), and key bindings.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, TypeVar, runtime_checkable

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from ..i18n import Translator

W = TypeVar("W", bound=Widget)
_KEYS = "_workshop_i18n"


@runtime_checkable
class Relabels(Protocol):
    def relabel(self, t: Translator) -> None:
        """Show this widget's texts in `t`'s language."""


def tr(widget: W, **attributes: str) -> W:
    """Record that `widget.<attribute>` shows message `key`; "content" means `Static.update`."""
    setattr(widget, _KEYS, {**getattr(widget, _KEYS, {}), **attributes})
    return widget


def _apply_keys(widget: Widget, t: Translator) -> None:
    for attribute, key in getattr(widget, _KEYS, {}).items():
        text = t(key)
        if attribute == "content" and isinstance(widget, Static):
            widget.update(text)
        else:
            setattr(widget, attribute, text)


def relabel_bindings(node: DOMNode, t: Translator) -> None:
    """Describe the node's bindings in `t`'s language: message `binding.<id>` for each id.

    Textual reads a binding's description from the node's own bindings map (the footer, the
    keys panel), and `Binding` is frozen, so the map's entries are replaced, never mutated.
    """
    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - no public setter for descriptions
    for key, entries in list(bindings.items()):
        bindings[key] = [
            dataclasses.replace(b, description=t(f"binding.{b.id}")) if b.id and t.has(f"binding.{b.id}") else b
            for b in entries
        ]


def relabel(root: DOMNode, t: Translator) -> None:
    """Apply the current language to `root` and everything below it."""
    for node in root.walk_children(with_self=True):
        relabel_bindings(node, t)
        if isinstance(node, Widget):
            _apply_keys(node, t)
        if isinstance(node, Relabels):
            node.relabel(t)
