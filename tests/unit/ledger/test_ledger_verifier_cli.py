"""The standalone verifier, run as a separate process: exit codes, messages, and standing alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ledger_chains import small_chain

import contingent.core.ledger as ledger_package
from contingent.core.ledger import (
    export_chain,
    generate_signing_key,
    private_key_to_pem,
    save_public_key,
    sign_checkpoint,
)

KEY = generate_signing_key()
CHAIN = small_chain(6)
CHECKPOINT = sign_checkpoint(CHAIN[-1], at=datetime(2026, 11, 30, tzinfo=UTC), signing_key=KEY)


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    export, key = tmp_path / "ledger.jsonl", tmp_path / "ledger.pub"
    export_chain(CHAIN, CHECKPOINT, export)
    save_public_key(KEY.public_key(), key)
    return export, key


def verify(*args: object, module: str = "contingent.core.ledger", **kwargs):
    return subprocess.run(
        [sys.executable, "-m", module, "verify", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_an_untouched_export_exits_zero_with_a_one_line_summary(files):
    result = verify(*files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"OK: 6 entries, head seq 6, head hash {CHAIN[-1].entry_hash}, signed by key "
        f"{CHECKPOINT.key_id} at 2026-11-30T00:00:00.000000Z"
    ]


def test_a_tampered_export_exits_one_and_names_the_first_bad_entry(files):
    export, key = files
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace('"user:2"', '"user:9"')  # entry seq 3
    export.write_text("".join(lines), encoding="utf-8")
    result = verify(export, key)
    assert result.returncode == 1
    assert "TAMPERED (altered)" in result.stdout and "seq 3" in result.stdout


def test_a_removed_entry_is_named_by_the_verifier(tmp_path, files):
    _, key = files
    export = tmp_path / "cut.jsonl"
    export_chain(CHAIN[:2] + CHAIN[3:], CHECKPOINT, export)
    result = verify(export, key)
    assert result.returncode == 1
    assert "TAMPERED (removed): first bad entry: seq 3" in result.stdout


def test_an_export_signed_by_another_key_exits_one(tmp_path, files):
    export, _ = files
    other = tmp_path / "other.pub"
    save_public_key(generate_signing_key().public_key(), other)
    result = verify(export, other)
    assert result.returncode == 1 and "bad_signature" in result.stdout


@pytest.mark.parametrize("broken", ["missing export", "not an export", "missing key", "bad key"])
def test_unreadable_input_exits_two_with_a_clear_message(tmp_path, files, broken):
    export, key = files
    if broken == "missing export":
        export = tmp_path / "absent.jsonl"
    elif broken == "not an export":
        export.write_text("hello\n")
    elif broken == "missing key":
        key = tmp_path / "absent.pub"
    else:
        key.write_bytes(private_key_to_pem(KEY))
    result = verify(export, key)
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot read") and result.stdout == ""


def test_the_verifier_runs_from_a_copy_loading_only_the_stdlib_and_cryptography(tmp_path, files):
    export, key = files
    source = Path(ledger_package.__file__).parent
    shutil.copytree(source, tmp_path / "copied_verifier", ignore=shutil.ignore_patterns("*.pyc"))
    probe = textwrap.dedent(
        f"""
        import runpy, sys
        already = set(sys.modules)  # the interpreter's own start-up (site hooks)
        sys.argv = ["copied_verifier", "verify", {str(export)!r}, {str(key)!r}]
        try:
            runpy.run_module("copied_verifier", run_name="__main__", alter_sys=True)
        except SystemExit as done:
            code = done.code
        # _openssl is cryptography's compiled binding, registered under its own name.
        allowed = set(sys.stdlib_module_names) | {{"copied_verifier", "cryptography",
                                                   "_cffi_backend", "cffi", "_openssl"}}
        foreign = sorted({{m.split(".")[0] for m in set(sys.modules) - already}} - allowed)
        print("FOREIGN", foreign)
        sys.exit(code)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 6 entries")
    assert "FOREIGN []" in result.stdout


def test_a_copy_also_catches_tampering(tmp_path, files):
    export, key = files
    shutil.copytree(Path(ledger_package.__file__).parent, tmp_path / "copied_verifier")
    tampered = tmp_path / "tampered.jsonl"
    export_chain([*CHAIN[:5], replace(CHAIN[5], object_id="x")], CHECKPOINT, tampered)
    result = verify(tampered, key, module="copied_verifier", cwd=tmp_path)
    assert result.returncode == 1 and "seq 6" in result.stdout
