"""Force-generation pages. Thin: read through the access functions, call the core, render."""

from .contributors import contributor_detail, contributor_list
from .dashboard import dashboard
from .ledger import ledger_page, ledger_verify
from .plan import plan_page, plan_table_csv
from .pledges import (
    pledge_board,
    pledge_case,
    pledge_detail,
    pledge_fact,
    pledge_new,
    pledge_readiness,
)
from .requirements import requirement_list

__all__ = [
    "contributor_detail",
    "contributor_list",
    "dashboard",
    "ledger_page",
    "ledger_verify",
    "pledge_board",
    "pledge_case",
    "pledge_detail",
    "pledge_fact",
    "pledge_new",
    "pledge_readiness",
    "plan_page",
    "plan_table_csv",
    "requirement_list",
]
