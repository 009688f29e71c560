"""The review lists what is missing in the order of the steps and of each step's fields."""

from workshop_tui.domain.checklist import Checklist, ChecklistGroup, ChecklistPoint
from workshop_tui.domain.sale import Buyer, BuyerKind, Sale, TradeIn, missing_fields
from workshop_tui.ui.sale.fields import FIELDS, STEP_ORDER, in_screen_order, step_of


def test_an_empty_consumer_sale_is_listed_step_by_step_field_by_field():
    point = ChecklistPoint(id="body.front", labels={"en": "Front"})
    checklist = Checklist("provisional", "test", (ChecklistGroup("body", {"en": "Body"}, (point,)),))
    missing = missing_fields(Sale(buyer=Buyer(kind=BuyerKind.CONSUMER), trade_in=TradeIn()), checklist)
    ordered = in_screen_order(missing)

    steps = [step_of(key) for key in ordered]
    assert steps == sorted(steps, key=STEP_ORDER.index)
    assert steps[0] == "vehicle" and steps[-1] == "checklist"
    on_a_form = [key for key in ordered if key in FIELDS or key == "delivery"]
    positions = [list(FIELDS).index("delivery_on" if key == "delivery" else key) for key in on_a_form]
    assert positions == sorted(positions)
    assert ordered.index("vehicle.displayed_km") > ordered.index("vehicle.first_entry_into_service")
    assert ordered.index("sale_date") < ordered.index("delivery") < ordered.index("documents.registration_request_form")
    assert sorted(ordered) == sorted(missing)
