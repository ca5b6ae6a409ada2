"""Lead-time rules as data: how long before a movement its notification should arrive.

Defaults are the only published figures found: Yemen HNS, overland movements at least 48 h
before, emergencies at least 24 h with the emergency stated ([access.md §1.2]
https://response.reliefweb.int/yemen/humanitarian-notification-system). Syria and Gaza lead
times were not found (access.md §1.2, §9), so each operation sets its own rule. A late
notification is **accepted and flagged**, never dropped: the engine still checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contingent.core.access.windows import to_us

YEMEN_HNS_SOURCE = (
    "https://response.reliefweb.int/yemen/humanitarian-notification-system (access.md §1.2)"
)


@dataclass(frozen=True, slots=True)
class LeadTimeRule:
    operation_id: str | None = None
    standard_h: float = 48.0
    emergency_h: float = 24.0
    source: str = YEMEN_HNS_SOURCE


@dataclass(frozen=True, slots=True)
class LeadTimeAssessment:
    required_h: float
    actual_h: float
    late: bool
    hours_short: float  # 0 when on time
    rule: LeadTimeRule


def assess_lead_time(
    submitted_at: datetime,
    departs_at: datetime,
    is_emergency: bool,
    rule: LeadTimeRule | None = None,
) -> LeadTimeAssessment:
    """How early the notification arrived against the rule (aware UTC datetimes only)."""
    rule = rule or LeadTimeRule()
    required = rule.emergency_h if is_emergency else rule.standard_h
    actual = (to_us(departs_at) - to_us(submitted_at)) / 3.6e9
    short = max(0.0, required - actual)
    return LeadTimeAssessment(required, actual, short > 0, short, rule)
