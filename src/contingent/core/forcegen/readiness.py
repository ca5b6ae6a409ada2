"""Operation-level gates: *is this force ready to deploy, and if not, what exactly is missing?*

Each gate answers met or unmet with its evidence, so the public question has a precise answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .enums import (
    CommandArrangement,
    Framework,
    HostAgreementStatus,
    PersonnelCategory,
    RoeStatus,
)
from .model import Operation


@dataclass(frozen=True)
class GateResult:
    key: str
    title: str
    met: bool
    evidence: str
    code: str  # stable code of the unmet condition, e.g. "roe_not_agreed"; "" when met

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "met": self.met,
            "evidence": self.evidence,
            "code": self.code,
        }


def _gate(key: str, title: str, met: bool, evidence: str, code: str) -> GateResult:
    return GateResult(key, title, met, evidence, "" if met else code)


def mandate_in_force(op: Operation, day: date) -> GateResult:
    m = op.mandate
    until = m.valid_to.isoformat() if m.valid_to else "open-ended"
    return _gate(
        "mandate_in_force",
        "Mandate in force",
        m.in_force_on(day),
        f"{op.resolution.symbol}: valid {m.valid_from.isoformat()} to {until}; as of {day}",
        "mandate_not_in_force",
    )


def roe_agreed(op: Operation, day: date) -> GateResult:
    return _gate(
        "roe_agreed",
        "Rules of engagement agreed",
        op.roe == RoeStatus.AGREED,
        f"rules of engagement: {op.roe.value.replace('_', ' ')}",
        "roe_not_agreed",
    )


def host_agreement(op: Operation, day: date) -> GateResult:
    # Under UN practice the model SOFA applies provisionally until one is signed [S35];
    # a coalition has no such default, so only a signed agreement counts there.
    accepted = {HostAgreementStatus.SIGNED}
    if op.framework == Framework.UN_PKO:
        accepted.add(HostAgreementStatus.PROVISIONAL_MODEL)
    return _gate(
        "host_agreement",
        "Host agreement (SOFA) in place",
        op.host_agreement in accepted,
        f"host agreement: {op.host_agreement.value.replace('_', ' ')}",
        "no_host_agreement",
    )


def funding_secured(op: Operation, day: date) -> GateResult:
    if op.funding_required_usd is None:
        return _gate(
            "funding_secured",
            "Funding secured",
            False,
            f"no budget published; ${op.funding_secured_usd:,} recorded as pledged",
            "no_budget",
        )
    met = op.funding_secured_usd >= op.funding_required_usd
    return _gate(
        "funding_secured",
        "Funding secured",
        met,
        f"${op.funding_secured_usd:,} secured of ${op.funding_required_usd:,} required",
        "funding_short",
    )


def exit_benchmarks_defined(op: Operation, day: date) -> GateResult:
    without = [b.key for b in op.benchmarks if not b.assessed_by.strip()]
    if not op.benchmarks:
        evidence, met = "no exit benchmark recorded", False
    elif without:
        evidence, met = f"benchmarks without an assessing body: {', '.join(without)}", False
    else:
        evidence, met = f"{len(op.benchmarks)} benchmarks, each with assessed_by", True
    return _gate(
        "exit_benchmarks_defined",
        "Exit benchmarks defined",
        met,
        evidence,
        "no_exit_benchmarks",
    )


def command_set(op: Operation, day: date) -> GateResult:
    return _gate(
        "command_arrangement_set",
        "Command arrangement set",
        op.command != CommandArrangement.UNSET,
        f"command: {op.command.value.replace('_', ' ')}",
        "command_not_set",
    )


def within_ceilings(op: Operation, deployed: Mapping[PersonnelCategory, int]) -> GateResult:
    over = []
    parts = []
    for c in op.mandate.ceilings:
        n = deployed.get(c.category, 0)
        parts.append(f"{c.category.value} {n:,}/{c.maximum:,}")
        if n > c.maximum:
            over.append(c.category.value)
    evidence = "; ".join(parts) or "no ceiling set"
    if over:
        evidence += f" — over the ceiling: {', '.join(over)}"
    return _gate(
        "within_ceilings",
        "Deployed strength within ceilings",
        not over,
        evidence,
        "ceiling_exceeded",
    )


_DAY_GATES = (
    mandate_in_force,
    roe_agreed,
    host_agreement,
    funding_secured,
    exit_benchmarks_defined,
    command_set,
)
GATE_KEYS: tuple[str, ...] = (
    "mandate_in_force",
    "roe_agreed",
    "host_agreement",
    "funding_secured",
    "exit_benchmarks_defined",
    "command_arrangement_set",
    "within_ceilings",
)


def operation_gates(
    op: Operation, day: date, deployed: Mapping[PersonnelCategory, int]
) -> list[GateResult]:
    """Every operation-level gate, in a fixed order, each met or unmet with evidence."""
    return [g(op, day) for g in _DAY_GATES] + [within_ceilings(op, deployed)]
