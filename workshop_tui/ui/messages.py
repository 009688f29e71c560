"""App-wide messages: every source of codes (wedge scanner, camera) posts the same one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

from scanners.codes import CodeRead

if TYPE_CHECKING:  # the service models load with the services, after the first screen is drawn
    from scanners.camera import Status

    from ..services.contract import VehicleHistoryReport


class CodeScanned(Message):
    """A code was read and accepted, by the wedge scanner or the camera."""

    def __init__(self, read: CodeRead, via: Literal["wedge", "camera"]):
        super().__init__()
        self.read = read
        self.via = via


class CameraStatus(Message):
    """The camera loop's state changed (opened, reading, lost, no camera...)."""

    def __init__(self, status: Status):
        super().__init__()
        self.status = status


class CameraFrame(Message):
    """A new camera frame waits for the preview (the app keeps only the newest)."""


class CarPassRead(Message):
    """The services fetched the Car-Pass whose QR code was scanned."""

    def __init__(self, report: VehicleHistoryReport):
        super().__init__()
        self.report = report
