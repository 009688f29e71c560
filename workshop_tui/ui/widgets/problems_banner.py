"""Every reason the job cannot be sent yet, one line each, above the form; hidden when there is none."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class ProblemsBanner(Static):
    """Set `problems` (texts in the active language); the banner draws them literally."""

    problems: reactive[tuple[str, ...]] = reactive(())

    def watch_problems(self, problems: tuple[str, ...]) -> None:
        self.display = bool(problems)
        self.update(Content("\n").join(Content.styled(f"⚠ {text}", "bold") for text in problems))
