"""NACE-BEL 2008 and 2025 codes, EU customers' VAT numbers, the Trusted Provider threshold."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from workshop_tui.domain.data_quality import DataQuality
from workshop_tui.domain.identifiers import compact_customer_vat, customer_vat_error
from workshop_tui.domain.rules import nace_warning

NACE_2008 = ["45.113", "45.201", "45.203", "45.204", "45.205", "45.209", "45.320"]
NACE_2025 = ["47.811", "95.311", "95.313", "95.314", "95.315", "95.319", "47.820"]


@pytest.mark.parametrize("code", NACE_2008 + NACE_2025 + [c.replace(".", "") for c in NACE_2008 + NACE_2025])
def test_both_nace_bel_versions_dotted_or_not_are_car_pass_codes(code):
    assert nace_warning(code) is None


@pytest.mark.parametrize("code", ["47.300", "95.312", "45.11", "47812"])
def test_other_nace_codes_warn(code):
    assert nace_warning(code).code == "NACE_NOT_CARPASS"


@pytest.mark.parametrize(
    "typed, error, stored",
    [
        ("FR 40 303 265 045", None, "FR40303265045"),
        ("NL004495445B01", None, "NL004495445B01"),
        ("0403170701", None, "0403170701"),
        ("FR40303265046", ("VAT_CHECK", {"country": "FR"}), None),
        ("CH123456789", ("VAT_COUNTRY", {"country": "CH"}), None),
        ("GR094259216", ("VAT_COUNTRY", {"country": "GR"}), None),  # Greece writes EL
        ("BE0403170702", ("ENTERPRISE_CHECK", {}), None),
    ],
)
def test_customer_vat_numbers(typed, error, stored):
    found = customer_vat_error(typed)
    assert (found.code, dict(found.params)) == error if error else found is None
    if stored:
        assert compact_customer_vat(typed) == stored


NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "readings, discrepancies, share, within",
    [
        (0, 0, None, True),
        (1000, 4, Decimal("0.004"), True),
        (1000, 5, Decimal("0.005"), False),
        (200, 2, Decimal("0.01"), False),
    ],
)
def test_trusted_provider_threshold_is_under_half_a_percent(readings, discrepancies, share, within):
    quality = DataQuality(since=NOW, readings=readings, discrepancies=discrepancies)
    assert (quality.share, quality.within_threshold) == (share, within)
