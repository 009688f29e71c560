"""Textual's own leaks and line breaks, mended while Textual has not.

Leaks. Each kept every closed screen or widget alive, with the lines it last drew, and every full
garbage collection walked them (60-76 ms once 10-15 vehicle screens were kept: landing in a scan).

- `StylesCache.get_inner_outer` (textual/_styles_cache.py) is an instance method under
  `functools.lru_cache(1024)`: its key holds `self`, one widget's render cache, until 1,024 others
  have been drawn since (some 25 vehicle screens, 4,400 objects each; Textual issue 6665). Replaced
  when this module is imported: the same two styles, cached on the colours alone.
- A node's watchers of another node's reactive are dropped once closed only when that reactive
  changes next (`Reactive._check_watchers`): `forget_closed_watchers` drops them at once.

Line breaks. Textual wraps text with Rich's `rich._wrap.divide_line`, which breaks at any Unicode
space, no-break spaces too (Rich issue 4196): the French catalog's U+00A0 before `:` did not keep
the colon on the line of `125,00 €`. Its word pattern is replaced when this module is imported: a
word runs on through U+00A0, U+2007 and U+202F (Babel's thousands separator in fr).
"""

from __future__ import annotations

import re
from functools import lru_cache

import rich._wrap
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.dom import DOMNode
from textual.style import Style


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(self: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    """Inner and outer background styles, as Textual's method, without keeping `self`."""
    return _inner_outer(base_background, background)


StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]

_NO_BREAK = "\xa0\u2007\u202f"
rich._wrap.re_word = re.compile(rf"[^\S{_NO_BREAK}]*[\S{_NO_BREAK}]+[^\S{_NO_BREAK}]*")


def forget_closed_watchers(node: DOMNode) -> None:
    """Drop the watchers of `node`'s reactives that belong to closed nodes, as Textual does when one changes."""
    for watchers in getattr(node, "__watchers", {}).values():
        watchers[:] = [(watcher, callback) for watcher, callback in watchers if not watcher._closing]
