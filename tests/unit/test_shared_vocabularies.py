"""Vocabularies defined twice on purpose stay the same words.

The ledger package must stay copyable on its own (the standalone verifier), so it keeps its own
tuple of classifications; the sourcing core has no "not yet registered" readiness level (such a
pledge enters as Level 1 with a missing registration). Each copy is held to the one it mirrors.
"""

from contingent.core.forcegen.enums import READINESS_ORDER, Classification, ReadinessLevel
from contingent.core.ledger import CLASSIFICATIONS
from contingent.core.sourcing import Readiness


def test_the_ledger_accepts_exactly_the_record_classifications():
    assert tuple(c.value for c in Classification) == CLASSIFICATIONS


def test_sourcing_readiness_is_the_pcrs_ladder_without_the_unregistered_level():
    assert [r.value for r in Readiness] == [
        level.value for level in ReadinessLevel if level is not ReadinessLevel.NONE
    ]
    assert {r.value: r.rank for r in Readiness} == {
        level.value: READINESS_ORDER[level]
        for level in ReadinessLevel
        if level is not ReadinessLevel.NONE
    }
