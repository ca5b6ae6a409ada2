"""No confidential value reaches any public output of this package.

Distinctive values are seeded (a) in whole records classified restricted/confidential and
(b) in non-allow-listed fields of public records; then every writer is run on the usual tables
and every byte of output is searched for them.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from contingent.core.costs import DeploymentLine, estimate_plan_cost, load_un_personnel_schedule
from contingent.core.opendata import (
    ACCESS_SUMMARY_HXL_TAGS,
    COST_ESTIMATE_HXL_TAGS,
    FUNDING_HXL_TAGS,
    cost_estimate_table,
    funding_table,
    publish_aggregate,
    publish_records,
    weekly_summary_table,
    write_csv,
    write_geojson,
    write_hxl_csv,
    write_json,
)
from contingent.core.opendata.iati import build_iati_activities, funding_activities

SEEDS = (
    "ZETA-CONFIDENTIAL-DONOR-7781",  # donor of a confidential contribution (conftest)
    "FUND-QUARTZ-CONFIDENTIAL-4417",  # its fund
    "987654321",  # its amount
    "CAVEAT-ORCHID-NO-NIGHT-OPS-5521",  # a caveat on a public record
    "SITE-BASALT-RESTRICTED-3307",  # a restricted site's name
    "31.4159",  # a restricted site's latitude (survives 6-decimal rounding)
    "ROE-CINNABAR-9902",  # rules of engagement text on a confidential incident
    "PS0299",  # a P-code that only confidential records use (it must not appear as a group)
)


def _sites():
    return [
        {
            "classification": "public",
            "name": "Al-Shifa hospital",
            "adm2": "PS0260",
            "geometry": {"type": "Point", "coordinates": [34.4669, 31.5231]},
            "caveat": "CAVEAT-ORCHID-NO-NIGHT-OPS-5521",
        },
        {
            "classification": "restricted",
            "name": "SITE-BASALT-RESTRICTED-3307",
            "adm2": "PS0270",
            "geometry": {"type": "Point", "coordinates": [34.30, 31.4159]},
            "caveat": "",
        },
    ]


def _incidents():
    return [
        {
            "classification": "confidential",
            "pcode": "PS0260",
            "day": date(2026, 3, 3),
            "category": "CEASEFIRE_VIOLATION",
            "roe": "ROE-CINNABAR-9902",
        },
        {
            "classification": "confidential",
            "pcode": "PS0260",
            "day": date(2026, 3, 4),
            "category": "CEASEFIRE_VIOLATION",
            "roe": "ROE-CINNABAR-9902",
        },
        {
            "classification": "confidential",
            "pcode": "PS0299",
            "day": date(2026, 3, 4),
            "category": "ATTACK_ON_NOTIFIED_SITE",
            "roe": "ROE-CINNABAR-9902",
        },
    ]


def all_public_outputs(contributions, export_context, donors) -> dict[str, bytes]:
    outputs: dict[str, str | bytes] = {}
    sites = publish_records("sites", _sites(), ["name", "adm2", "geometry"])
    outputs["sites.geojson"] = write_geojson(sites)
    sites_flat = publish_records("sites", _sites(), ["name", "adm2"])
    outputs["sites.csv"] = write_csv(sites_flat)
    outputs["sites.json"] = write_json(sites_flat)

    funding = funding_table(
        contributions, date(2026, 7, 1), fund_holder="ISF Trust Fund", identifier_of=lambda f: f
    )
    outputs["funding.csv"] = write_csv(funding)
    outputs["funding-hxl.csv"] = write_hxl_csv(funding, FUNDING_HXL_TAGS)
    outputs["funding.json"] = write_json(funding)
    activities = funding_activities(contributions, export_context, donors=donors)
    outputs["funding-iati.xml"] = build_iati_activities(
        activities, datetime(2026, 4, 1, tzinfo=UTC)
    )

    incidents = weekly_summary_table(
        "incidents",
        _incidents(),
        category_column="category",
        pcode_of=lambda r: r["pcode"],
        day_of=lambda r: r["day"],
        category_of=lambda r: r["category"],
        as_of=date(2026, 4, 1),
        delay_days=14,
        min_count=2,
    )
    outputs["incidents-hxl.csv"] = write_hxl_csv(
        incidents, {**ACCESS_SUMMARY_HXL_TAGS, "category": "#event+type"}
    )
    outputs["incidents.json"] = write_json(incidents)
    by_area = publish_aggregate("by-area", _sites(), {"adm2": lambda r: r["adm2"]})
    outputs["sites-by-area.csv"] = write_csv(by_area)

    secret_plan = estimate_plan_cost(
        [
            DeploymentLine(
                "ZZZ", 1, date(2026, 1, 1), months=1, equipment_monthly_usd=Decimal("987654321")
            )
        ],
        load_un_personnel_schedule(),
    )
    outputs["plan-costs-hxl.csv"] = write_hxl_csv(
        cost_estimate_table(secret_plan, classification="confidential"), COST_ESTIMATE_HXL_TAGS
    )
    return {k: v if isinstance(v, bytes) else v.encode() for k, v in outputs.items()}


def test_the_seeded_outputs_are_not_empty(contributions, export_context, donors):
    """Guard: the search below would pass trivially on empty files."""
    outputs = all_public_outputs(contributions, export_context, donors)
    assert b"Al-Shifa hospital" in outputs["sites.geojson"]
    assert b"NOR" in outputs["funding-hxl.csv"] and b"Norway" in outputs["funding-iati.xml"]
    assert b"PS0260" in outputs["incidents-hxl.csv"]


@pytest.mark.parametrize("seed", SEEDS)
def test_no_seeded_confidential_value_reaches_any_public_output(
    seed, contributions, export_context, donors
):
    outputs = all_public_outputs(contributions, export_context, donors)
    leaks = [name for name, data in outputs.items() if seed.encode() in data]
    assert leaks == []


def test_the_search_would_find_a_leak(contributions, export_context, donors):
    """The same search on an output built without the gate does find the seed."""
    unfiltered = repr(_sites()).encode() + repr(contributions).encode()
    assert all(seed.encode() in unfiltered for seed in SEEDS[:2] + SEEDS[3:6])
