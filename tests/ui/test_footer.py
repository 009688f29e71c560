"""The footer of keys: rebuilt when its keys change, not after every focus."""

import pytest

from workshop_tui.ui.widgets.footer import WorkshopFooter

from .helpers import SIZE, settle

pytestmark = pytest.mark.anyio


async def test_the_footer_is_rebuilt_only_when_its_keys_change(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(WorkshopFooter)
        rebuilt: list[bool] = []
        recompose = footer.recompose

        def counted():
            rebuilt.append(True)
            return recompose()

        monkeypatch.setattr(footer, "recompose", counted)
        app.screen.refresh_bindings()  # as Textual does after every focus, the keys unchanged
        await settle(pilot)
        assert rebuilt == []
        english = [key.description for key in footer.query("FooterKey")]
        app.action_cycle_language()  # the same keys, in another language
        await settle(pilot)
        assert rebuilt == [True]
        assert [key.description for key in footer.query("FooterKey")] != english


@pytest.mark.parametrize(("key", "action"), [("ctrl+o", "outbox"), ("ctrl+t", "history"), ("ctrl+g", "settings")])
async def test_a_tool_screen_does_not_offer_its_own_key(make_app, key, action):
    """The outbox does not list ^o Outbox, and so on; the other tools' keys stay."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert action in offered(app)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen.OPENED_BY == action
        assert action not in offered(app)
        assert {"outbox", "history", "settings"} - {action} <= offered(app)


def offered(app) -> set[str]:
    """The actions whose keys the footer shows."""
    return {key.action for key in app.screen.query_one(WorkshopFooter).query("FooterKey")}
