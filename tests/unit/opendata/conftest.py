"""Shared fixtures: the shared data directory and a small, realistic funding picture."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from contingent.core.costs import new_pledge, record_commitment, record_receipt
from contingent.core.opendata.iati import FundingExportContext, IatiOrg

REPO = Path(__file__).resolve().parents[3]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not (SHARED_DATA / "iati-schemas-2.03").is_dir():
        pytest.skip(
            f"shared data not found at {SHARED_DATA} (CI always has it; see data/README.md)"
        )
    return SHARED_DATA


@pytest.fixture
def contributions():
    """Illustrative contributions (not real pledges): two public, one confidential."""
    nor = new_pledge(
        "c-001", "NOR", "ISF-2803", "ISF", "12000000", date(2026, 1, 12), classification="public"
    )
    nor = record_commitment(nor, "10000000", date(2026, 2, 2), due_day=date(2026, 6, 30))
    nor = record_receipt(nor, "4000000", date(2026, 3, 16))
    jpn = new_pledge(
        "c-002",
        "JPN",
        "ISF-2803",
        "police training",
        "3500000",
        date(2026, 2, 20),
        classification="public",
    )
    secret = new_pledge(
        "c-003",
        "ZETA-CONFIDENTIAL-DONOR-7781",
        "ISF-2803",
        "FUND-QUARTZ-CONFIDENTIAL-4417",
        "987654321.77",
        date(2026, 1, 5),
        classification="confidential",
    )
    return [nor, jpn, secret]


@pytest.fixture
def export_context():
    return FundingExportContext(
        reporting_org=IatiOrg(
            name="ISF Trust Fund (illustrative)", ref="XI-IATI-CTGDEMO", type_code="40"
        ),
        operation_code="ISF",
        operation_name="International Stabilization Force (S/RES/2803 (2025))",
        planned_start=date(2026, 1, 1),
        planned_end=date(2027, 12, 31),
        last_updated=datetime(2026, 4, 1, 12, 0, tzinfo=UTC),
    )


@pytest.fixture
def donors():
    return {
        "NOR": IatiOrg(name="Norway", type_code="10"),
        "JPN": IatiOrg(name="Japan", type_code="10"),
    }
