"""Site import (the Gaza health facilities from ../shared/data, all or nothing) and the access
commands in-process: import sites, deconflict, receipt verify, keys."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from contingent.cli import main

from .access_data import SQUARE, movement, stored_counts

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
HEALTH = DATA / "pse-osm-hotosm" / "hotosm_pse_health_facilities_points.geojson"
ADMIN2 = DATA / "pse-cod-ab" / "pse_admin2_cod-ab_2023-10-19.geojson"
needs_data = pytest.mark.skipif(
    not (HEALTH.exists() and ADMIN2.exists()),
    reason="../shared/data (pse-osm-hotosm, pse-cod-ab) is not here; CI always has it",
)


@pytest.fixture
def who(db):
    from contingent.web.accounts.models import Organisation

    return Organisation.objects.create(key="who", name="WHO")


@needs_data
@pytest.mark.slow
def test_importing_the_gaza_health_facilities_yields_604_protected_sites_each_with_a_pcode(
    who, capsys
):
    from contingent.web.access.models import Notification, NotificationVersion
    from contingent.web.core.models import LedgerEntry

    ledger_before = LedgerEntry.objects.count()
    argv = ["import", "sites", str(HEALTH), "--organisation", "who", "--boundaries", str(ADMIN2)]
    assert main(argv) == 0  # every row's OSM tags name a health facility: no default needed
    assert "imported 604 protected sites" in capsys.readouterr().out
    assert Notification.objects.filter(kind="site", organisation=who).count() == 604
    pcodes = Counter(NotificationVersion.objects.values_list("adm2_pcode", flat=True))
    # the counts ../shared/data/pse-osm-hotosm/SOURCE.md gives for point-in-polygon
    assert pcodes == {"PS0260": 327, "PS0255": 115, "PS0270": 66, "PS0265": 62, "PS0275": 34}
    assert LedgerEntry.objects.count() == ledger_before + 604
    v = NotificationVersion.objects.filter(notification__key__startswith="osm-").first()
    assert "openstreetmap.org" in v.payload["source_ref"] and v.payload["adm1_pcode"] == "PS02"


def test_a_row_without_category_or_health_tag_and_no_default_refuses_the_file(
    who, capsys, tmp_path
):
    def feature(props: dict) -> dict:
        geometry = {"type": "Point", "coordinates": [34.45, 31.50]}
        return {"type": "Feature", "properties": props, "geometry": geometry}

    features = [
        feature({"name": "lab", "healthcare": "laboratory"}),
        feature({"name": "untagged", "healthcare": "no"}),
    ]
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = stored_counts()
    assert main(["import", "sites", str(path), "--organisation", "who"]) == 2
    err = capsys.readouterr().err
    assert "nothing imported" in err and "rows[1].category" in err and "rows[0]" not in err
    assert stored_counts() == before


def test_one_bad_row_refuses_the_whole_file_and_stores_nothing(who, tmp_path):
    from contingent.core.access.sites_import import ImportRejected
    from contingent.web.access.actions import check_import_sites

    good = {
        "type": "Feature",
        "properties": {"name": "ok", "category": "school"},
        "geometry": {"type": "Point", "coordinates": [34.30, 31.35]},
    }
    swapped = {
        "type": "Feature",
        "properties": {"name": "swapped", "category": "school"},
        "geometry": {"type": "Point", "coordinates": [31.35, 34.30]},
    }
    raw = json.dumps({"type": "FeatureCollection", "features": [good, good, swapped]}).encode()
    before = stored_counts()
    with pytest.raises(ImportRejected) as exc:
        check_import_sites(raw, "x.geojson", who, actor="test")
    assert (
        exc.value.code == "swapped_coordinates"
        and "rows[2].geometry.coordinates[0]" in exc.value.fields
    )
    assert stored_counts() == before


def test_a_refused_file_does_not_leave_the_organisation_it_would_have_created(tmp_path, capsys):
    from contingent.web.accounts.models import Organisation

    swapped = {
        "type": "Feature",
        "properties": {"name": "swapped", "category": "school"},
        "geometry": {"type": "Point", "coordinates": [31.35, 34.30]},
    }
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [swapped]}))
    before = stored_counts()
    argv = ["import", "sites", str(path), "--organisation", "new-org"]
    assert main([*argv, "--organisation-name", "New Org"]) == 2
    assert "swapped_coordinates" in capsys.readouterr().err
    assert not Organisation.objects.filter(key="new-org").exists()
    assert stored_counts() == before


def test_a_csv_of_sites_is_imported_with_pcodes(who):
    from contingent.web.access.actions import check_import_sites
    from contingent.web.access.models import NotificationVersion

    raw = b"id,name,category,lat,lon\nsch-1,School A,school,31.29,34.25\nwh-1,Warehouse B,warehouse,31.52,34.45\n"
    report = check_import_sites(raw, "sites.csv", who, actor="test")
    assert report.imported == ["sch-1", "wh-1"]
    assert sorted(NotificationVersion.objects.values_list("adm2_pcode", flat=True)) == [
        "PS0260",
        "PS0275",
    ]
    again = check_import_sites(raw, "sites.csv", who, actor="test")  # re-import reconfirms
    assert again.new_versions == 2 and NotificationVersion.objects.count() == 4


def test_receipt_verify_exits_0_valid_1_modified_2_unreadable(personas, tmp_path, capsys):
    from contingent.web.access import keys

    r = personas["ngo"].api.post(
        "/api/v1/access/movements", json.dumps(movement()), content_type="application/json"
    )
    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(personas["ngo"].api.get(r.json()["receipt_url"]).content)
    pem = tmp_path / "platform.pem"
    pem.write_bytes(keys.public_key_pem())
    assert main(["receipt", "verify", str(receipt), str(pem)]) == 0
    assert "VALID" in capsys.readouterr().out
    data = bytearray(receipt.read_bytes())
    data[40] ^= 0x20
    receipt.write_bytes(bytes(data))
    assert main(["receipt", "verify", str(receipt), str(pem)]) == 1
    assert main(["receipt", "verify", str(tmp_path / "missing.json"), str(pem)]) == 2


def test_the_private_key_is_0600_and_keys_prints_the_public_key_path(capsys):
    from contingent.web.access import keys

    assert main(["keys"]) == 0
    out = capsys.readouterr().out
    assert str(keys.public_key_path()) in out
    private = keys.keys_dir() / keys.PRIVATE_NAME
    assert private.stat().st_mode & 0o777 == 0o600


def _a_movement_through_zone_kz_on_10_december(personas) -> None:  # noqa: ANN001
    from contingent.web.access import actions

    personas["ngo"].api.post(
        "/api/v1/access/movements", json.dumps(movement()), content_type="application/json"
    )
    actions.check_declare_area(
        "zone",
        {
            "key": "kz",
            "name": "z",
            "area": SQUARE,
            "window_start": "2026-12-10T00:00Z",
            "window_end": "2026-12-11T00:00Z",
        },
        actor="test",
    )


def test_deconflict_bulk_finds_the_movement_in_the_zone_for_that_day_only(personas, capsys):
    _a_movement_through_zone_kz_on_10_december(personas)
    assert main(["deconflict", "--day", "2026-12-10", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["b_key"]) for c in found] == [("route_crosses_zone", "kz")]
    assert main(["deconflict", "--day", "2026-12-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["deconflict"]) == 0
    assert "1 conflict(s)" in capsys.readouterr().out
    assert main(["deconflict", "--operation", "isf-gaza"]) == 0  # area-wide objects included
    assert "1 conflict(s)" in capsys.readouterr().out


def test_deconflict_store_keeps_the_conflicts_with_one_ledger_entry_over_them(personas, capsys):
    from contingent.web.access.models import ConflictRecord
    from contingent.web.core.models import LedgerEntry

    _a_movement_through_zone_kz_on_10_december(personas)
    stored_before = ConflictRecord.objects.count()
    assert main(["deconflict", "--day", "2026-12-10", "--store"]) == 0
    assert ConflictRecord.objects.count() == stored_before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id_named, entry.actor_named) == (
        "conflicts.stored",
        "bulk 2026-12-10",
        "cli:deconflict",
    )
    assert entry.object_id.startswith("~") and entry.actor.startswith("~")  # restricted


def test_a_new_organisation_is_recorded_once_after_the_sites_it_brings(db, tmp_path, capsys):
    from contingent.web.accounts.models import Organisation
    from contingent.web.core.models import LedgerEntry

    feature = {
        "type": "Feature",
        "properties": {"name": "lab", "healthcare": "laboratory"},
        "geometry": {"type": "Point", "coordinates": [34.45, 31.50]},
    }
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    last = LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    argv = ["import", "sites", str(path), "--organisation", "new-org"]
    assert main([*argv, "--organisation-name", "New Org"]) == 0
    assert Organisation.objects.filter(key="new-org").count() == 1
    actions = list(
        LedgerEntry.objects.filter(seq__gt=last).order_by("seq").values_list("action", flat=True)
    )
    assert actions[-1] == "organisation.created" and actions.count("organisation.created") == 1
    assert len(actions) > 1  # the site's own entries come first
    assert main([*argv, "--organisation-name", "New Org"]) == 0  # again: no second creation
    assert LedgerEntry.objects.filter(action="organisation.created").count() == 1
