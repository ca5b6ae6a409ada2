"""No confidential (or restricted) value reaches any public output.

Distinctive values are seeded into every kind of protected record this app and its neighbours
publish from (a contribution, its donor and its fund; an incident's narrative and notification
reference; a pledge's size and caveat; a ledger payload), then every public output is searched:
every portal page and download, every export file, the HTML report and the text of its PDF, and
the public ledger export.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from contingent.cli import main
from contingent.core.costs import new_pledge, record_commitment, record_receipt
from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.web.core import ledger
from contingent.web.transparency import actions, charts, exports
from contingent.web.transparency.public import build_public

from .transparency_support import load_demo, poppler, record_coordination_outcomes

pytestmark = pytest.mark.django_db

SECRETS = (
    "ZETA-CONFIDENTIAL-DONOR-7781",
    "Zeta Secret Donor Name 7781",
    "FUND-QUARTZ-CONFIDENTIAL-4417",
    "987654321",
    "987,654,321",
    "987.7 M",
    "RESTRICTED-DONOR-OPAL-3307",
    "123456789",
    "123,456,789",
    "123.5 M",
    "SECRET-INCIDENT-NARRATIVE-5521",
    "nv-SECRET-NOTIFICATION-8842",
    "CAVEAT-OBSIDIAN-6603",
    "7919311",  # seven digits: a hex hash contains it by chance with odds of ~1e-7 per hash
    "7,919,311",
    "7.9 M",
    "LEDGER-PAYLOAD-SECRET-2207",
    "SECRET-ACCESS-REASON-6671",
    "test-move-",
    "test-coord-",
)


def _seed_secrets(op) -> None:  # noqa: ANN001
    from contingent.web.forcegen.convert import pledge_fields
    from contingent.web.forcegen.models import Contributor, Pledge

    secret_fund = actions.do_record_fund(
        op,
        key="FUND-QUARTZ-CONFIDENTIAL-4417",
        name="FUND-QUARTZ-CONFIDENTIAL-4417",
        holder="ISF trust fund (illustrative)",
        holder_iati_ref="XI-IATI-CTGDEMO",
        illustrative=True,
        actor="test:leak",
    )
    c = new_pledge(
        "leak-c-1",
        "ZETA-CONFIDENTIAL-DONOR-7781",
        "ISF-S/RES/2803",
        secret_fund.key,
        "987654321.77",
        date(2026, 2, 1),
        classification="confidential",
    )
    c = record_receipt(record_commitment(c, "987654321.77", date(2026, 2, 2), due_day=None), "987654321.77", date(2026, 2, 3))  # fmt: skip
    actions.do_record_contribution(
        op, c, fund=secret_fund, donor_name="Zeta Secret Donor Name 7781", illustrative=True,
        actor="test:leak",
    )  # fmt: skip
    from contingent.web.transparency.models import Fund

    restricted = new_pledge(
        "leak-c-2", "RESTRICTED-DONOR-OPAL-3307", "ISF-S/RES/2803", "isf", "123456789.00",
        date(2026, 2, 1), classification="restricted",
    )  # fmt: skip
    actions.do_record_contribution(
        op, restricted, fund=Fund.objects.get(operation=op, key="isf"),
        donor_name="RESTRICTED-DONOR-OPAL-3307", illustrative=True, actor="test:leak",
    )  # fmt: skip
    actions.check_record_incident(
        op,
        key="leak-i-1",
        category="ATTACK_ON_NOTIFIED_SITE",
        occurred_at=datetime(2026, 1, 20, 9, 0, tzinfo=UTC),
        adm2_pcode="PS0275",
        classification="confidential",
        description="SECRET-INCIDENT-NARRATIVE-5521",
        notification_ref="nv-SECRET-NOTIFICATION-8842",
        actor="test:leak",
    )
    pledge = m.Pledge(
        key="leak-p-1",
        contributor="IDN",
        unit_type="infantry_company",
        personnel=7919311,
        women=11,
        readiness=e.ReadinessLevel.L1,
        earliest_deployment=date(2026, 4, 1),
        caveats=(m.Caveat(e.CaveatKind.GEOGRAPHIC, "CAVEAT-OBSIDIAN-6603", ("PS0255",)),),
        classification=e.Classification.CONFIDENTIAL,
    )
    Pledge.objects.create(
        operation=op, key=pledge.key, contributor=Contributor.objects.get(code="IDN"),
        **pledge_fields(pledge),
    )  # fmt: skip
    day = datetime(2026, 2, 3, 8, 0, tzinfo=UTC)
    record_coordination_outcomes(
        op, [("impeded", day, "PS0265")] * 2, reason="SECRET-ACCESS-REASON-6671"
    )
    with transaction.atomic():
        ledger.append(
            actor="test:leak",
            action="secret.recorded",
            object_type="secret",
            object_id="1",
            payload={"text": "LEDGER-PAYLOAD-SECRET-2207"},
            classification="confidential",
        )


@pytest.fixture
def seeded(gaza):
    load_demo(gaza)
    _seed_secrets(gaza)
    return gaza


def _portal_outputs(client: Client, picture) -> dict[str, bytes]:  # noqa: ANN001
    urls = [
        reverse("transparency:portal"),
        reverse("transparency:ledger"),
        reverse("transparency:iati"),
        reverse("transparency:ledger-export"),
        reverse("transparency:ledger-key"),
    ]
    for name, dataset in picture.datasets.items():
        for fmt in ("csv", "hxl", "json"):
            urls.append(reverse(f"transparency:{fmt}", args=[name]))
        if dataset.geojson:
            urls.append(reverse("transparency:geojson", args=[name]))
    urls += [reverse("transparency:chart", args=[name]) for name in charts.CHARTS]
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content
    return outputs


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seeded_confidential_values_reach_no_public_output(seeded, tmp_path):
    from contingent.web.transparency.ledger_public import checkpoint_head

    checkpoint_head()
    picture = build_public(seeded)
    outputs = _portal_outputs(Client(), picture)
    for fmt in exports.FORMATS:
        exports.write_exports(picture, fmt, tmp_path / "export")
    assert main(["ledger", "export", str(tmp_path / "ledger.jsonl")]) == 0
    assert main(["report", "--from", "2025-10-01", "--to", "2026-03-01", "--out", str(tmp_path / "report")]) == 0  # fmt: skip
    outputs |= _files(tmp_path)
    pdf = next((tmp_path / "report").glob("*.pdf"))
    pdftotext = poppler("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    assert b"Transparency report" in text  # the extraction works, so a miss means something
    outputs["report.pdf (text)"] = text

    assert len(outputs) > 50
    leaks = [
        f"{secret!r} in {where}"
        for where, body in outputs.items()
        for secret in SECRETS
        if secret.encode() in body
    ]
    assert leaks == []


def test_the_search_finds_a_seeded_value_when_it_is_published(seeded, tmp_path):
    """The leak search can fail: make the confidential contribution public and it is found."""
    from contingent.web.transparency.models import Contribution

    Contribution.objects.filter(contribution_id="leak-c-1").update(classification="public")
    body = Client().get(reverse("transparency:csv", args=["funding"])).content
    assert b"ZETA-CONFIDENTIAL-DONOR-7781" in body and b"987654321.77" in body


def test_dashboard_and_operation_totals_count_no_pledge_the_reader_may_not_see(seeded, personas):
    """The seeded confidential IDN pledge (7,919,311 personnel) is alone enough to dominate its
    unit type's total: whoever may not see it must not find it in any total either."""

    def shown(client: Client) -> bool:
        pages = (client.get("/").content, client.get("/api/v1/operations/isf-gaza").content)
        return any(b"7919" in body or b"7,919" in body for body in pages)

    for name in ("anonymous", "liaison_pak", "ngo", "ops", "admin"):
        assert not shown(personas[name].browser), name
    for name in ("planner", "auditor", "liaison_idn"):  # they may see it: so the search works
        assert shown(personas[name].browser), name
