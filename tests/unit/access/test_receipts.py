"""A receipt verifies with only the public key and the file; any modified byte fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point

from contingent.core.access import receipts
from contingent.core.access.model import LegalBasis, SiteCategory, SiteNotification, SiteRelation
from contingent.core.access.payload import site_payload, version_hash
from contingent.core.access.windows import TimeWindow

from .strategies import T0


@pytest.fixture(scope="module")
def key():  # type: ignore[no-untyped-def]
    return receipts.generate_signing_key()


@pytest.fixture(scope="module")
def site() -> SiteNotification:
    return SiteNotification(
        "site-1",
        3,
        "org-msf",
        "Al-Awda clinic",
        SiteCategory.HOSPITAL_CLINIC,
        LegalBasis.MEDICAL_UNIT,
        "primary health care",
        SiteRelation.SUPPORTS,
        Point(34.4675757, 31.5016453),
        TimeWindow.open_ended(T0),
        name_ar="عيادة العودة",
    )


def _receipt_file(tmp_path: Path, key, site: SiteNotification) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "receipt.json"
    receipts.write_receipt_file(
        path, receipts.build_receipt(site.id, site.version, site_payload(site), T0, key)
    )
    return path


def test_a_receipt_verifies_with_only_the_public_key_and_the_file(tmp_path, key, site):  # type: ignore[no-untyped-def]
    path = _receipt_file(tmp_path, key, site)
    pub = tmp_path / "platform.pub.pem"
    pub.write_bytes(receipts.public_key_pem(key))
    result = receipts.verify_receipt_file(path, pub)
    assert result.ok, result.message
    assert result.receipt["sha256"] == version_hash(site)
    assert result.receipt["received_at"] == "2026-11-30T00:00:00Z"


def test_any_modified_byte_fails(tmp_path, key, site):  # type: ignore[no-untyped-def]
    data = _receipt_file(tmp_path, key, site).read_bytes()
    pem = receipts.public_key_pem(key)
    accepted = []
    for i in range(len(data)):
        for replacement in {
            data[i] ^ 0x01,
            data[i] ^ 0x20,
            ord("0") if data[i] != ord("0") else ord("1"),
        }:
            changed = data[:i] + bytes([replacement]) + data[i + 1 :]
            if receipts.verify_receipt_bytes(changed, pem).ok:
                accepted.append((i, replacement))
    assert accepted == []
    assert not receipts.verify_receipt_bytes(data[:-1], pem).ok
    assert not receipts.verify_receipt_bytes(data + b"\n", pem).ok
    assert receipts.verify_receipt_bytes(data, pem).ok


def test_another_key_does_not_verify_it(tmp_path, key, site):  # type: ignore[no-untyped-def]
    path = _receipt_file(tmp_path, key, site)
    other = receipts.public_key_pem(receipts.generate_signing_key())
    result = receipts.verify_receipt_file(path, other)
    assert (result.ok, result.reason) == (False, "bad_signature")


def test_a_hash_only_receipt_verifies_too(tmp_path, key, site):  # type: ignore[no-untyped-def]
    r = receipts.build_receipt(
        site.id, site.version, site_payload(site), T0, key, include_payload=False
    )
    assert "payload" not in r["receipt"]
    assert receipts.verify_receipt_bytes(receipts.receipt_bytes(r), receipts.public_key_pem(key)).ok


def test_the_command_line_verifies_and_refuses(tmp_path, key, site, capsys):  # type: ignore[no-untyped-def]
    priv, pub = tmp_path / "k.pem", tmp_path / "k.pub.pem"
    assert receipts.main(["keygen", str(priv), str(pub)]) == 0
    assert oct(priv.stat().st_mode & 0o777) == "0o600"
    signing = receipts.load_private_key(priv.read_bytes())
    path = _receipt_file(tmp_path, signing, site)
    assert receipts.main(["verify", str(path), str(pub)]) == 0
    assert "VALID" in capsys.readouterr().out
    path.write_bytes(path.read_bytes().replace(b'"version":3', b'"version":4'))
    assert receipts.main(["verify", str(path), str(pub)]) == 1
    assert "INVALID (bad_signature)" in capsys.readouterr().out
    assert receipts.main(["nonsense"]) == 2


def test_it_runs_as_a_module_for_the_contingent_receipt_verify_command(tmp_path, key, site):  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    path = _receipt_file(tmp_path, key, site)
    pub = tmp_path / "platform.pub.pem"
    pub.write_bytes(receipts.public_key_pem(key))
    cmd = [sys.executable, "-m", "contingent.core.access.receipts", "verify", str(path), str(pub)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("VALID: notification site-1 version 3")
