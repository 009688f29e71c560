"""The widget of each step of the sale, built when the step is first shown (a sale opens with one)."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from ...domain.checklist import Checklist
from ...translations import N_, _
from ..localize import tr
from .checklist_form import ChecklistForm
from .field_form import FieldForm
from .fields import STEPS
from .review_panel import ReviewPanel

FIND_CUSTOMER = N_("Find a customer: name or VAT number")
NO_CHECKLIST = N_("No checklist is loaded.")


def step_widget(name: str, checklist: Checklist | None) -> Widget:
    """The widget of step `name` (its id), empty: the screen fills it from the sale once mounted."""
    if name == "buyer":
        search = Input(compact=True, id="customer-search", placeholder=_(FIND_CUSTOMER))
        found = OptionList(id="customer-found")
        found.display = False
        return Vertical(
            tr(search, placeholder=FIND_CUSTOMER), found, FieldForm(STEPS[name][1], id="buyer-fields"), id=name
        )
    if name in STEPS:
        return FieldForm(STEPS[name][1], id=name)
    if name == "checklist":
        if checklist is None:
            return tr(Static(_(NO_CHECKLIST), id=name), content=NO_CHECKLIST)
        return ChecklistForm(checklist, id=name)
    return ReviewPanel(id=name)
