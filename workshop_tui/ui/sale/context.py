"""What the sale desk screens are given: the services, the garage's identity, where prints go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...documents.models import Garage
from ...domain.checklist import Checklist
from ...locations import data_dir
from ...paperwork import garage_of
from ...services.sale_api import SaleDeskServices


@dataclass(frozen=True)
class SaleDeskContext:
    """`checklist`: the points ticked at a sale (the one the services check before printing)."""

    desk: SaleDeskServices
    garage: Garage
    folder: Path  # printed contracts and checklists are written under it
    checklist: Checklist | None
    sandbox: bool = False


def sale_desk_context(services: Any) -> SaleDeskContext:
    """The context from the composition root's `Services` (its `sale_desk` and company); prints go
    under the data folder's documents/sales."""
    garage = garage_of(services.company, sandbox=services.sandbox)
    desk = services.sale_desk
    return SaleDeskContext(desk, garage, data_dir() / "documents" / "sales", desk.checklist, services.sandbox)
