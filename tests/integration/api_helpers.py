"""Small helpers for API tests: JSON calls and a census of what a refused request must not
change (rows in every force-generation table, ledger entries, idempotency records)."""

from __future__ import annotations

import json
from typing import Any

OP = "/api/v1/operations/isf-gaza"


def post(client: Any, url: str, body: Any, **headers: str) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, raw, content_type="application/json", headers=headers)


def census() -> dict[str, Any]:
    from contingent.web.api.models import IdempotencyRecord
    from contingent.web.core.models import LedgerEntry
    from contingent.web.forcegen import models as db

    pledges = {
        p.key: (p.readiness, p.status, json.dumps(p.approvals), json.dumps(p.visits))
        for p in db.Pledge.objects.all()
    }
    return {
        "statements": db.Statement.objects.count(),
        "pledges": pledges,
        "cases": list(db.DeploymentCase.objects.values_list("pledge__key", "stage")),
        "ledger": LedgerEntry.objects.count(),
        "idempotency": IdempotencyRecord.objects.count(),
    }


def assert_envelope(resp: Any, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, (resp.status_code, resp.content[:500])
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert {"code", "message", "fields"} <= set(err), err
    assert err["code"] == code, err
    return err
