"""A short, bounded schemathesis run against /api/v1, in-process through the WSGI app and the
test database, as a signed-in planner (the widest write access): no generated request may get a
server error. Bounded by examples per operation, not by time (no timing assertion)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES_PER_OPERATION = 25


def _schema():  # noqa: ANN202
    from contingent.web.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def in_process_wsgi():
    """Django's WSGI handler closes the database connection when a request finishes; inside a
    test that connection holds the test transaction. Django's own test client disconnects this
    handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_survives_generated_requests_without_a_server_error(personas, in_process_wsgi):
    schema = _schema()
    schema.validate()  # the OpenAPI document itself is valid
    token = personas["planner"].token
    failures: list[str] = []
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 16

    for op in operations:
        _fuzz(op, token, failures)
    assert not failures, "\n".join(failures[:20])


def _fuzz(op, token: str, failures: list[str]) -> None:  # noqa: ANN001
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,  # the same cases every run: a failure is reproducible
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=op.as_strategy(),
        key=st.sampled_from(["isf-gaza", None]),
        pledge=st.sampled_from(["PAK-INF-1", "IDN-INF-1", "IDN-ENG-1", None]),
    )
    def run(case, key, pledge):  # noqa: ANN001, ANN202
        # Most cases aim at the loaded operation and its pledges, so that code past the
        # lookups runs too (random keys would only ever meet a 404).
        params = case.path_parameters if isinstance(case.path_parameters, dict) else {}
        if key and "key" in params:
            params["key"] = key
        if pledge and "pledge_key" in params:
            params["pledge_key"] = pledge
        resp = case.call(headers={"Authorization": f"Bearer {token}"})
        if resp.status_code >= 500:
            failures.append(f"{op.label}: {resp.status_code} {case.as_curl_command()}")
        elif resp.status_code >= 400:
            assert "error" in resp.json(), (op.label, resp.status_code, resp.text[:300])

    run()
