"""Notification intake over HTTP against the target [DESIGN.md, targets: ≥ 300 req/s sustained,
p99 ≤ 100 ms, 2 cores, PostgreSQL, none lost].

Starts a throwaway PostgreSQL (scripts/pg-throwaway.sh), migrates, loads scenarios/gaza-isf.toml
and the access demo, creates a humanitarian officer with an API token, then for each gunicorn
configuration (the previous one, 2 sync workers, as the baseline; then the candidate) starts
gunicorn on 127.0.0.1, drives POST /api/v1/access/sites (or /movements) with unique
Idempotency-Keys from a fixed number of requests over keep-alive connections (Python threads,
http.client; the load generator shares the 2 cores), prints req/s, p50/p95/p99 and errors, and
checks that none was lost: every 201 names a version that is in the database with exactly one
"notification.received" ledger entry, and nothing else was stored. Stops everything it started.

    nice .venv/bin/python bench/intake.py [--requests 3000] [--clients 8] [--kind site]
        [--candidate gthread:2:4] [--baseline sync:2:1] [--time-cap-s 120]

A configuration reads CLASS:WORKERS:THREADS (gunicorn ``--worker-class``, ``--workers``,
``--threads``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG = ROOT / "scripts" / "pg-throwaway.sh"
BASE = "/api/v1/access"
RAFAH = [34.2485, 31.2870]
KHAN_YOUNIS = [34.3030, 31.3460]
DEIR = [34.3500, 31.4170]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _body(kind: str, i: int) -> bytes:
    # Spread the points a little so the sites are not all the same place.
    dx, dy = (i % 97) * 1e-4, (i // 97 % 97) * 1e-4
    if kind == "site":
        doc: dict[str, Any] = {
            "name": f"Field clinic {i} (bench)",
            "category": "hospital_clinic",
            "humanitarian_function": "primary health care",
            "point": {"type": "Point", "coordinates": [RAFAH[0] + dx, RAFAH[1] + dy]},
            "valid_from": "2026-11-01T00:00:00Z",
        }
    else:
        doc = {
            "purpose": "food",
            "route": {"type": "LineString", "coordinates": [RAFAH, KHAN_YOUNIS, DEIR]},
            "window_start": "2026-12-20T06:00:00Z",
            "window_end": "2026-12-20T14:00:00Z",
            "vehicles": ["truck-1", "truck-2"],
            "personnel_count": 6,
        }
    return json.dumps(doc).encode()


# --- setup (Django in this process, against the throwaway database) ---------------------------


def _setup_django(database_url: str, home: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CONTINGENT_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contingent.web.settings")
    import django

    django.setup()


def _load_and_token() -> str:
    from django.core.management import call_command

    from contingent.core.scenario import load_scenario
    from contingent.web.access.demo import load_access_demo
    from contingent.web.accounts.actions import do_create_user
    from contingent.web.accounts.models import Organisation
    from contingent.web.accounts.roles import Role
    from contingent.web.accounts.tokens import issue_token
    from contingent.web.forcegen.actions import do_load_scenario

    call_command("migrate", verbosity=0, interactive=False)
    do_load_scenario(load_scenario(ROOT / "scenarios" / "gaza-isf.toml"), actor="bench:intake")
    load_access_demo()
    org = Organisation.objects.get(key="demo-ngo")
    user = do_create_user("bench_officer", None, Role.HUMANITARIAN, organisation=org)
    token, _ = issue_token(user, "bench")
    return token


def _counts() -> dict[str, int]:
    from contingent.web.access.models import DeliveryEvent, NotificationVersion
    from contingent.web.core.models import LedgerEntry

    return {
        "versions": NotificationVersion.objects.count(),
        "received": LedgerEntry.objects.filter(action="notification.received").count(),
        "sent": DeliveryEvent.objects.filter(event=DeliveryEvent.SENT).count(),
    }


def _check_none_lost(refs: list[str], before: dict[str, int], recipients: int) -> list[str]:
    """Problems found (empty when every 201 is stored once with its ledger entry)."""
    from django.db.models import Q

    from contingent.web.access.models import NotificationVersion
    from contingent.web.core.models import LedgerEntry

    problems = []
    after = _counts()
    n = len(refs)
    if len(set(refs)) != n:
        problems.append(f"{n - len(set(refs))} duplicate refs in responses")
    for what, per in (("versions", 1), ("received", 1), ("sent", recipients)):
        if after[what] - before[what] != n * per:
            problems.append(f"{what}: +{after[what] - before[what]} stored, expected {n * per}")
    keys = {r.rsplit("/v", 1)[0] for r in refs}
    stored = NotificationVersion.objects.filter(notification__key__in=keys).count()
    # A restricted notification's entry chains a pseudonym; its ref is kept beside it.
    ledgered = (
        LedgerEntry.objects.filter(action="notification.received")
        .filter(Q(object_id__in=refs) | Q(object_id_named__in=refs))
        .count()
    )
    if stored != n or ledgered != n:
        problems.append(f"of {n} responses: {stored} versions, {ledgered} ledger entries found")
    return problems


def _ledger_ok() -> str:
    from contingent.web.core.ledger import verify_stored

    return str(verify_stored())


# --- load generator -------------------------------------------------------------------------


def _drive(
    port: int, token: str, kind: str, n: int, clients: int, cap_s: float, tag: str
) -> dict[str, Any]:
    """``n`` POSTs over ``clients`` keep-alive connections; stops early at ``cap_s``."""
    lock = threading.Lock()
    next_i = [0]
    lat_ms: list[float] = []
    refs: list[str] = []
    errors: dict[str, int] = {}
    deadline = time.monotonic() + cap_s
    path = f"{BASE}/{'sites' if kind == 'site' else 'movements'}"

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                i = next_i[0]
                if i >= n:
                    break
                next_i[0] += 1
            headers = {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": f"{tag}-{i}-{uuid.uuid4().hex}",
            }
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, _body(kind, i), headers)
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status, data = type(e).__name__, b""
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                lat_ms.append(dt)
                if status == 201:
                    out = json.loads(data)
                    refs.append(f"{out['key']}/v{out['version']}")
                else:
                    errors[str(status)] = errors.get(str(status), 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    client_cpu_s = time.process_time() - cpu0
    return {
        "wall_s": wall,
        "lat_ms": sorted(lat_ms),
        "refs": refs,
        "errors": errors,
        "client_cpu_ms": client_cpu_s * 1000 / max(1, len(lat_ms)),
    }


def _pct(xs: list[float], p: float) -> float:
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")


def _report(name: str, r: dict[str, Any]) -> float:
    lat, ok = r["lat_ms"], len(r["refs"])
    rps = ok / r["wall_s"] if r["wall_s"] else 0.0
    print(
        f"{name:<28} {ok:>6} ok in {r['wall_s']:6.1f} s  {rps:7.1f} req/s  "
        f"p50 {_pct(lat, 50):6.1f}  p95 {_pct(lat, 95):6.1f}  p99 {_pct(lat, 99):6.1f} ms  "
        f"errors {r['errors'] or 0}  (load generator {r['client_cpu_ms']:.1f} ms CPU/request)"
    )
    return rps


# --- gunicorn ----------------------------------------------------------------------------------


def _gunicorn(config: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    wclass, workers, threads = config.split(":")
    argv = [sys.executable, "-m", "gunicorn", "contingent.web.wsgi:application"]
    argv += ["--bind", f"127.0.0.1:{port}", "--workers", workers, "--worker-class", wclass]
    argv += ["--threads", threads, "--log-level", "warning"]
    proc = subprocess.Popen(argv, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    for _ in range(300):  # up to 30 s for the workers to boot
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", f"{BASE}/public-key")
            if c.getresponse().status == 200:
                c.close()
                return proc
        except OSError:
            time.sleep(0.1)
        if proc.poll() is not None:
            break
    proc.terminate()
    raise RuntimeError(f"gunicorn {config} did not start; see {log}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _run_config(
    name: str, config: str, args: argparse.Namespace, env: dict[str, str], token: str, log: Path
) -> tuple[float, list[str]]:
    from django.db import connection

    from contingent.web.access.models import Recipient

    recipients = Recipient.objects.filter(active=True).count()
    before = _counts()
    connection.close()
    port = _free_port()
    proc = _gunicorn(config, port, env, log)
    try:
        _drive(port, token, args.kind, args.clients * 5, args.clients, 30, f"warm-{name}")
        before = _counts()
        r = _drive(
            port, token, args.kind, args.requests, args.clients, args.time_cap_s, f"run-{name}"
        )
    finally:
        _stop(proc)
    rps = _report(f"{name} ({config})", r)
    problems = _check_none_lost(r["refs"], before, recipients)
    return rps, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--kind", choices=("site", "movement"), default="site")
    ap.add_argument("--baseline", default="sync:2:1", help="CLASS:WORKERS:THREADS")
    ap.add_argument("--candidate", default="gthread:2:4", help="CLASS:WORKERS:THREADS")
    ap.add_argument(
        "--baseline-src",
        help="a src/ directory of older code for the baseline server, e.g. from "
        "`git archive COMMIT src | tar -x -C DIR` (same schema); default: this checkout",
    )
    ap.add_argument("--time-cap-s", type=float, default=120.0)
    ap.add_argument("--port", type=int, default=55499, help="throwaway PostgreSQL port")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ct-intake-"))
    pgdir, home = tmp / "pg", tmp / "home"
    home.mkdir()
    tmp.chmod(0o755)  # as root, the cluster runs as `postgres` and must reach its directory
    try:
        url = subprocess.run(
            [str(PG), "start", str(pgdir), str(args.port)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        _setup_django(url, home)
        token = _load_and_token()
        env = {**os.environ, "DATABASE_URL": url, "CONTINGENT_HOME": str(home)}
        log = tmp / "gunicorn.log"
        print(
            f"intake bench: {args.requests} POST {args.kind} per configuration, "
            f"{args.clients} keep-alive clients, PostgreSQL, {os.cpu_count()} cores shared with "
            "the load generator"
        )
        base_env = {**env, "PYTHONPATH": args.baseline_src} if args.baseline_src else env
        if args.baseline_src:
            print(f"baseline code: {args.baseline_src}; candidate code: {ROOT / 'src'}")
        base_rps, base_problems = _run_config("baseline", args.baseline, args, base_env, token, log)
        cand_rps, cand_problems = _run_config("candidate", args.candidate, args, env, token, log)
        print(f"ratio candidate / baseline: {cand_rps / base_rps:.2f}x" if base_rps else "")
        print("target: >= 300 req/s, p99 <= 100 ms [DESIGN.md]")
        print(f"ledger chain: {_ledger_ok()}")
        for name, problems in (("baseline", base_problems), ("candidate", cand_problems)):
            print(f"{name}: " + ("none lost" if not problems else "LOST: " + "; ".join(problems)))
        return 1 if base_problems or cand_problems else 0
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run([str(PG), "stop", str(pgdir)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
