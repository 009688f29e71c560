"""Text that comes from a person, a file or a remote service, made safe to write into a document."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BeforeValidator

# Bidirectional overrides and isolates can make a printed name read differently from what was typed.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACING_CONTROLS = "\t\n\v\f\r\x85"


def clean(value: object) -> object:
    """A string without control characters (tabs and line breaks become a space); others unchanged."""
    if not isinstance(value, str):
        return value
    out = []
    for ch in _BIDI_CONTROLS.sub("", value):
        category = unicodedata.category(ch)
        if ch in _SPACING_CONTROLS or category in ("Zl", "Zp"):
            out.append(" ")
        elif category != "Cc":
            out.append(ch)
    return "".join(out)


Text = Annotated[str, BeforeValidator(clean)]
"""A string field of a document model: cleaned when the model is built."""
