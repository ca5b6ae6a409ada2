"""Reference catalogues the scenario loader validates against: unit types and country codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

# Codes outside ISO 3166 that contributors use. Kosovo: XK/XKX, no M49 code (OCHA countries
# and territories taxonomy, shared/data/country-codes).
USER_ASSIGNED = {"XKX": ("Kosovo", None)}


@dataclass(frozen=True)
class UnitType:
    key: str
    label: str
    typical_personnel: int | None
    category: str
    source: str
    also_filled_by: tuple[str, ...] = ()


@cache
def unit_types() -> dict[str, UnitType]:
    raw = json.loads(
        (resources.files("contingent.core.forcegen") / "unit_types.json").read_text("utf-8")
    )
    return {
        k: UnitType(key=k, **{**v, "also_filled_by": tuple(v.get("also_filled_by", ()))})
        for k, v in raw["unit_types"].items()
    }


def country(code: str) -> tuple[str, str | None] | None:
    """(name, M49) for an ISO 3166-1 alpha-3 or recognised user-assigned code, else None."""
    if code in USER_ASSIGNED:
        return USER_ASSIGNED[code]
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        return None
    entry = pycountry.countries.get(alpha_3=code)
    if entry is None:
        return None
    # ISO 3166-1 numeric equals the UN M49 code for countries.
    return entry.name, entry.numeric
