"""A throwaway PostgreSQL + PostGIS cluster for benchmarks (never for production).

Started as the ``postgres`` OS user when running as root (initdb refuses root), with
``initdb -A trust`` on 127.0.0.1 and a spare port, ``fsync=off``; stopped and deleted on exit.
Needs Debian's ``postgresql-15`` and ``postgresql-15-postgis-3``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
POSTGIS_CONTROL = Path("/usr/share/postgresql/15/extension/postgis.control")


def postgis_missing_reason() -> str | None:
    """None when a cluster can be started here, else why not."""
    if not (PG_BIN / "pg_ctl").exists():
        return f"pg_ctl not found in {PG_BIN} (apt-get install postgresql-15)"
    if not POSTGIS_CONTROL.exists():
        return "PostGIS extension not installed (apt-get install postgresql-15-postgis-3)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not importable"
    return None


def _spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], as_postgres: bool) -> None:
    if as_postgres:
        args = ["runuser", "-u", "postgres", "--", *args]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@dataclass(frozen=True)
class Cluster:
    dsn: str
    data: Path

    def cpu_s(self) -> float:
        """CPU seconds used so far by the postmaster and its *exited* children (backends and
        parallel workers are reaped by the postmaster, so close a connection before reading).
        Robust to a busy machine, unlike wall time."""
        import time

        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        for _ in range(1000):  # up to 20 s for the postmaster to reap a backend that just exited
            pending = any(_is_backend(p, pid) for p in Path("/proc").iterdir() if p.name.isdigit())
            if not pending:
                break
            time.sleep(0.02)
        # Read only once nothing is pending (reading first would race with the reaping).
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
        return ticks / os.sysconf("SC_CLK_TCK")


def _is_backend(proc: Path, postmaster: int) -> bool:
    """A client backend or parallel worker not yet reaped (alive, or a zombie whose CPU time the
    postmaster has not collected yet); the postmaster's helper processes do not count."""
    try:
        state, ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        cmd = (proc / "cmdline").read_bytes()
    except (OSError, ValueError):
        return False
    if int(ppid) != postmaster:
        return False
    return state == "Z" or b"127.0.0.1(" in cmd or b"parallel worker" in cmd


@contextmanager
def throwaway_cluster(workers: int = 2) -> Iterator[Cluster]:
    """Yield a fresh cluster with PostGIS enabled in database ``postgres``."""
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="contingent-pg-"))
    data = root / "data"
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    port = _spare_port()
    _run(
        [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
        as_postgres,
    )
    opts = (
        f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} -c fsync=off "
        f"-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=64MB "
        f"-c max_parallel_workers_per_gather={workers} -c max_worker_processes=8 -c jit=off -c autovacuum=off"
    )
    _run(
        [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-w",
            "-l",
            str(root / "log"),
            "start",
        ],
        as_postgres,
    )
    try:
        import psycopg

        dsn = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        yield Cluster(dsn, data)
    finally:
        _run(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres
        )
        shutil.rmtree(root, ignore_errors=True)


# The same spatio-temporal joins as contingent.core.access.engine, in SQL. Times are int8
# microseconds; OV is the engine's overlap rule (half-open, zero-length = instant).
def _ov(a: str, b: str) -> str:
    lo = f"greatest({a}.t0, {b}.t0)"
    return (
        f"({lo} < {a}.t1 OR ({a}.t0 = {a}.t1 AND {lo} = {a}.t1)) AND "
        f"({lo} < {b}.t1 OR ({b}.t0 = {b}.t1 AND {lo} = {b}.t1))"
    )


TOL = 1e-6
JOINS = {
    "route_crosses_area": f"""
        SELECT a.kind, m.id, a.id, ST_Distance(m.geom, a.geom) FROM mv m
        JOIN area a ON ST_DWithin(m.geom, a.geom, m.buf + a.buf + {TOL}) WHERE {_ov("m", "a")}""",
    "operation_near_site": f"""
        SELECT 'operation_near_site', o.id, s.id, ST_Distance(o.geom, s.geom) FROM area o
        JOIN site s ON ST_DWithin(o.geom, s.geom, o.buf + s.buf + {TOL})
        WHERE o.kind = 'route_crosses_operation' AND {_ov("o", "s")}""",
    # int8range(t0, t1) is empty for an instant: this query is only equivalent for proper
    # windows, which is all the generated data holds.
    "corridor_closed": f"""
        SELECT 'corridor_closed', m.id, c.id, ST_Distance(m.geom, c.geom) FROM mv m
        JOIN corridor c ON ST_DWithin(m.geom, c.geom, m.buf + c.buf + {TOL})
        WHERE NOT (int8range(m.t0, m.t1) <@ c.open_mr)""",
    "checkpoint_convergence": """
        SELECT DISTINCT 'checkpoint_convergence', least(a.mv, b.mv), greatest(a.mv, b.mv), a.cid
        FROM cp a JOIN cp b ON a.cid = b.cid AND a.mv <> b.mv
        AND b.t BETWEEN a.t - %(interval_us)s AND a.t + %(interval_us)s""",
}

