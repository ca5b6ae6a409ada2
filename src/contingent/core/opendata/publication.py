"""The one gate between records and anything public: what of a record may be published.

Every writer in this package takes a ``PublicTable``, and a ``PublicTable`` is only built here,
by one of two paths:

- ``publish_records``: records whose classification is ``public`` only, and of those only the
  fields named in an explicit allow-list (a new field on a record is therefore never published
  by accident: fail closed).
- ``publish_aggregate``: records of *any* classification reduced to counts (and optional sums)
  per group of public keys (e.g. governorate P-code × ISO week). Only the group keys and the
  numbers leave; groups smaller than ``min_count`` are suppressed so that a single sensitive
  event cannot be singled out. The caller is responsible for choosing group keys that are not
  themselves sensitive (a P-code, a week; never a site id or coordinates).

A record's classification is read from a ``classification`` attribute or mapping key. A missing
or unknown value counts as ``confidential`` (fail closed). ``restricted`` and
``national-confidential`` (domain.md §7 conventions) are never published record by record.
Delays (publish only after N days) are the caller's filter on dates, applied before this gate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from contingent.core.errors import ValidationError
from contingent.core.forcegen.enums import Classification

_ALIASES = {"national-confidential": Classification.CONFIDENTIAL}


def classification_of(record: object) -> Classification:
    """The record's classification; anything missing or unrecognised is CONFIDENTIAL."""
    raw = (
        record.get("classification")
        if isinstance(record, Mapping)
        else getattr(record, "classification", None)
    )
    if isinstance(raw, Classification):
        return raw
    text = str(raw).strip().lower() if raw is not None else ""
    if text in _ALIASES:
        return _ALIASES[text]
    try:
        return Classification(text)
    except ValueError:
        return Classification.CONFIDENTIAL


T = TypeVar("T")


def public_only(records: Iterable[T]) -> list[T]:
    """The records that may be published one by one (classification ``public``)."""
    return [r for r in records if classification_of(r) is Classification.PUBLIC]


@dataclass(frozen=True, slots=True)
class PublicTable:
    """Columns and rows cleared for publication. Build it with ``publish_records`` or
    ``publish_aggregate``; writers accept nothing else."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    suppressed_groups: int = 0
    _token: object = dataclasses.field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _GATE:
            raise ValidationError(
                "a PublicTable is built only by publish_records or publish_aggregate",
                fields={"PublicTable": "built outside the publication gate"},
            )

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


_GATE = object()


def _field(record: object, name: str) -> Any:
    if isinstance(record, Mapping):
        if name not in record:
            raise ValidationError("field missing from a record", fields={name: "missing"})
        return record[name]
    if not hasattr(record, name):
        raise ValidationError("field missing from a record", fields={name: "missing"})
    return getattr(record, name)


def publish_records(name: str, records: Iterable[object], fields: Sequence[str]) -> PublicTable:
    """Public records only, allow-listed fields only, in the order given."""
    if "classification" in fields:
        fields = [f for f in fields if f != "classification"]
    rows = tuple(tuple(_field(r, f) for f in fields) for r in public_only(records))
    return PublicTable(name=name, columns=tuple(fields), rows=rows, _token=_GATE)


def publish_aggregate(
    name: str,
    records: Iterable[object],
    group_by: Mapping[str, Callable[[object], Any]],
    *,
    count_column: str = "count",
    sums: Mapping[str, Callable[[object], Any]] | None = None,
    min_count: int = 1,
) -> PublicTable:
    """Counts (and sums) per group, over records of every classification.

    ``group_by`` maps an output column to a function of the record (e.g. ``"adm2_pcode"`` →
    ``lambda r: r["pcode"]``, ``"week"`` → ISO week of the event). Groups with fewer than
    ``min_count`` records are dropped and counted in ``suppressed_groups``. Rows are sorted by
    their group keys so that exports are reproducible byte for byte.
    """
    sums = dict(sums or {})
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for record in records:
        key = tuple(fn(record) for fn in group_by.values())
        totals = groups.setdefault(key, [0] + [0] * len(sums))
        totals[0] += 1
        for i, fn in enumerate(sums.values(), start=1):
            totals[i] += fn(record)
    kept = {k: v for k, v in groups.items() if v[0] >= min_count}
    rows = tuple((*key, *kept[key]) for key in sorted(kept, key=_sort_key))
    return PublicTable(
        name=name,
        columns=(*group_by, count_column, *sums),
        rows=rows,
        suppressed_groups=len(groups) - len(kept),
        _token=_GATE,
    )


def _sort_key(key: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if k is None else str(k) for k in key)
