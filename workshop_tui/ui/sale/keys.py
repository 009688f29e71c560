"""The sale desk's key bindings, described in the active language."""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from ...translations import N_, _

KEYS = {  # binding id -> msgid
    "sale-previous": N_("Previous"),
    "sale-next": N_("Next"),
    "sale-review": N_("Review"),
    "sale-print": N_("Print"),
    "sale-back": N_("Back"),
    "sale-stock": N_("Stock"),
    "sale-add": N_("Add to stock"),
    "sale-remove": N_("Remove"),
}


def describe_bindings(node: DOMNode) -> None:
    """The node's sale desk bindings described in the active language (Binding is frozen: replaced)."""
    bindings = node._bindings.key_to_bindings
    for key, entries in list(bindings.items()):
        bindings[key] = [dataclasses.replace(b, description=_(KEYS[b.id])) if b.id in KEYS else b for b in entries]
