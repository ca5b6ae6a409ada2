"""What-if changes written by people: ``--commit-more PAK:infantry_battalion:850`` on the CLI,
``{"kind": "commit_more", …}`` in the API and the plan page. Parsing only; the sourcing core
checks that the contributor, pledge, requirement and unit type exist (coded errors)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..errors import ErrorCode, ValidationError
from ..sourcing import CommitMore, DropRequirement, RaiseReadiness, Readiness
from ..sourcing.whatif import Change

# The fields of each kind of change, in the order the CLI's colon form takes them.
FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    "commit_more": (
        "contributor",
        "unit_type",
        "personnel",
        "units",
        "readiness",
        "earliest_deployment",
    ),
    "raise_readiness": ("pledge", "readiness", "by"),
    "drop_requirement": ("requirement",),
}
KINDS = tuple(FIELDS_BY_KIND)


def _int(value: Any, where: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            f"{where}: not a whole number: {value!r}", fields={where: "not a whole number"}
        ) from None
    if n < 0:
        raise ValidationError(
            f"{where}: must not be negative",
            code=ErrorCode.NEGATIVE_COUNT,
            fields={where: "negative"},
        )
    return n


def _level(value: Any, where: str) -> Readiness:
    try:
        return Readiness(str(value))
    except ValueError:
        raise ValidationError(
            f"{where}: not a readiness level (L1, L2, L3, RDL): {value!r}",
            fields={where: "unknown level"},
        ) from None


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            f"{where}: not a date (YYYY-MM-DD): {value!r}",
            code=ErrorCode.MALFORMED_DATE,
            fields={where: "malformed date"},
        ) from None


def change_from_dict(raw: Mapping[str, Any], where: str = "change") -> Change:
    kind = raw.get("kind")
    if kind == "commit_more":
        return CommitMore(
            contributor=str(raw.get("contributor", "")),
            unit_type=str(raw.get("unit_type", "")),
            personnel=_int(raw.get("personnel"), f"{where}.personnel"),
            units=_int(raw.get("units", 1), f"{where}.units"),
            readiness=_level(raw.get("readiness", "L2"), f"{where}.readiness"),
            earliest_deployment=_day(raw["earliest_deployment"], f"{where}.earliest_deployment")
            if raw.get("earliest_deployment")
            else None,
        )
    if kind == "raise_readiness":
        return RaiseReadiness(
            unit_id=str(raw.get("pledge", "")),
            readiness=_level(raw.get("readiness"), f"{where}.readiness"),
            by=_day(raw.get("by"), f"{where}.by"),
        )
    if kind == "drop_requirement":
        return DropRequirement(str(raw.get("requirement", "")))
    raise ValidationError(
        f"{where}.kind: one of {', '.join(KINDS)}", fields={f"{where}.kind": "unknown kind"}
    )


def parse_cli_change(kind: str, text: str, where: str) -> Change:
    """``commit_more``: CODE:TYPE:PERSONNEL[:UNITS[:LEVEL[:YYYY-MM-DD]]];
    ``raise_readiness``: PLEDGE:LEVEL:YYYY-MM-DD; ``drop_requirement``: REQUIREMENT."""
    parts = text.split(":")
    names = list(FIELDS_BY_KIND[kind])
    need = {"commit_more": 3, "raise_readiness": 3, "drop_requirement": 1}[kind]
    if not need <= len(parts) <= len(names):
        raise ValidationError(
            f"{where}: expected {':'.join(n.upper() for n in names[:need])}[…], got {text!r}",
            fields={where: "wrong number of parts"},
        )
    return change_from_dict({"kind": kind, **dict(zip(names, parts, strict=False))}, where)
