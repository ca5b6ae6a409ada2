"""Illustrative funding and incident data for the demo operation.

ILLUSTRATIVE: no ISF budget, donor list or contribution has been published. The only public
figure is about $7 bn pledged by nine States for the Board of Peace *at large* at its first
meeting on 19 Feb 2026 (about $17 bn with the US, against a reconstruction need of about
$70 bn) [G26][G28] domain.md §6 and §8. That is **not** an ISF budget and is not used as one
here. The donors below are invented (user-assigned codes XDA…XDE), not States; the amounts
are invented to exercise pledges, commitments, receipts, arrears and the funding gap.
Resolution 2803 funds the ISF by voluntary contributions [G2][G7].
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from contingent.core.costs import new_pledge, record_commitment, record_receipt
from contingent.web.forcegen.models import Operation

from . import actions
from . import models as db

ACTOR = "demo:transparency"
BOP_NOTE = (
    "[G26] ~$7 bn pledged by nine States to the Board of Peace at large, 19 Feb 2026: "
    "not an ISF budget"
)
FRAMEWORK = "ISF-S/RES/2803"
ILLUSTRATIVE_REF = "illustrative: not a real contribution"

# (id, donor code, donor name, fund, pledged, pledged_on, commitment, receipts, classification)
_CONTRIBUTIONS = (
    ("demo-c-01", "XDA", "Donor A (illustrative)", "isf", "40000000", date(2026, 2, 19),
     ("30000000", date(2026, 2, 23), date(2026, 2, 27)), (("12000000", date(2026, 2, 25)),),
     "public"),
    ("demo-c-02", "XDB", "Donor B (illustrative)", "isf", "25000000", date(2026, 2, 19),
     ("25000000", date(2026, 2, 24), date(2026, 6, 30)), (("25000000", date(2026, 2, 27)),),
     "public"),
    ("demo-c-03", "XDC", "Donor C (illustrative)", "police-training", "8000000",
     date(2026, 2, 20), None, (), "public"),
    ("demo-c-04", "XDD", "Donor D (illustrative)", "isf", "15000000", date(2026, 2, 21),
     ("15000000", date(2026, 2, 24), date(2026, 3, 31)), (), "public"),
    ("demo-c-05", "XDE", "Donor E (illustrative, restricted)", "isf", "5000000",
     date(2026, 2, 22), None, (), "restricted"),
)  # fmt: skip

# (key, category, day offset before as_of, P-code, classification)
_INCIDENTS = (
    ("demo-i-01", "CEASEFIRE_VIOLATION", 40, "PS0275", "restricted"),
    ("demo-i-02", "CEASEFIRE_VIOLATION", 39, "PS0275", "confidential"),
    ("demo-i-03", "CEASEFIRE_VIOLATION", 38, "PS0275", "restricted"),
    ("demo-i-04", "PROTECTION_OF_CIVILIANS", 33, "PS0270", "restricted"),
    ("demo-i-05", "PROTECTION_OF_CIVILIANS", 32, "PS0270", "restricted"),
    ("demo-i-06", "ATTACK_ON_CONVOY", 26, "PS0265", "confidential"),  # alone: suppressed
    ("demo-i-07", "CEASEFIRE_VIOLATION", 5, "PS0260", "restricted"),  # inside the delay
    ("demo-i-08", "CEASEFIRE_VIOLATION", 4, "PS0260", "restricted"),  # inside the delay
)


def _funds(op: Operation) -> dict[str, db.Fund]:
    specs = {
        "isf": "ISF voluntary contributions",
        "police-training": "Palestinian police training",
    }
    return {
        key: actions.do_record_fund(
            op,
            key=key,
            name=f"{name} (illustrative)",
            holder="ISF trust fund (illustrative)",
            holder_iati_ref="XI-IATI-CTGDEMO",
            illustrative=True,
            actor=ACTOR,
        )
        for key, name in specs.items()
    }


@transaction.atomic
def load_demo_transparency(op: Operation) -> bool:
    """Load the illustrative funds, contributions, incidents and policy once; False if present."""
    if db.Fund.objects.filter(operation=op).exists():
        return False
    funds = _funds(op)
    for cid, donor, name, fund, amount, day, commit, receipts, cls in _CONTRIBUTIONS:
        c = new_pledge(
            cid,
            donor,
            FRAMEWORK,
            fund,
            amount,
            day,
            classification=cls,
            source_ref=ILLUSTRATIVE_REF,
        )
        if commit is not None:
            c = record_commitment(c, commit[0], commit[1], due_day=commit[2])
        for value, received_on in receipts:
            c = record_receipt(c, value, received_on)
        actions.do_record_contribution(
            op, c, fund=funds[fund], donor_name=name, illustrative=True, actor=ACTOR
        )
    as_of = op.as_of or date.today()
    for key, category, days_before, pcode, cls in _INCIDENTS:
        day = as_of - timedelta(days=days_before)
        actions.do_record_incident(
            op,
            key=key,
            category=category,
            occurred_at=datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC),
            adm2_pcode=pcode,
            classification=cls,
            description="illustrative incident (no real event)",
            illustrative=True,
            actor=ACTOR,
        )
    actions.do_set_publication_policy(op, delay_days=14, min_group_size=2, actor=ACTOR)
    return True


def load_demo_for_all() -> int:
    """What ``contingent demo`` calls: every loaded operation gets its illustrative set once."""
    return sum(load_demo_transparency(op) for op in Operation.objects.all())
