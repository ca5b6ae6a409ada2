"""Rulebooks as data, and the gate engine that applies them.

A rulebook (``rulebooks/<key>.json``) lists, per state machine (``pledge`` readiness levels,
``stance``, deployment ``case``), the allowed transitions and, for each, the preconditions that
guard it: a check name from ``checks.CHECKS``, its parameters, and the stable code and message
reported when it is unmet. Changing what a framework requires is an edit to data, reviewed like
any other source, not a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ContingentError, ErrorCode, TransitionRefused
from .checks import CHECKS, GateContext
from .enums import Framework

MACHINES = ("pledge", "stance", "case")
ANY = "*"
START = "start"  # the state before a deployment case exists


@dataclass(frozen=True)
class Precondition:
    check: str
    params: dict[str, Any]
    code: str
    message: str
    source: str = ""


@dataclass(frozen=True)
class Transition:
    machine: str
    sources: tuple[str, ...]  # states it may start from, or ("*",)
    target: str
    requires: tuple[Precondition, ...]

    def starts_from(self, state: str) -> bool:
        return ANY in self.sources or state in self.sources


@dataclass(frozen=True)
class Reason:
    """One unmet precondition: what is missing, in a stable code and in words."""

    code: str
    message: str
    evidence: str
    check: str
    source: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "message": self.message,
            "evidence": self.evidence,
            "source": self.source,
        }


@dataclass(frozen=True)
class Rulebook:
    key: str
    name: str
    framework: Framework
    transitions: tuple[Transition, ...]
    sources: tuple[str, ...] = ()

    def find(self, machine: str, state: str, target: str) -> Transition | None:
        for t in self.transitions:
            if t.machine == machine and t.target == target and t.starts_from(state):
                return t
        return None

    def targets_from(self, machine: str, state: str) -> list[str]:
        return [t.target for t in self.transitions if t.machine == machine and t.starts_from(state)]


def _precondition(raw: Any, checks: dict[str, Any], where: str) -> Precondition:
    spec = {"use": raw} if isinstance(raw, str) else dict(raw)
    name = spec.pop("use")
    if name not in checks:
        raise ContingentError(
            f"{where}: unknown precondition {name!r}", code=ErrorCode.INVALID_INPUT
        )
    base = dict(checks[name])
    base.update(spec)
    check_name = base.pop("check")
    if check_name not in CHECKS:
        raise ContingentError(
            f"{where}: unknown check {check_name!r}", code=ErrorCode.INVALID_INPUT
        )
    return Precondition(
        check=check_name,
        params=base.pop("params", {}),
        code=base.pop("code"),
        message=base.pop("message"),
        source=base.pop("source", ""),
    )


def parse_rulebook(data: dict[str, Any]) -> Rulebook:
    checks = data.get("preconditions", {})
    transitions = []
    for machine in MACHINES:
        for i, t in enumerate(data.get(machine, [])):
            where = f"rulebook {data['key']}: {machine}[{i}]"
            sources = t["from"] if isinstance(t["from"], list) else [t["from"]]
            transitions.append(
                Transition(
                    machine=machine,
                    sources=tuple(sources),
                    target=t["to"],
                    requires=tuple(_precondition(r, checks, where) for r in t.get("requires", [])),
                )
            )
    return Rulebook(
        key=data["key"],
        name=data["name"],
        framework=Framework(data["framework"]),
        transitions=tuple(transitions),
        sources=tuple(data.get("sources", [])),
    )


def load_rulebook(key_or_path: str | Path) -> Rulebook:
    """A bundled rulebook by key (``un_pko``, ``coalition``) or any rulebook file by path."""
    path = Path(key_or_path)
    if path.suffix == ".json" and path.exists():
        return parse_rulebook(json.loads(path.read_text(encoding="utf-8")))
    bundled = resources.files("contingent.core.forcegen") / "rulebooks" / f"{key_or_path}.json"
    if not bundled.is_file():
        raise ContingentError(
            f"no rulebook named {key_or_path!r}", code=ErrorCode.UNKNOWN_REFERENCE
        )
    return parse_rulebook(json.loads(bundled.read_text(encoding="utf-8")))


def rulebook_for(framework: Framework) -> Rulebook:
    return load_rulebook({Framework.UN_PKO: "un_pko"}.get(framework, "coalition"))


def unmet(
    rulebook: Rulebook, machine: str, state: str, target: str, ctx: GateContext
) -> list[Reason]:
    """Every unmet precondition of ``state -> target``, in rulebook order (empty: allowed).

    A transition the rulebook does not know is reported as one reason, ``no_such_transition``.
    """
    t = rulebook.find(machine, state, target)
    if t is None:
        allowed = ", ".join(rulebook.targets_from(machine, state)) or "none"
        return [
            Reason(
                code="no_such_transition",
                message=f"{rulebook.name} has no {machine} transition {state} → {target}",
                evidence=f"from {state} the rulebook allows: {allowed}",
                check="",
            )
        ]
    reasons = []
    for pre in t.requires:
        met, evidence = CHECKS[pre.check](ctx, pre.params)
        if not met:
            reasons.append(Reason(pre.code, pre.message, evidence, pre.check, pre.source))
    return reasons


def require(rulebook: Rulebook, machine: str, state: str, target: str, ctx: GateContext) -> None:
    """Raise ``TransitionRefused`` with one coded reason per unmet precondition."""
    reasons = unmet(rulebook, machine, state, target, ctx)
    if reasons:
        err = TransitionRefused(
            f"{machine} {state} → {target} refused: " + "; ".join(r.message for r in reasons),
            [(r.code, f"{r.message} ({r.evidence})") for r in reasons],
        )
        if reasons[0].code == "no_such_transition":
            err.code = ErrorCode.UNKNOWN_TRANSITION
        raise err