SCHEMA = """
CREATE UNLOGGED TABLE mv (id int8, geom geometry(LineString, {srid}), t0 int8, t1 int8, buf float8);
CREATE UNLOGGED TABLE area (id int8, kind text, geom geometry(Polygon, {srid}), t0 int8, t1 int8, buf float8);
CREATE UNLOGGED TABLE site (id int8, geom geometry(Geometry, {srid}), t0 int8, t1 int8, buf float8);
CREATE UNLOGGED TABLE corridor (id int8, geom geometry(Geometry, {srid}), buf float8, open_mr int8multirange);
CREATE UNLOGGED TABLE cp (mv int8, cid text, t int8);
"""
INDEXES = """
CREATE INDEX ON mv USING gist (geom); CREATE INDEX ON area USING gist (geom);
CREATE INDEX ON site USING gist (geom); CREATE INDEX ON corridor USING gist (geom);
CREATE INDEX ON cp (cid, t);
ANALYZE mv; ANALYZE area; ANALYZE site; ANALYZE corridor; ANALYZE cp;
"""


def copy_rows(conn: object, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row(row)


def load_and_join(
    cluster: Cluster, plan: object, srid: int, interval_us: int
) -> tuple[float, float, float, dict[str, list[tuple]]]:
    """Load ``plan`` (projected with the engine's own projection, so both sides see identical
    coordinates), build GiST indexes, run the joins on a fresh connection.
    Returns (load_s, join wall s, join CPU s of all server processes, rows by join)."""
    import time

    import psycopg
    import shapely

    from contingent.core.access.layers import project_many, site_protection_window
    from contingent.core.access.windows import to_us

    def ewkb(geoms):  # type: ignore[no-untyped-def]
        return shapely.to_wkb(
            shapely.set_srid(project_many(geoms, srid), srid), hex=True, include_srid=True
        )

    def num(s: str) -> int:
        return int(s.lstrip("mzosc"))

    p = plan
    t = time.perf_counter()
    with psycopg.connect(cluster.dsn, autocommit=True) as conn:
        conn.execute(SCHEMA.format(srid=srid))
        mv = ewkb([m.route_wgs84 for m in p.movements])
        copy_rows(
            conn,
            "mv",
            "id, geom, t0, t1, buf",
            (
                (num(m.id), g, to_us(m.window.start), to_us(m.window.end), m.route_buffer_m)
                for m, g in zip(p.movements, mv, strict=True)
            ),
        )
        areas = [("route_crosses_zone", z) for z in p.zones] + [
            ("route_crosses_operation", o) for o in p.operations
        ]
        ag = ewkb([a.area_wgs84 for _, a in areas])
        copy_rows(
            conn,
            "area",
            "id, kind, geom, t0, t1, buf",
            (
                (num(a.id), k, g, to_us(a.window.start), to_us(a.window.end), a.buffer_m)
                for (k, a), g in zip(areas, ag, strict=True)
            ),
        )
        sg = ewkb(
            [s.footprint_wgs84 if s.footprint_wgs84 is not None else s.point_wgs84 for s in p.sites]
        )
        copy_rows(
            conn,
            "site",
            "id, geom, t0, t1, buf",
            (
                (
                    num(s.id),
                    g,
                    to_us(site_protection_window(s).start),
                    to_us(site_protection_window(s).end),
                    s.buffer_m,
                )
                for s, g in zip(p.sites, sg, strict=True)
            ),
        )
        cg = ewkb([c.geom_wgs84 for c in p.corridors])
        copy_rows(
            conn,
            "corridor",
            "id, geom, buf, open_mr",
            (
                (
                    num(c.id),
                    g,
                    c.width_m / 2,
                    "{"
                    + ",".join(f"[{to_us(w.start)},{to_us(w.end)})" for w in c.open_windows)
                    + "}",
                )
                for c, g in zip(p.corridors, cg, strict=True)
            ),
        )
        copy_rows(
            conn,
            "cp",
            "mv, cid, t",
            ((num(m.id), c.checkpoint_id, to_us(c.at)) for m in p.movements for c in m.checkpoints),
        )
        conn.execute(INDEXES)
    load_s = time.perf_counter() - t
    rows: dict[str, list[tuple]] = {}
    cpu0 = cluster.cpu_s()
    t = time.perf_counter()
    with psycopg.connect(cluster.dsn, autocommit=True) as conn:
        for name, sql in JOINS.items():
            params = {"interval_us": interval_us} if "%(" in sql else None
            rows[name] = conn.execute(sql, params).fetchall()
    join_s = time.perf_counter() - t
    return load_s, join_s, cluster.cpu_s() - cpu0, rows
