"""Shared set-up for the transparency tests: the Gaza scenario with its illustrative funding,
incidents and policy, helpers to read HXL with libhxl and to find the poppler tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
HXL_SCHEMAS = REPO / "tests" / "unit" / "opendata" / "hxl_schemas"
# Which schema checks which published table (the others have no schema yet).
HXL_SCHEMA_OF = {
    "funding": "funding.json",
    "cost-estimate": "cost-estimate.json",
    "incidents": "incident-summary.json",
    "access-outcomes": "access-summary.json",
}


def load_demo(op):  # noqa: ANN001, ANN201
    from contingent.web.transparency.demo import load_demo_transparency

    assert load_demo_transparency(op) is True
    return op


def hxl_problems(path: Path, schema_name: str) -> list[str]:
    """libhxl's validator on a file on disk; one message per issue."""
    import hxl

    found: list[str] = []
    local = hxl.InputOptions(allow_local=True)
    with hxl.data(str(HXL_SCHEMAS / schema_name), local) as source:
        schema = hxl.schema(source, callback=lambda i: found.append(f"{i.message} [{i.value!r}]"))
    with hxl.data(str(path), local) as dataset:
        assert dataset.tags, f"libhxl found no hashtag row in {path.name}"
        schema.validate(dataset)
    return found


def poppler(tool: str) -> str:
    """The poppler-utils tool, or skip (fail in CI, which must install poppler-utils)."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} missing: CI must install the Debian package poppler-utils")
        pytest.skip(f"{tool} not installed (apt-get install poppler-utils)")
    return found


def record_coordination_outcomes(op, outcomes, *, reason: str = ""):  # noqa: ANN001, ANN201
    """Coordination requests with outcomes for movements in ``op``, as rows of the access app:
    ``outcomes`` is a list of (outcome, outcome_at, adm2 P-code)."""
    from contingent.web.access.models import CoordinationRequest, Notification, NotificationVersion
    from contingent.web.accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(key="test-ngo", defaults={"name": "Test NGO"})
    for n, (outcome, at, pcode) in enumerate(outcomes):
        movement = Notification.objects.create(
            key=f"test-move-{op.pk}-{n}", kind="movement", organisation=org, operation=op,
            created_at=at,
        )  # fmt: skip
        NotificationVersion.objects.create(
            notification=movement, version=1, payload_canonical="{}", payload_sha256="0" * 64,
            receipt_file="", received_at=at, submitted_by="test", adm2_pcode=pcode,
        )  # fmt: skip
        CoordinationRequest.objects.create(
            key=f"test-coord-{op.pk}-{n}", organisation=org, movement=movement, requested_at=at,
            requested_by="test", outcome=outcome, outcome_at=at, reason=reason,
        )  # fmt: skip
