"""Textual's leaks mended in ui.textual_fixes, each shown on a bare Textual app."""

import gc
import weakref

import pytest
from textual.app import App
from textual.screen import Screen

import workshop_tui.ui.textual_fixes  # noqa: F401  (the mending is its import)

pytestmark = pytest.mark.anyio


async def test_a_thread_worker_keeps_nothing_in_its_thread_once_done():
    """Textual set `active_worker` in the executor thread's own context, where the worker, and through
    it the screen that ran it, stayed till another worker ran on that thread."""
    app: App[None] = App()
    async with app.run_test() as pilot:
        screen: Screen[None] = Screen()
        await app.push_screen(screen)
        await screen.run_worker(lambda: None, thread=True).wait()
        gone = weakref.ref(screen)
        await app.pop_screen()
        del screen
        await pilot.pause()
        gc.collect()
        assert gone() is None
