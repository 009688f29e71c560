"""The command palette: every key binding of the moment, by its localized name, and the languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..translations import LANGUAGE_NAMES
from ..translations import _
from ..translations.labels import BINDING

if TYPE_CHECKING:
    from .app import WorkshopApp


class WorkshopCommands(Provider):
    """Commands mirror the bindings (so palette and footer always agree), plus one per language."""

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        seen: set[str] = set()
        for namespace, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or not binding.id or binding.id == "palette" or binding.id in seen:
                continue
            seen.add(binding.id)
            key = self.app.get_key_display(binding)
            yield _(BINDING[binding.id]), partial(self.app.run_action, binding.action, namespace), key
        for code, name in LANGUAGE_NAMES.items():
            yield _("Language: {language}").format(language=name), partial(self.workshop.action_set_language, code), code.upper()

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
