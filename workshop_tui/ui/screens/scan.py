"""Scan: the camera's state and newest read, and the VIN typed by hand, checked as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.vin import check
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.labels import CODE_KIND, CODE_VIA
from ...translations.render import status_text
from ..demo_vins import DEMO_VINS
from ..keyboard import SCAN_FIELD
from ..localize import tr
from ..widgets.camera import CameraPreview
from ..widgets.vin_report import VinReportView
from .base import WorkshopScreen

VIN_INPUT_MAX = 25  # 17 characters plus the spaces or dashes people type between groups


class ScanScreen(WorkshopScreen):
    """The home screen: scan anywhere in the app, or type the VIN here and press Enter."""

    TITLE_KEY = N_("Scan")
    BINDINGS = [
        Binding("f3", "open_vehicle", "Open vehicle", id="open_vehicle"),
        Binding("f5", "app.restart_camera", "Restart camera", id="camera"),
        Binding("f6", "app.drafts", "Drafts", id="drafts"),
    ]

    def compose_body(self) -> ComposeResult:
        with tr(Vertical(id="scan-camera", classes="panel"), border_title=N_("Camera")):
            yield Static(id="camera-status")
            yield CameraPreview(id="camera-preview")
        with tr(Vertical(id="scan-last", classes="panel"), border_title=N_("Last code read")):
            yield Static(id="last-read")
        with tr(Vertical(id="scan-manual", classes="panel"), border_title=N_("VIN typed by hand")):
            yield tr(
                Input(id="vin-input", classes=SCAN_FIELD, max_length=VIN_INPUT_MAX),
                placeholder=N_("VIN, 17 characters"),
            )
            yield VinReportView(id="vin-report")
        if self.services.sandbox:
            with tr(Vertical(id="scan-demo", classes="panel"), border_title=N_("Sandbox: demo VINs (Enter opens)")):
                yield OptionList(id="demo-vins")
        yield tr(
            Label(id="scan-help"),
            content=N_("The scanner works on every screen: scanning a VIN always opens that vehicle."),
        )

    def on_mount(self) -> None:
        self.watch(self.app, "camera_status", lambda _: self.relabel(self.t), init=False)
        self.watch(self.app, "last_read", lambda _: self.relabel(self.t), init=False)
        self.query_one("#vin-input").focus()

    def relabel(self, t: Formats) -> None:
        for demos in self.query("#demo-vins").results(OptionList):
            highlighted = demos.highlighted
            demos.set_options(Option(Content(f"{vin}  {_(case)}"), id=vin) for vin, case in DEMO_VINS)
            demos.highlighted = highlighted
        status = self.workshop.camera_status
        if status is None:
            self.query_one("#camera-status", Static).update(
                Content(_("No camera configured: use the hand scanner or type the VIN."))
            )
        else:
            self.query_one("#camera-status", Static).update(Content(status_text(status)))
        read = self.workshop.last_read
        if read is None:
            self.query_one("#last-read", Static).update(Content(_("Nothing read yet.")))
            return
        how = f"{_(CODE_KIND[read.kind])} · {read.symbology} · {_(CODE_VIA[self.workshop.last_read_via])}"
        self.query_one("#last-read", Static).update(
            Content.assemble((read.value, "bold $accent"), (f"   {how}", "$text-muted"))
        )

    def show_frame(self, frame: object) -> None:
        self.query_one(CameraPreview).show_frame(frame)

    @on(OptionList.OptionSelected, "#demo-vins")
    def _open_demo(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.workshop.open_vehicle(event.option.id)

    @on(Input.Changed, "#vin-input")
    def _check_as_typed(self, event: Input.Changed) -> None:
        text = event.value
        self.query_one(VinReportView).show(check(text, self.workshop.today()) if text.strip() else None)

    @on(Input.Submitted, "#vin-input")
    def action_open_vehicle(self) -> None:
        report = check(self.query_one("#vin-input", Input).value, self.workshop.today())
        view = self.query_one(VinReportView)
        view.show(report)
        if report.valid:
            self.query_one("#vin-input", Input).clear()
            self.workshop.open_vehicle(report.vin)
