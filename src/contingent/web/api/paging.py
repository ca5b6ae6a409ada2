"""Offset pagination for list operations: ``?limit=&offset=`` → ``{items, count, limit, offset}``.
Counting and slicing happen in SQL on the queryset the access function returned, so ``count``
is the number of records *this user* may see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Schema
from pydantic import Field

MAX_LIMIT = 500


class PageQuery(Schema):
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    offset: int = Field(default=0, ge=0, le=10_000_000)


def paginate(qs: Any, q: PageQuery, convert: Callable[[Any], Any]) -> dict[str, Any]:
    count = qs.count()
    rows = qs[q.offset : q.offset + q.limit]
    return {
        "items": [convert(r) for r in rows],
        "count": count,
        "limit": q.limit,
        "offset": q.offset,
    }
