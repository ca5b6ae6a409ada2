"""State changes of humanitarian access.

``check_<verb>_<noun>`` validates input (raising coded errors, writing nothing) and then calls
``do_<verb>_<noun>``; ``do_`` assumes valid input, runs in one transaction and appends to the
ledger, so a change and its ledger entry commit or roll back together.
"""

from .coordination import (
    check_record_outcome,
    check_request_coordination,
    do_record_outcome,
    do_request_coordination,
)
from .delivery import do_acknowledge, do_record_delivery, record_pull
from .force import (
    check_declare_area,
    check_declare_corridor,
    check_set_lead_time_rule,
    do_declare_area,
    do_declare_corridor,
)
from .notify import (
    NotifyResult,
    check_notify_movement,
    check_notify_site,
    do_notify,
    do_store_conflicts,
    store_conflicts,
)
from .sites_import import ImportReport, check_import_sites

__all__ = [
    "ImportReport",
    "NotifyResult",
    "check_declare_area",
    "check_declare_corridor",
    "check_import_sites",
    "check_notify_movement",
    "check_notify_site",
    "check_record_outcome",
    "check_request_coordination",
    "check_set_lead_time_rule",
    "do_acknowledge",
    "do_declare_area",
    "do_declare_corridor",
    "do_notify",
    "do_record_delivery",
    "do_record_outcome",
    "do_request_coordination",
    "do_store_conflicts",
    "record_pull",
    "store_conflicts",
]
