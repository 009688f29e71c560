"""The messages of the UI: small dataclasses, posted by workers and widgets, handled on the UI thread.

Every source of codes (wedge scanner, camera) posts the same `CodeScanned`; each service call
made in a worker posts its result as one message (a stale worker posts nothing, see
`WorkshopScreen.reply`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message

from scanners.codes import CodeRead

if TYPE_CHECKING:  # the service models load with the services, after the first screen is drawn
    from scanners.camera import Status

    from ..config import Settings
    from ..domain.data_quality import DataQuality
    from ..domain.models import Customer, JobDraft, Reading, SubmissionView
    from ..services.api import CarPassCertificate, HistoryRow, VehicleLookup


@dataclass
class CodeScanned(Message):
    """A code was read and accepted, by the wedge scanner or the camera."""

    read: CodeRead
    via: Literal["wedge", "camera"]


@dataclass
class CameraStatus(Message):
    """The camera loop's state changed (opened, reading, lost, no camera...)."""

    status: Status


@dataclass
class CameraFrame(Message):
    """A new camera frame waits for the preview (the app keeps only the newest)."""


@dataclass
class CarPassRead(Message):
    """The services fetched the Car-Pass whose QR code was scanned; None: Car-Pass does not know it."""

    carpass_id: str
    certificate: CarPassCertificate | None


@dataclass
class VehicleLooked(Message, bubble=False):
    lookup: VehicleLookup


@dataclass
class ReadingsLoaded(Message, bubble=False):
    readings: list[Reading]


@dataclass
class DraftLoaded(Message, bubble=False):
    draft: JobDraft | None


@dataclass
class JobSubmitted(Message, bubble=False):
    """Recorded; `view` is None when the job needed no report."""

    view: SubmissionView | None


@dataclass
class JobRefused(Message, bubble=False):
    """The services refused the job: every problem (findings or texts) and the fields at fault;
    `confirm`: the codes to confirm when only those stopped it."""

    problems: list[Any]
    fields: list[str]
    confirm: list[str] = field(default_factory=list)


@dataclass
class SubmissionPolled(Message, bubble=False):
    view: SubmissionView


@dataclass
class DocumentReady(Message, bubble=False):
    kind: str
    path: Path


@dataclass
class OutboxLoaded(Message, bubble=False):
    views: list[SubmissionView]


@dataclass
class HistoryFound(Message, bubble=False):
    rows: list[HistoryRow]


@dataclass
class HistoryExported(Message, bubble=False):
    path: Path


@dataclass
class CustomersFound(Message, bubble=False):
    """The customers a search found: the customer screen's, and the sale desk's buyer step."""

    customers: list[Customer]


@dataclass
class CustomerCreated(Message, bubble=False):
    customer: Customer


@dataclass
class BackendsChecked(Message, bubble=False):
    status: dict[str, str | None]


@dataclass
class SettingsSaved(Message):
    """Posted by the settings screen; the app takes the new settings (language, company name)."""

    settings: Settings
    restart: bool


@dataclass
class DataQualityLoaded(Message, bubble=False):
    """This site's data quality, read by a worker."""

    quality: DataQuality
