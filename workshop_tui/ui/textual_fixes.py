"""Textual's own leaks and line breaks, mended while Textual has not.

Leaks. Each kept every closed screen or widget alive, with the lines it last drew, and every full
garbage collection walked them (60-76 ms once 10-15 vehicle screens were kept: landing in a scan).

- `StylesCache.get_inner_outer` (textual/_styles_cache.py) is an instance method under
  `functools.lru_cache(1024)`: its key holds `self`, one widget's render cache, until 1,024 others
  have been drawn since (some 25 vehicle screens, 4,400 objects each; Textual issue 6665). Replaced
  when this module is imported: the same two styles, cached on the colours alone.
- A node's watchers of another node's reactive are dropped once closed only when that reactive
  changes next (`Reactive._check_watchers`): `forget_closed_watchers` drops them at once.
- A thread worker running a plain function sets `active_worker` in the context of the executor
  thread it runs on (`Worker._run_threaded`), where it stays after the work: the worker, its node
  (a screen, with everything on it) lived till another worker ran on that thread, and which thread
  ran which worker decided whether one or two vehicle screens were kept. Replaced when this module is
  imported: the same, the function run in a context of its own, dropped after.

Line breaks. Textual wraps text with Rich's `rich._wrap.divide_line`, which breaks at any Unicode
space, no-break spaces too (Rich issue 4196): the French catalog's U+00A0 before `:` did not keep
the colon on the line of `125,00 €`. Its word pattern is replaced when this module is imported: a
word runs on through U+00A0, U+2007 and U+202F (Babel's thousands separator in fr).
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import re
from functools import lru_cache
from typing import Any

import rich._wrap
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.dom import DOMNode
from textual.style import Style
from textual.worker import Worker, active_worker


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(self: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    """Inner and outer background styles, as Textual's method, without keeping `self`."""
    return _inner_outer(base_background, background)


StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]

_textual_run_threaded = Worker._run_threaded


async def _run_threaded(self: Worker[Any]) -> Any:
    """Textual's `Worker._run_threaded`; a plain function is run in a new context, not the thread's own."""
    work = self._work
    if (
        not callable(work)
        or inspect.iscoroutinefunction(work)
        or inspect.iscoroutinefunction(getattr(work, "func", None))
    ):
        return await _textual_run_threaded(self)  # coroutines run in a task of their own already

    def run() -> Any:
        active_worker.set(self)
        return work()

    return await asyncio.get_running_loop().run_in_executor(None, contextvars.Context().run, run)


Worker._run_threaded = _run_threaded  # type: ignore[method-assign]

_NO_BREAK = "\xa0\u2007\u202f"
rich._wrap.re_word = re.compile(rf"[^\S{_NO_BREAK}]*[\S{_NO_BREAK}]+[^\S{_NO_BREAK}]*")


def forget_closed_watchers(node: DOMNode) -> None:
    """Drop the watchers of `node`'s reactives that belong to closed nodes, as Textual does when one changes."""
    for watchers in getattr(node, "__watchers", {}).values():
        watchers[:] = [(watcher, callback) for watcher, callback in watchers if not watcher._closing]
