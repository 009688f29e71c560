"""The command palette: every key binding of the moment, by its localized name, and the languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..translations import LANGUAGE_NAMES, _


class WorkshopCommands(Provider):
    """Commands mirror the bindings (so palette and footer always agree), plus one per language."""

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        seen: set[str] = set()
        for namespace, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or not binding.id or binding.id == "palette" or binding.id in seen:
                continue
            seen.add(binding.id)
            key = self.app.get_key_display(binding)
            yield _(binding.description), partial(self.app.run_action, binding.action, namespace), key
        for code, name in LANGUAGE_NAMES.items():
            yield (
                _("Language: {language}").format(language=name),
                partial(self.app.run_action, f"app.set_language({code!r})"),
                code.upper(),
            )

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
