"""The transparency commands end to end: IATI and HXL exports of the demo data validate, the
exported ledger verifies in a separate process (and tampering is caught), the PDF report
renders with its charts."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from PIL import Image

from contingent.cli import main
from contingent.core.opendata import check_geojson, errors
from contingent.core.opendata.iati import validate_iati
from contingent.web.transparency import charts

from .transparency_support import HXL_SCHEMA_OF, SHARED_DATA, hxl_problems, load_demo, poppler

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(gaza):
    return load_demo(gaza)


def _verify(export: Path, key: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contingent.core.ledger", "verify", str(export), str(key)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_iati_export_of_the_demo_data_validates_against_xsd_and_codelists(demo, tmp_path):
    if not (SHARED_DATA / "iati-schemas-2.03").is_dir():
        pytest.skip(f"shared IATI schemas not found under {SHARED_DATA}")
    assert main(["export", "iati", "--out", str(tmp_path)]) == 0
    xml = (tmp_path / "funding.iati.xml").read_bytes()
    assert errors(validate_iati(xml, SHARED_DATA)) == []
    assert xml.count(b"<iati-activity ") == 2  # two funds
    assert b"Donor E" not in xml  # the restricted contribution is not published


def test_the_hxl_exports_of_the_demo_data_pass_their_schemas(demo, tmp_path):
    assert main(["export", "hxl", "--out", str(tmp_path)]) == 0
    for name, schema in HXL_SCHEMA_OF.items():
        path = tmp_path / f"{name}.hxl.csv"
        assert path.exists(), name
        assert hxl_problems(path, schema) == [], name


def test_every_format_is_written_and_geojson_layers_are_valid(demo, tmp_path):
    assert main(["export", "all", "--out", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    for stem in ("composition", "statements", "funding", "incidents", "pipeline"):
        assert {f"{stem}.csv", f"{stem}.hxl.csv", f"{stem}.json"} <= names
    layers = sorted(tmp_path.glob("*.geojson"))
    assert [p.name for p in layers] == [
        "access-outcomes-by-governorate.geojson",
        "incidents-by-governorate.geojson",
    ]
    for layer in layers:
        assert errors(check_geojson(layer.read_text())) == []


def test_an_exported_ledger_verifies_in_a_separate_process_and_tampering_is_caught(demo, tmp_path):
    export, key = tmp_path / "ledger.jsonl", tmp_path / "key.pem"
    assert main(["ledger", "checkpoint"]) == 0
    assert main(["ledger", "export", str(export), "--public-key-out", str(key)]) == 0
    untouched = _verify(export, key)
    assert untouched.returncode == 0, untouched.stdout + untouched.stderr
    assert untouched.stdout.startswith("OK:")

    original = export.read_bytes()
    lines = original.splitlines(keepends=True)
    flipped = bytearray(original)
    at = original.index(b'"payload_sha256":"', len(lines[0]) + len(lines[1])) + 20
    flipped[at] = ord("0") if flipped[at] != ord("0") else ord("1")
    export.write_bytes(bytes(flipped))
    assert _verify(export, key).returncode == 1

    export.write_bytes(b"".join(lines[:5] + lines[6:]))  # drop one entry
    assert _verify(export, key).returncode != 0


def test_the_signing_key_is_private_to_its_owner(demo):
    from contingent.web.transparency import ledger_public

    assert main(["ledger", "checkpoint"]) == 0
    path = ledger_public.key_dir() / ledger_public.SIGNING_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_ledger_key_is_kept_and_a_stale_public_key_file_is_rewritten_from_it():
    from contingent.core.ledger import public_key_to_pem
    from contingent.web.transparency import ledger_public

    first = ledger_public.signing_key()
    public = ledger_public.key_dir() / ledger_public.PUBLIC_KEY_FILE
    public.write_bytes(b"stale")
    again = ledger_public.signing_key()
    assert public_key_to_pem(again) == public_key_to_pem(first)  # not regenerated
    assert public.read_bytes() == public_key_to_pem(first)


def test_no_checkpoint_is_signed_over_a_broken_chain(demo, capsys):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_ledgerentry SET actor = 'someone-else' WHERE seq = 3")
    assert main(["ledger", "checkpoint"]) == 2
    assert "ledger_broken" in capsys.readouterr().err


def test_the_pdf_report_renders_its_charts_and_names_the_ledger_head(demo, tmp_path):
    from contingent.web.core.models import LedgerHead

    pdftoppm = poppler("pdftoppm")
    out = tmp_path / "report"
    assert main(["report", "--from", "2025-10-01", "--to", "2026-03-01", "--out", str(out)]) == 0
    html = (out / "transparency-report-2025-10-01-2026-03-01.html").read_text()
    pdf = out / "transparency-report-2025-10-01-2026-03-01.pdf"
    head = LedgerHead.objects.get(singleton=1)
    assert head.entry_hash in html and "Methodology" in html and "Sources" in html
    assert "Illustrative data" in html
    assert pdf.read_bytes().startswith(b"%PDF-")

    subprocess.run(
        [pdftoppm, "-r", "100", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    pixels = [c for _, c in colours]
    total = image.width * image.height
    not_white = sum(n for n, c in colours if sum(c) < 720) / total
    assert not_white > 0.02, f"page 1 looks blank ({not_white:.3%} ink)"
    for colour in (charts.REQUIRED, charts.PLEDGED, charts.COMMITTED):
        assert _has_colour(pixels, colour), f"no {colour} on page 1: the chart did not render"


def _has_colour(pixels: list[tuple[int, int, int]], hex_colour: str, tolerance: int = 30) -> bool:
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(a - b) <= tolerance for a, b in zip(p, want, strict=True)) for p in pixels)


def test_a_period_that_ends_before_it_starts_is_refused_with_its_field(demo, tmp_path, capsys):
    assert (
        main(["report", "--from", "2026-03-01", "--to", "2026-01-01", "--out", str(tmp_path)]) == 2
    )
    assert "to: before from" in capsys.readouterr().err


def test_the_demo_loads_the_illustrative_funding_once(db, capsys):
    from contingent.web.transparency.models import Contribution, Fund

    assert main(["demo", "--no-serve"]) == 0
    assert main(["demo", "--no-serve"]) == 0
    assert Fund.objects.filter(illustrative=True).count() == 2
    assert Contribution.objects.count() == 5
    assert all(c.illustrative and c.source_ref for c in Contribution.objects.all())
