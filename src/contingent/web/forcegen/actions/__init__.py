"""State changes of force generation.

``check_<verb>_<noun>`` validates against the rulebook and then calls ``do_<verb>_<noun>``;
``do_`` assumes valid input, runs in one transaction and appends to the ledger, so a change and
its ledger entry commit or roll back together.
"""

from .cases import check_advance_case, do_advance_case
from .pledges import (
    check_record_pledge_fact,
    check_transition_pledge,
    do_record_pledge,
    do_update_pledge,
)
from .scenario import do_load_scenario
from .stances import check_record_statement, do_record_statement

__all__ = [
    "check_advance_case",
    "check_record_pledge_fact",
    "check_record_statement",
    "check_transition_pledge",
    "do_advance_case",
    "do_load_scenario",
    "do_record_pledge",
    "do_record_statement",
    "do_update_pledge",
]
