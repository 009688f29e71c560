"""The sandbox's Car-Pass: observations, their workflow, idempotency and vehicle history reports.

Everything lives in memory behind one lock; `reset()` goes back to the seed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from ..services.contract import (
    ELECTRONIC_CORRECTIONS_ALLOWED,
    CorrectionRequest,
    DescriptionRequest,
    ErrorCode,
    MileageRecord,
    Model,
    ObservationRequest,
    ObservationStatus,
    Reading,
    StatusResult,
    VehicleHistoryReport,
    normalise_carpass_id,
    standard_activities,
)
from .protocol import ApiError
from .seed import Seed, SeedVehicle
from .workflow import Assessment, MileageHistory, assess, reading_day

SESSION_SOURCE = "workshop"


@dataclass
class Observation:
    guid: str
    establishment: str
    idempotency_key: str | None
    received_at: datetime
    request: ObservationRequest
    vin: str | None  # None: the plate named no known vehicle
    assessment: Assessment
    acknowledgement: str | None = None
    error_number: str | None = None
    recorded: MileageRecord | None = None  # the reading added to the vehicle's history
    description: DescriptionRequest | None = None
    corrections: list[CorrectionRequest] = field(default_factory=list)
    status_reads: int = 0

    def current_status(self) -> ObservationStatus:
        """ONGOING until described, then the interim statuses one read each, then the verdict."""
        if self.description is None:
            return ObservationStatus.ONGOING
        interim = self.assessment.interim
        return interim[self.status_reads] if self.status_reads < len(interim) else self.assessment.verdict

    def status_result(self) -> StatusResult:
        status = self.current_status()
        return StatusResult(
            request_guid=self.guid,
            status=status,
            acknowledgement_number=self.acknowledgement if status is ObservationStatus.ACCEPTED else None,
            error_number=self.error_number if status is ObservationStatus.REJECTED else None,
            issues=list(self.assessment.issues) if status is ObservationStatus.REJECTED else [],
            corrections_used=len(self.corrections),
        )


class AdminObservation(Model):
    """What the admin endpoint shows of one received observation."""

    request_guid: str
    establishment_number: str
    idempotency_key: str | None
    received_at: datetime
    observation: ObservationRequest
    description: DescriptionRequest | None
    corrections: list[CorrectionRequest]
    status: ObservationStatus
    status_reads: int


def _fingerprint(model: Model) -> str:
    return model.model_dump_json()


class CarPassLedger:
    """All Car-Pass state of one sandbox; every public method is thread-safe."""

    def __init__(self, seed: Seed, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self._seed = seed
        self._by_vin = seed.by_vin()
        self._by_plate = seed.by_plate()
        self._by_carpass_id = seed.by_carpass_id()
        self._activity_codes = frozenset(row.activity.code for row in standard_activities())
        self._clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._observations: dict[str, Observation] = {}
            self._keys: dict[tuple[str, str, str], tuple[str, str]] = {}  # (who, what, key) -> (fingerprint, guid)
            self._history = {v.vin: MileageHistory(v.mileage_history) for v in self._seed.vehicles}
            self._acknowledgements = count(1)
            self._error_numbers = count(1)

    # -- POST /observation -------------------------------------------------------------------

    def submit(self, establishment: str, key: str | None, request: ObservationRequest) -> str:
        """Record an observation; the same key and body again return the first one's GUID."""
        fingerprint = _fingerprint(request)
        with self._lock:
            replayed = self._replay(establishment, "observation", key, fingerprint)
            if replayed:
                return replayed
            observation = Observation(
                guid=str(uuid.uuid4()),
                establishment=establishment,
                idempotency_key=key,
                received_at=self._clock(),
                request=request,
                vin=None,
                assessment=Assessment(),
            )
            self._judge(observation, request, request.vin or self._vin_of_plate(request.license_plate))
            self._observations[observation.guid] = observation
            self._remember(establishment, "observation", key, fingerprint, observation.guid)
            return observation.guid

    def _vin_of_plate(self, plate: str | None) -> str | None:
        vehicle = self._by_plate.get(plate) if plate else None
        return vehicle.vin if vehicle else None

    def _replay(self, establishment: str, what: str, key: str | None, fingerprint: str) -> str | None:
        if key is None:
            return None
        known = self._keys.get((establishment, what, key))
        if known is None:
            return None
        if known[0] != fingerprint:
            raise ApiError(
                422, ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used for another request."
            )
        return known[1]

    def _remember(self, establishment: str, what: str, key: str | None, fingerprint: str, guid: str) -> None:
        if key is not None:
            self._keys[(establishment, what, key)] = (fingerprint, guid)

    def _judge(self, observation: Observation, reading: Reading, vin: str | None) -> None:
        """Assess `reading` of `vin` for the observation; an accepted one joins the vehicle's history."""
        if observation.recorded:  # a correction replaces the reading first recorded
            self._history[observation.vin or ""].remove(observation.recorded)
            observation.recorded = None
        observation.vin = vin
        history = self._history.setdefault(vin, MileageHistory()) if vin else MileageHistory()
        observation.assessment = assess(reading, vin, self._by_vin.get(vin or ""), history, self._clock())
        observation.status_reads = 0
        if observation.assessment.accepted:
            observation.recorded = MileageRecord(
                on=reading_day(reading), km=reading.odometer_value, source=SESSION_SOURCE
            )
            history.add(observation.recorded)
            observation.acknowledgement = observation.acknowledgement or f"{next(self._acknowledgements):010d}"
        else:
            observation.error_number = f"E{next(self._error_numbers):09d}"

    # -- per observation -----------------------------------------------------------------------

    def _get(self, establishment: str, guid: str) -> Observation:
        observation = self._observations.get(guid)
        if observation is None or observation.establishment != establishment:
            raise ApiError(404, ErrorCode.OBSERVATION_NOT_FOUND, f"No observation {guid} for this establishment.")
        return observation

    def describe(self, establishment: str, guid: str, description: DescriptionRequest) -> StatusResult:
        """Attach (or replace) the work description; return the status a read would show now.

        That answer is not a status read: interim statuses still move on only with GET status.
        """
        unknown = sorted(set(description.activity_codes) - self._activity_codes)
        if unknown:
            raise ApiError(
                400, ErrorCode.VALIDATION_ERROR, "Unknown activity codes.", [f"activityCodes: {c}" for c in unknown]
            )
        with self._lock:
            observation = self._get(establishment, guid)
            observation.description = description
            return observation.status_result()

    def read_status(self, establishment: str, guid: str) -> StatusResult:
        """The current status; each read moves an interim status (DIV, review) one step on."""
        with self._lock:
            observation = self._get(establishment, guid)
            result = observation.status_result()
            if observation.description is not None and not result.status.is_final:
                observation.status_reads += 1
            return result

    def correct(self, establishment: str, guid: str, key: str | None, correction: CorrectionRequest) -> None:
        """Apply the one electronic correction; the same key and body again change nothing."""
        with self._lock:
            observation = self._get(establishment, guid)
            if self._replay(establishment, f"correction:{guid}", key, _fingerprint(correction)):
                return
            if len(observation.corrections) >= ELECTRONIC_CORRECTIONS_ALLOWED:
                raise ApiError(
                    409,
                    ErrorCode.CORRECTION_LIMIT,
                    "The electronic correction has been used: a signed correction form is required.",
                )
            observation.corrections.append(correction)
            self._judge(observation, correction, correction.vin or observation.vin)
            self._remember(establishment, f"correction:{guid}", key, _fingerprint(correction), guid)

    # -- vehicle history reports ---------------------------------------------------------------

    def report(self, establishment: str, guid: str) -> VehicleHistoryReport:
        with self._lock:
            observation = self._get(establishment, guid)
            if observation.current_status() is not ObservationStatus.ACCEPTED:
                raise ApiError(
                    409, ErrorCode.REPORT_NOT_AVAILABLE, "The report is available once the observation is accepted."
                )
            return self._report(observation.vin or "")

    def report_by_carpass_id(self, carpass_id: str) -> VehicleHistoryReport:
        vehicle = self._by_carpass_id.get(normalise_carpass_id(carpass_id))
        if vehicle is None:
            raise ApiError(404, ErrorCode.CARPASS_NOT_FOUND, "No Car-Pass with this ID.")
        with self._lock:
            return self._report(vehicle.vin)

    def _report(self, vin: str) -> VehicleHistoryReport:
        vehicle = self._by_vin.get(vin) or SeedVehicle(vin=vin)
        record = vehicle.registry
        return VehicleHistoryReport(
            vin=vin,
            carpass_id=vehicle.carpass_id,
            make=record.make if record else None,
            model=(record.commercial_name or record.version) if record else None,
            euro_norm=vehicle.euro_norm,
            co2_grams_per_km=vehicle.co2_grams_per_km,
            post_accident_inspection_pending=vehicle.post_accident_inspection_pending,
            open_recalls=vehicle.open_recalls,
            first_belgian_registration=record.first_belgian_registration if record else None,
            mileage_history=self._history[vin].records() if vin in self._history else [],
            generated_at=self._clock(),
        )

    # -- admin -----------------------------------------------------------------------------------

    def observations(self) -> list[AdminObservation]:
        with self._lock:
            return [
                AdminObservation(
                    request_guid=o.guid,
                    establishment_number=o.establishment,
                    idempotency_key=o.idempotency_key,
                    received_at=o.received_at,
                    observation=o.request,
                    description=o.description,
                    corrections=o.corrections,
                    status=o.current_status(),
                    status_reads=o.status_reads,
                )
                for o in self._observations.values()
            ]
