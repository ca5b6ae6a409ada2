"""The IATI 2.03 activity, as the subset Contingent publishes for funding flows.

Codes are IATI codelist codes (strings), checked against the codelists by ``validate_iati``:
OrganisationRole 1 Funding / 2 Accountable / 3 Extending / 4 Implementing; TransactionType
(``TransactionKind``); ActivityStatus 1–6; OrganisationType (e.g. 10 Government, 40 Multilateral);
Sector vocabulary 1 = OECD DAC 5-digit (15230 "Participation in international peacekeeping
operations"); Country = ISO 3166-1 alpha-2 (PS for Palestine; P-codes have no IATI vocabulary,
access.md §4.2, so they go in narrative text only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class TransactionKind(StrEnum):
    """IATI TransactionType codes used for funding flows (embedded/TransactionType.xml)."""

    INCOMING_FUNDS = "1"
    OUTGOING_COMMITMENT = "2"
    DISBURSEMENT = "3"
    EXPENDITURE = "4"
    INCOMING_COMMITMENT = "11"
    OUTGOING_PLEDGE = "12"
    INCOMING_PLEDGE = "13"


@dataclass(frozen=True, slots=True)
class IatiOrg:
    name: str
    ref: str | None = None  # IATI organisation identifier, when the org has one
    type_code: str | None = None  # OrganisationType


@dataclass(frozen=True, slots=True)
class IatiTransaction:
    kind: TransactionKind
    day: date
    value_usd: Decimal
    provider: IatiOrg | None = None
    receiver: IatiOrg | None = None
    description: str = ""
    ref: str = ""


@dataclass(frozen=True, slots=True)
class IatiSector:
    code: str
    vocabulary: str = "1"
    percentage: Decimal = Decimal(100)


@dataclass(frozen=True, slots=True)
class IatiActivity:
    identifier: str  # MUST start with the reporting org's ref and never change once published
    reporting_org: IatiOrg
    title: str
    description: str
    participating: tuple[tuple[IatiOrg, str], ...]  # (org, OrganisationRole code)
    status_code: str
    planned_start: date
    planned_end: date | None
    last_updated: datetime
    recipient_country: str | None = "PS"
    sectors: tuple[IatiSector, ...] = (IatiSector("15230"),)
    humanitarian: bool = False
    transactions: tuple[IatiTransaction, ...] = field(default=())
