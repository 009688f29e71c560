"""A site's data quality as Car-Pass judges it: the share of its readings refused or corrected.

Car-Pass gives its "Trusted Provider" label to firms under 0.5 % discrepancies. Pure: the
counts come from the store (`storage.quality`); the screen words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

TRUSTED_PROVIDER_MAX_SHARE = Decimal("0.005")  # 0.5 %
WINDOW_DAYS = 365  # the last 12 months


@dataclass(frozen=True)
class DataQuality:
    """Readings recorded since `since`, how many were refused or corrected, and why.

    `by_cause` counts readings per cause: `CARPASS_ISSUE_<n>` for a Car-Pass rejection issue
    number, the service's problem code (e.g. `VALIDATION_ERROR`) for a refused body,
    `CORRECTED` for a reading corrected or fixed without a recorded cause. A reading with
    several causes counts once in `discrepancies`, once under each cause.
    """

    since: datetime
    readings: int
    discrepancies: int
    by_cause: dict[str, int] = field(default_factory=dict)
    threshold: Decimal = TRUSTED_PROVIDER_MAX_SHARE

    @property
    def share(self) -> Decimal | None:
        """Discrepancies over readings (0.0042 is 0.42 %); None before the first reading."""
        if not self.readings:
            return None
        return Decimal(self.discrepancies) / Decimal(self.readings)

    @property
    def within_threshold(self) -> bool:
        """True when the share is under Car-Pass's Trusted Provider threshold (or nothing was read yet)."""
        share = self.share
        return share is None or share < self.threshold
