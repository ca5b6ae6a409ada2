"""``Problem``: one finding of a validator, with where it is and which stage found it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    stage: str  # "xml", "schema", "codelist", "geojson", ...
    code: str  # stable, machine-readable (e.g. "codelist.not_in_list", "rfc7946.winding")
    message: str
    where: str = ""  # XPath-like location or JSON pointer
    line: int | None = None
    severity: Severity = Severity.ERROR


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
