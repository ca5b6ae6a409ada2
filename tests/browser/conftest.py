"""Browser tests: a real server in a subprocess, driven by Debian's Chromium through Playwright.

- The server is gunicorn on a free port of 127.0.0.1 against a fresh CONTINGENT_HOME (an SQLite
  file), prepared by ``seed.py`` in its own subprocess: the test process never shares a
  database connection with the server, so nothing depends on pytest-django's transactions.
- Chromium is ``/usr/bin/chromium`` (Debian's package). Absent, the tests are skipped with the
  reason, except under ``CI=true``, where a missing browser fails the run.
- A failing test leaves a full-page screenshot in ``test-artifacts/<test name>.png``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .seed import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("CONTINGENT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VENDORED = ROOT / "src/contingent/web/static/vendor/htmx/htmx.min.js"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite file, always
    env.update(
        CONTINGENT_HOME=str(home),
        CONTINGENT_SECRET_KEY="browser-test-secret-key-not-for-production-0123456789",
        CONTINGENT_INSECURE_COOKIES="1",  # plain HTTP on 127.0.0.1
        CONTINGENT_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="contingent.web.settings",
    )
    return env


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the test server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the test server did not answer on {url} within {timeout_s} s")


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    why = f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    if not VENDORED.exists():  # a checkout where scripts/setup.sh has not run yet
        subprocess.run(["bash", str(ROOT / "scripts/vendor-assets.sh")], check=True, cwd=ROOT)
    home = tmp_path_factory.mktemp("browser-home")
    env = _server_env(home)
    subprocess.run([sys.executable, "-m", "tests.browser.seed"], check=True, cwd=ROOT, env=env)
    port = _free_port()
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "contingent.web.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::")[-1])[:120]


@pytest.fixture
def page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context per test (no shared cookies); screenshot kept if the test fails.

    ``page.csp_violations`` collects every Content-Security-Policy complaint of the console."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    violations: list[str] = []
    pg.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    pg.csp_violations = violations  # type: ignore[attr-defined]
    yield pg
    failed = any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            pg.screenshot(
                path=str(ARTIFACTS / f"{_artifact_name(request.node.nodeid)}.png"), full_page=True
            )
        except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the failure
            print(f"screenshot failed: {exc}")
    context.close()


def sign_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("username", re.I)).fill(username)
    page.get_by_label(re.compile("password", re.I)).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"{username} could not sign in: {page.locator('main').inner_text()}")


def keep_screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
