"""Load a scenario file into core types, all or nothing.

Every problem is reported with the file, the record (by its key, not only its index) and the
field, e.g. ``gaza.toml: pledges[PAK-INF-1].personnel: must be >= 0``. Nothing is returned
unless the whole file is valid, so callers can never store half a scenario.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pydantic

from ..errors import ErrorCode, ValidationError
from ..forcegen.catalogue import country
from ..forcegen.model import Scenario
from .convert import to_scenario
from .schema import ScenarioIn

_CODES = {
    "malformed_date": ErrorCode.MALFORMED_DATE,
    "unknown_country": ErrorCode.UNKNOWN_COUNTRY,
    "unknown_unit_type": ErrorCode.UNKNOWN_UNIT_TYPE,
    "end_before_start": ErrorCode.END_BEFORE_START,
    "greater_than_equal": ErrorCode.NEGATIVE_COUNT,
    "unknown_reference": ErrorCode.UNKNOWN_REFERENCE,
    "duplicate_key": ErrorCode.DUPLICATE_KEY,
}
_RECORD_KEYS = ("key", "code")


def _record_label(raw: dict[str, Any], loc: Sequence[str | int]) -> tuple[str, list[str | int]]:
    """Turn ("pledges", 3, "personnel") into ("pledges[PAK-INF-1]", ["personnel"])."""
    if len(loc) >= 2 and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        rows = raw.get(section)
        name = str(index)
        if isinstance(rows, list) and index < len(rows) and isinstance(rows[index], dict):
            row = rows[index]
            for k in _RECORD_KEYS:
                if isinstance(row.get(k), str):
                    name = row[k]
                    break
            else:
                if section == "statements":
                    name = f"{row.get('contributor', '?')} {row.get('stated_on', '?')}"
        return f"{section}[{name}]", list(loc[2:])
    return (str(loc[0]) if loc else "(file)"), list(loc[1:])


def _field_path(parts: list[str | int]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(record)"


def _refuse(origin: str, problems: list[tuple[str, str, str, str]]) -> ValidationError:
    """problems: (record, field, error type, message)."""

    def where(rec: str, fld: str) -> str:
        return rec if fld == "(record)" else f"{rec}.{fld}"

    fields = {where(rec, fld): msg for rec, fld, _, msg in problems}
    rec, fld, kind, msg = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return ValidationError(
        f"{origin}: {where(rec, fld)}: {msg}{more}",
        code=_CODES.get(kind, ErrorCode.INVALID_INPUT),
        fields=fields,
    )


_Problem = tuple[str, str, str, str]  # (record, field, error type, message)


def _duplicates(section: str, keys: Iterable[str], field: str, message: str) -> list[_Problem]:
    seen: set[str] = set()
    problems = []
    for key in keys:
        if key in seen:
            problems.append((f"{section}[{key}]", field, "duplicate_key", message))
        seen.add(key)
    return problems


def _unknown_contributor(record: str, code: str) -> _Problem:
    return (record, "contributor", "unknown_reference", f"{code} is not among the contributors")


def _cross_references(model: ScenarioIn) -> list[_Problem]:
    """What pydantic cannot see across records, in a fixed order (the first names the error)."""
    known = {c.code for c in model.contributors}
    problems = _duplicates(
        "contributors", (c.code for c in model.contributors), "code", "listed twice"
    )
    problems += [
        _unknown_contributor(f"statements[{s.contributor} {s.stated_on}]", s.contributor)
        for s in model.statements
        if s.contributor not in known
    ]
    for section, rows in (("pledges", model.pledges), ("requirements", model.requirements)):
        problems += _duplicates(section, (row.key for row in rows), "key", "key used twice")
    problems += [
        _unknown_contributor(f"pledges[{p.key}]", p.contributor)
        for p in model.pledges
        if p.contributor not in known
    ]
    pledges = {p.key for p in model.pledges}
    reqs = {r.key for r in model.requirements}
    for i, case in enumerate(model.cases):
        if case.pledge not in pledges:
            problems.append(
                (f"cases[{i}]", "pledge", "unknown_reference", f"no pledge {case.pledge!r}")
            )
        if case.requirement not in reqs:
            problems.append(
                (
                    f"cases[{i}]",
                    "requirement",
                    "unknown_reference",
                    f"no requirement {case.requirement!r}",
                )
            )
    return problems


def parse_scenario(raw: dict[str, Any], *, origin: str = "scenario") -> Scenario:
    """Validate a scenario given as plain data; raise ``ValidationError`` naming every problem."""
    try:
        model = ScenarioIn.model_validate(raw)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            rec, rest = _record_label(raw, err["loc"])
            problems.append((rec, _field_path(rest), err["type"], err["msg"]))
        raise _refuse(origin, problems) from None
    problems = _cross_references(model)
    if problems:
        raise _refuse(origin, problems)
    return to_scenario(
        model, names={c.code: (c.name or (country(c.code) or ("",))[0]) for c in model.contributors}
    )


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    origin = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(
            f"{origin}: no such file", code=ErrorCode.NOT_FOUND, fields={"path": str(path)}
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            f"{origin}: not valid TOML: {exc}", fields={"(file)": str(exc)}
        ) from None
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{origin}: not UTF-8 text: {exc}", fields={"(file)": str(exc)}
        ) from None
    return parse_scenario(raw, origin=origin)
