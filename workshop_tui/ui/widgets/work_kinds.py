"""The kinds of work done, as a checklist (space or Enter ticks the highlighted one)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...domain.work import WorkKind
from ...translations import _
from ...translations.formats import Formats
from ...translations.labels import WORK


class WorkKindList(SelectionList[WorkKind]):
    def __init__(self, selected: Iterable[WorkKind] = (), *, id: str | None = None):
        chosen = set(selected)
        super().__init__(*(Selection(kind.value, kind, kind in chosen) for kind in WorkKind), id=id)

    @property
    def kinds(self) -> list[WorkKind]:
        """The ticked kinds in list order."""
        ticked = set(self.selected)
        return [kind for kind in WorkKind if kind in ticked]

    def relabel(self, t: Formats) -> None:
        for index, kind in enumerate(WorkKind):
            self.replace_option_prompt_at_index(index, _(WORK[kind.value]))
