"""In sandbox mode the scan screen offers demo VINs, each one the sandbox knows with the property it
is offered for; Enter on one opens that vehicle. Outside the sandbox, no demo."""

import pytest
from textual.widgets import OptionList

from workshop_tui.sandbox.seed import load_seed
from workshop_tui.ui.demo_vins import DEMO_VINS
from workshop_tui.ui.screens.vehicle import VehicleScreen

from .helpers import SIZE, settle

pytestmark = pytest.mark.anyio

SEED = load_seed().by_vin()


def rolled_back(vin: str) -> bool:
    km = [m.km for m in sorted(SEED[vin].mileage_history, key=lambda m: m.on)]
    return km != sorted(km)


PROPERTY = {
    "WVWZZZCDZMW517853": lambda vin: SEED[vin].accepted_as_is,
    "VF1RFB006H5371534": lambda vin: SEED[vin].registry is not None and SEED[vin].registry.model_year is None,
    "VF3LBHNZ2FS178721": rolled_back,
    "WDB906633KS835351": lambda vin: (
        (SEED[vin].registry.max_mass_kg or 0) > 3_500 and SEED[vin].registry.eu_category == "N2"
    ),
    "W0LPF7E1494100095": lambda vin: SEED[vin].carpass.destroyed,
}


def test_every_demo_vin_is_in_the_seed_with_the_property_it_is_offered_for():
    assert [vin for vin, _case in DEMO_VINS] == list(PROPERTY)
    for vin, holds in PROPERTY.items():
        assert vin in SEED and holds(vin), vin


async def test_enter_on_a_demo_vin_opens_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        demos = app.screen.query_one("#demo-vins", OptionList)
        assert demos.option_count == len(DEMO_VINS)
        demos.focus()
        demos.highlighted = 2
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == "VF3LBHNZ2FS178721"


async def test_outside_the_sandbox_no_demo_is_offered(make_app, services):
    services.sandbox = False
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query("#demo-vins")
