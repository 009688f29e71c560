"""Vehicle: the registry record with each field's source, the VIN decoded, the odometer history."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ...domain.vin import check
from ...services.api import CarPassCertificate, VehicleLookup
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.labels import LOOKUP_ORIGIN
from ...translations.render import finding_text
from ..localize import relabel, tr
from ..messages import CarPassRead, ReadingsLoaded, VehicleLooked
from ..visit import Visit
from ..widgets.mileage import MileageHistory
from ..widgets.vehicle_fields import VehicleFieldInput, VehicleFields
from ..widgets.vin_report import decode_line
from .base import WorkshopScreen


def origin_line(lookup: VehicleLookup, t: Formats) -> Content:
    """Where the record came from; when the lookup fell back, the services' note alone, which says
    both why and what is shown (registry down, saved copy of a date shown, fields to type)."""
    if lookup.message:
        return Content.assemble((finding_text(lookup.message), "$warning bold"))
    style = "$warning bold" if lookup.origin != "registry" else "$success bold"
    return Content.assemble((_(LOOKUP_ORIGIN[lookup.origin]), style))


def carpass_line(report: CarPassCertificate, t: Formats) -> Content:
    """What a scanned Car-Pass adds: open recalls and a pending post-accident inspection stand out."""
    parts: list[tuple[str, str] | str] = [(_("Car-Pass {id}:").format(id=report.carpass_id or "—"), "bold")]
    if report.post_accident_inspection_pending:
        parts.append(("  ⚠ " + _("post-accident inspection pending"), "$error bold"))
    for recall in report.open_recalls:
        parts.append(
            (
                "  ⚠ " + _("open recall {reference}:").format(reference=recall.reference) + f" {recall.description}",
                "$warning",
            )
        )
    if len(parts) == 1:
        parts.append(("  " + _("no open recall, no pending inspection."), "$success"))
    return Content.assemble(*parts)


class VehicleScreen(WorkshopScreen):
    """Opened by a scan or a typed VIN; Enter (or F3) goes on to the job."""

    CSS_PATH = ["vehicle.tcss", "../widgets/vehicle_fields.tcss", "../widgets/mileage.tcss"]
    TITLE_KEY = N_("Vehicle")
    BINDINGS = [
        Binding("f3", "open_job", "Job", id="open_job"),
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "next_step", "Next", id="next_step", show=False, priority=True),
    ]

    def __init__(self, visit: Visit):
        super().__init__()
        self.visit = visit

    def compose_body(self) -> ComposeResult:
        with Vertical(id="vehicle-top"):
            yield Static(id="vehicle-vin")
            yield Static(id="vehicle-origin")
            yield Static(id="vehicle-carpass")
        with Horizontal(id="vehicle-body"):
            with tr(VerticalScroll(id="vehicle-record", classes="panel"), border_title=N_("Registration certificate")):
                if self.visit.lookup is not None:  # a cached record, back before the screen opens
                    yield self._fields()
            with tr(Vertical(id="vehicle-history", classes="panel"), border_title=N_("Odometer history")):
                yield MileageHistory()
        with Horizontal(id="vehicle-actions"):
            yield tr(
                Button(id="open-job", variant="primary", disabled=self.visit.lookup is None), label=N_("Job  (Enter)")
            )

    def on_mount(self) -> None:
        """The app looks the vehicle up as it opens this screen: a cached record is in the visit already
        (the screen is built once, with it), any other answer is sent here."""
        if self.visit.lookup is not None:
            self._show_record()
        else:
            self.query_one("#open-job").focus()
        self._load_readings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="readings")
    def _load_readings(self) -> None:
        self.reply(ReadingsLoaded(self.services.vehicles.readings(self.visit.vin)))

    async def on_vehicle_looked(self, message: VehicleLooked) -> None:
        self.visit.take_lookup(message.lookup)
        fields = self._fields()
        await self.query_one("#vehicle-record").mount(fields)
        relabel(fields, self.t)
        self.relabel(self.t)
        self._show_record()

    def _fields(self) -> VehicleFields:
        return VehicleFields(self.visit, self.services.sandbox, id="vehicle-fields")

    def _show_record(self) -> None:
        """The record is in: the job can start, from the first mandatory field still to type."""
        button = self.query_one("#open-job", Button)
        button.disabled = False
        self.refresh_bindings()
        missing = [f"#vehicle-{name}" for name in self.visit.missing_mandatory()]
        self.set_focus(self.query_one(missing[0]) if missing else button)  # now: before auto focus takes the record

    def on_readings_loaded(self, message: ReadingsLoaded) -> None:
        self.visit.readings = message.readings
        self.query_one(MileageHistory).show(message.readings)

    def on_car_pass_read(self, _message: CarPassRead) -> None:
        """The Car-Pass of this vehicle was scanned while it is open (the app put it in the visit)."""
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        report = check(self.visit.vin, self.workshop.today())
        self.query_one("#vehicle-vin", Static).update(
            Content.assemble((self.visit.vin, "bold"), "   ", decode_line(report, t))
        )
        lookup = self.visit.lookup
        self.query_one("#vehicle-origin", Static).update(
            origin_line(lookup, t) if lookup else Content(_("Looking the vehicle up…"))
        )
        carpass = self.query_one("#vehicle-carpass", Static)
        carpass.display = self.visit.carpass is not None
        if self.visit.carpass is not None:
            carpass.update(carpass_line(self.visit.carpass, t))

    @on(VehicleFieldInput.Edited)
    def _save_typed_field(self) -> None:
        self.workshop.save_vehicle_later(self.visit)

    def action_next_step(self) -> None:
        """Enter on the Job button opens the job; in a typed field it goes to the next mandatory
        field still empty (Tab visits the others), then to the job.

        A priority binding: the app acts while it handles the Enter itself, so keys typed right
        after it reach the next field, or wait for the job screen.
        """
        current = self.focused
        if not isinstance(current, VehicleFieldInput):
            self.action_open_job()
            return
        missing = self.visit.missing_mandatory()
        inputs = list(self.query(VehicleFieldInput))
        later = inputs[inputs.index(current) + 1 :] + inputs if current in inputs else inputs
        following = next((i for i in later if i.field_name in missing and i is not current), None)
        if following is not None:
            self.set_focus(following)
        else:
            self.action_open_job()

    @on(Button.Pressed, "#open-job")
    def action_open_job(self) -> None:
        if self.visit.loaded:
            self.workshop.open_job(self.visit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_job":
            return self.visit.loaded or None
        if action == "next_step":
            return isinstance(self.focused, VehicleFieldInput) or (
                self.focused is not None and self.focused.id == "open-job" and self.visit.loaded
            )
        return True

    def action_back(self) -> None:
        self.workshop.show_scan()
