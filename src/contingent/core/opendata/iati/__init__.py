"""IATI 2.03 activity XML for funding flows: model, builder, contributions mapping, validator."""

from contingent.core.opendata.iati.build import build_iati_activities
from contingent.core.opendata.iati.funding import (
    FundingExportContext,
    funding_activities,
    identifier_for,
)
from contingent.core.opendata.iati.model import (
    IatiActivity,
    IatiOrg,
    IatiSector,
    IatiTransaction,
    TransactionKind,
)
from contingent.core.opendata.iati.validate import (
    check_codelists,
    load_codelist_rules,
    load_codelists,
    validate_iati,
)

__all__ = [
    "FundingExportContext",
    "IatiActivity",
    "IatiOrg",
    "IatiSector",
    "IatiTransaction",
    "TransactionKind",
    "build_iati_activities",
    "check_codelists",
    "funding_activities",
    "identifier_for",
    "load_codelist_rules",
    "load_codelists",
    "validate_iati",
]
