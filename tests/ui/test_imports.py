"""The imports under ui/ run one way: screens and widgets never import the app (no import cycle)."""

from __future__ import annotations

import pytest

grimp = pytest.importorskip("grimp")  # import-linter's graph library (the lint tools)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = stack[stack.index(v) :]
            del stack[stack.index(v) :]
            if len(component) > 1:
                found.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_under_ui():
    graph = grimp.build_graph("workshop_tui")
    ui = {m for m in graph.modules if m.startswith("workshop_tui.ui")}
    edges = {m: graph.find_modules_directly_imported_by(m) & ui for m in ui}
    assert cycles(edges) == []


def test_no_screen_or_widget_imports_the_app():
    graph = grimp.build_graph("workshop_tui")
    importers = graph.find_modules_that_directly_import("workshop_tui.ui.app")
    assert {m for m in importers if m.startswith(("workshop_tui.ui.screens", "workshop_tui.ui.widgets"))} == set()


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
