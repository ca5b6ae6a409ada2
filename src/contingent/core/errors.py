"""One exception family for the whole core.

Every error carries a stable ``code`` (an enum member, never text inside the message) and
named ``fields`` saying where the problem is, so the web layer can map it in one place to
``{"error": {"code", "message", "fields"}}`` and the CLI can print it without parsing.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class ErrorCode(StrEnum):
    # input validation (edge)
    INVALID_INPUT = "invalid_input"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_UNIT_TYPE = "unknown_unit_type"
    UNKNOWN_CONTRIBUTOR = "unknown_contributor"
    UNKNOWN_REFERENCE = "unknown_reference"
    NEGATIVE_COUNT = "negative_count"
    END_BEFORE_START = "end_before_start"
    MALFORMED_DATE = "malformed_date"
    DUPLICATE_KEY = "duplicate_key"
    # geometry
    INVALID_GEOMETRY = "invalid_geometry"
    SELF_INTERSECTION = "self_intersection"
    OUTSIDE_AREA = "outside_area"
    SWAPPED_COORDINATES = "swapped_coordinates"
    ROUTE_TOO_SHORT = "route_too_short"
    UPLOAD_TOO_LARGE = "upload_too_large"
    # state machines and gates
    TRANSITION_REFUSED = "transition_refused"
    UNKNOWN_TRANSITION = "unknown_transition"
    # access
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    NOT_AUTHENTICATED = "not_authenticated"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    # API requests
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    # ledger and signatures
    LEDGER_BROKEN = "ledger_broken"
    BAD_SIGNATURE = "bad_signature"
    # solver
    SOLVER_FAILED = "solver_failed"


class ContingentError(Exception):
    """Base of every error the core raises on purpose."""

    code: ErrorCode = ErrorCode.INVALID_INPUT

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.fields: dict[str, str] = dict(fields or {})

    def as_dict(self) -> dict[str, object]:
        return {"code": str(self.code), "message": self.message, "fields": self.fields}


class ValidationError(ContingentError):
    """Input that cannot be accepted; ``fields`` maps a dotted location to what is wrong."""


class NotFound(ContingentError):
    code = ErrorCode.NOT_FOUND


class Forbidden(ContingentError):
    code = ErrorCode.FORBIDDEN


class TransitionRefused(ContingentError):
    """A state change whose preconditions are not all met.

    ``reasons`` holds one coded reason per unmet precondition, in rulebook order.
    """

    code = ErrorCode.TRANSITION_REFUSED

    def __init__(self, message: str, reasons: list[tuple[str, str]]) -> None:
        super().__init__(message, fields={c: m for c, m in reasons})
        self.reasons = reasons

    def as_dict(self) -> dict[str, object]:
        d = super().as_dict()
        d["reasons"] = [{"code": c, "message": m} for c, m in self.reasons]
        return d


class GeometryError(ValidationError):
    code = ErrorCode.INVALID_GEOMETRY


class LedgerBroken(ContingentError):
    code = ErrorCode.LEDGER_BROKEN
