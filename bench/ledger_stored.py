"""Stored-ledger verification: the chain as ``contingent ledger verify`` and the web's verify
button read it (through the database), against the same entries verified in memory.

``bench/ledger.py`` measures the core verifier on a chain in memory, the path of the standalone
verifier that the public runs on an export. This one measures what the platform itself does on
its database: read every row (Django, SQLite by default, or ``DATABASE_URL``), verify the chain,
then check the names kept beside the pseudonymous entries (``web.core.ledger.verify_stored``).
It appends ``--entries`` restricted entries through the one append path (so every one carries
pseudonyms and a name) into a throwaway ``CONTINGENT_HOME``.

    nice .venv/bin/python bench/ledger_stored.py [--entries 200000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BATCH = 2000


def _setup(home: str) -> None:
    os.environ["CONTINGENT_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contingent.web.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _fill(n: int) -> float:
    from django.db import transaction

    from contingent.web.core import ledger

    t0 = time.perf_counter()
    for b in range(n // BATCH):
        with transaction.atomic():
            ledger.append_many(
                [
                    {
                        "actor": f"user:liaison-{i % 40}",
                        "action": "pledge.created",
                        "object_type": "pledge",
                        "object_id": f"isf-gaza/P-{b}-{i}",
                        "payload": {"personnel": 100 + i % 800, "batch": b},
                        "classification": "restricted",
                    }
                    for i in range(BATCH)
                ]
            )
    return time.perf_counter() - t0


def _timed(fn):  # noqa: ANN001, ANN202
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=200_000)
    args = ap.parse_args(argv)
    n = max(BATCH, args.entries // BATCH * BATCH)
    with tempfile.TemporaryDirectory() as home:
        _setup(home)
        from django.db import connection

        from contingent.core.ledger.verify import verify_chain
        from contingent.web.core.ledger import first_bad_name, iter_entries

        built = _fill(n)
        print(f"# stored-ledger verification, {connection.vendor}, {n:,} restricted entries")
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"appended through ledger.append_many in {built:.1f} s")
        entries, read_s, _ = _timed(lambda: list(iter_entries()))
        mem, mem_s, mem_cpu = _timed(lambda: verify_chain(entries))
        chain, chain_s, chain_cpu = _timed(lambda: verify_chain(iter_entries()))
        bad, names_s, names_cpu = _timed(first_bad_name)
        per_m = 1_000_000 / n
        rows = [
            ("read rows only (iter_entries)", read_s, read_s),
            ("core verify, in memory (baseline)", mem_s, mem_cpu),
            ("verify_chain over the database", chain_s, chain_cpu),
            ("names pass (first_bad_name)", names_s, names_cpu),
            ("stored total (chain + names)", chain_s + names_s, chain_cpu + names_cpu),
        ]
        for label, wall, cpu in rows:
            print(
                f"  {label:36s} {wall:6.2f} s wall {cpu:6.2f} s cpu  ~{wall * per_m:5.1f} s per 1M"
            )
        print(f"  ratio stored total / in memory: {(chain_s + names_s) / mem_s:.1f}x")
        ok = mem.ok and chain.ok and bad is None
        print(f"  all verified: {ok}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
