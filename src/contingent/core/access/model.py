"""Humanitarian access domain types: notifications, coordination requests, corridors, the force's
zones and operations, and the conflicts the engine reports.

Notifications are *informative, never permission* (access.md §1.3, Chatham House; MSF Practical
Guide): nothing here has an approval status. Only :class:`CoordinationRequest` has an outcome
(the OCHA oPt buckets, access.md §1.3). Geometry is held as shapely objects in WGS84 lon/lat
(RFC 7946 order), already validated by :mod:`contingent.core.access.geometry`; the engine projects
to a metric CRS itself. Every object carries ``id`` and ``version`` so a conflict can name the exact
version the force was told about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shapely.geometry import LineString, Point, Polygon

from contingent.core.access.windows import TimeWindow
from contingent.core.errors import ErrorCode, ValidationError


def _not_negative(**values: float | None) -> None:
    bad = {k: f"{v} < 0" for k, v in values.items() if v is not None and v < 0}
    if bad:
        raise ValidationError(
            "a distance or count is negative", code=ErrorCode.NEGATIVE_COUNT, fields=bad
        )


class SiteCategory(StrEnum):
    """Categories from access.md §1.4 (last paragraph)."""

    OFFICE = "office"
    WAREHOUSE = "warehouse"
    GUESTHOUSE = "guesthouse"
    HOSPITAL_CLINIC = "hospital_clinic"
    SCHOOL = "school"
    SHELTER = "shelter"
    WASH_INSTALLATION = "wash_installation"
    BAKERY_DISTRIBUTION = "bakery_distribution"
    UN_PREMISES = "un_premises"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure"


class LegalBasis(StrEnum):
    """IHL bases from access.md §1.4 (ICRC customary IHL rule numbers)."""

    CIVILIAN_OBJECT = "civilian_object"  # Rule 7; AP I arts 48, 52(2)
    MEDICAL_UNIT = "medical_unit"  # Rule 28; GC I/IV, AP I art 12
    HUMANITARIAN_PERSONNEL = "humanitarian_personnel"  # Rule 31; AP I art 71(2)
    RELIEF_OBJECTS = "relief_objects"  # Rule 32; AP I art 70(4)
    UN_PREMISES = "un_premises"  # Convention on the Safety of UN Personnel art 7(1)
    INDISPENSABLE_TO_SURVIVAL = "indispensable_to_survival"  # Rule 54; AP I art 54(2)


DEFAULT_LEGAL_BASIS: dict[SiteCategory, LegalBasis] = {
    SiteCategory.OFFICE: LegalBasis.HUMANITARIAN_PERSONNEL,
    SiteCategory.WAREHOUSE: LegalBasis.RELIEF_OBJECTS,
    SiteCategory.GUESTHOUSE: LegalBasis.HUMANITARIAN_PERSONNEL,
    SiteCategory.HOSPITAL_CLINIC: LegalBasis.MEDICAL_UNIT,
    SiteCategory.SCHOOL: LegalBasis.CIVILIAN_OBJECT,
    SiteCategory.SHELTER: LegalBasis.CIVILIAN_OBJECT,
    SiteCategory.WASH_INSTALLATION: LegalBasis.INDISPENSABLE_TO_SURVIVAL,
    SiteCategory.BAKERY_DISTRIBUTION: LegalBasis.INDISPENSABLE_TO_SURVIVAL,
    SiteCategory.UN_PREMISES: LegalBasis.UN_PREMISES,
    SiteCategory.CRITICAL_INFRASTRUCTURE: LegalBasis.INDISPENSABLE_TO_SURVIVAL,
}


class SiteRelation(StrEnum):
    """How the organisation relates to the site (Syria SOP, access.md §2.2)."""

    ADMINISTERS = "administers"
    SUPPORTS = "supports"
    OPERATES = "operates"


class SiteStatus(StrEnum):
    """A withdrawn or suspended site keeps its protection under IHL (access.md §0.1, §1.6):
    the engine checks every status alike and only labels the conflict."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class MovementPurpose(StrEnum):
    """access.md §2.3 (Yemen and Syria sources)."""

    STAFF = "staff"
    FOOD = "food"
    NON_FOOD = "non_food"
    FUEL = "fuel"
    MEDICAL = "medical"
    EVACUATION = "evacuation"
    MIGRANTS = "migrants"
    GENERAL_CARGO = "general_cargo"


class Outcome(StrEnum):
    """Coordination outcomes, OCHA oPt access snapshots (access.md §1.3)."""

    FACILITATED = "facilitated"
    PARTIALLY_FACILITATED = "partially_facilitated"
    FACILITATED_THEN_IMPEDED = "facilitated_then_impeded"
    IMPEDED = "impeded"
    DENIED = "denied"
    POSTPONED_BY_ORGANISATION = "postponed_by_organisation"
    CANCELLED_BY_ORGANISATION = "cancelled_by_organisation"


class ConflictKind(StrEnum):
    ROUTE_CROSSES_ZONE = "route_crosses_zone"
    ROUTE_CROSSES_OPERATION = "route_crosses_operation"
    OPERATION_NEAR_SITE = "operation_near_site"
    CORRIDOR_CLOSED = "corridor_closed"
    CHECKPOINT_CONVERGENCE = "checkpoint_convergence"


class Severity(StrEnum):
    WARNING = "warning"
    INFORMATIONAL = "informational"


@dataclass(frozen=True, slots=True)
class SiteNotification:
    """One version of a static-site notification. ``buffer_m`` is the protective distance the
    engine keeps planned operations away from (``point`` or ``footprint`` when given)."""

    id: str
    version: int
    organisation_id: str
    name: str
    category: SiteCategory
    legal_basis: LegalBasis
    humanitarian_function: str
    relation: SiteRelation
    point_wgs84: Point
    validity: TimeWindow
    status: SiteStatus = SiteStatus.ACTIVE
    footprint_wgs84: Polygon | None = None
    buffer_m: float = 100.0
    adm1_pcode: str | None = None
    adm2_pcode: str | None = None
    last_reconfirmed_at: datetime | None = None
    withdrawal_reason: str | None = None
    name_ar: str | None = None
    source_ref: str | None = None

    def __post_init__(self) -> None:
        _not_negative(buffer_m=self.buffer_m)


@dataclass(frozen=True, slots=True)
class CheckpointPassage:
    """A movement's planned passage through a named checkpoint (Gaza: checkpoints and holding
    points, access.md §1.1). Convergence is keyed on ``checkpoint_id``."""

    checkpoint_id: str
    point_wgs84: Point
    at: datetime


@dataclass(frozen=True, slots=True)
class MovementNotification:
    """One version of a movement notification. ``window`` runs from the earliest departure to
    the latest arrival or return: the engine does not know where the convoy is inside it, so it
    treats the whole route as occupied for the whole window (conservative)."""

    id: str
    version: int
    organisation_id: str
    purpose: MovementPurpose
    is_emergency: bool
    origin_wgs84: Point
    destination_wgs84: Point
    route_wgs84: LineString
    window: TimeWindow
    vehicles: tuple[str, ...] = ()
    personnel_count: int = 0
    waypoints_wgs84: tuple[Point, ...] = ()
    checkpoints: tuple[CheckpointPassage, ...] = ()
    route_buffer_m: float = 0.0

    def __post_init__(self) -> None:
        _not_negative(route_buffer_m=self.route_buffer_m, personnel_count=self.personnel_count)


@dataclass(frozen=True, slots=True)
class CoordinationRequest:
    """The permission-like regime, kept apart from notifications (access.md §0.2)."""

    id: str
    version: int
    organisation_id: str
    movement_id: str
    requested_at: datetime
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    hours_waiting: float | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        _not_negative(hours_waiting=self.hours_waiting)
        if self.outcome_at is not None and self.outcome_at < self.requested_at:
            raise ValidationError(
                "the outcome is dated before the request",
                code=ErrorCode.END_BEFORE_START,
                fields={"outcome_at": "before requested_at"},
            )


@dataclass(frozen=True, slots=True)
class Corridor:
    """A route (``geom`` a LineString, with ``width_m``) or an area (Polygon) and the windows in
    which it is open. A movement whose route comes within ``width_m / 2`` of it needs it."""

    id: str
    version: int
    name: str
    geom_wgs84: LineString | Polygon
    open_windows: tuple[TimeWindow, ...]
    width_m: float = 0.0

    def __post_init__(self) -> None:
        _not_negative(width_m=self.width_m)


@dataclass(frozen=True, slots=True)
class ForceArea:
    """An area the force declares for a time window (restricted by default)."""

    id: str
    version: int
    area_wgs84: Polygon
    window: TimeWindow
    buffer_m: float = 0.0
    classification: str = "restricted"

    def __post_init__(self) -> None:
        _not_negative(buffer_m=self.buffer_m)


@dataclass(frozen=True, slots=True)
class ExclusionZone(ForceArea):
    """Where movements should not go during the window."""


@dataclass(frozen=True, slots=True)
class PlannedOperation(ForceArea):
    """A planned operation; checked against protected sites and movements."""


@dataclass(frozen=True, slots=True)
class ObjectRef:
    kind: str  # "site" | "movement" | "zone" | "operation" | "corridor"
    id: str
    version: int


@dataclass(frozen=True, slots=True)
class Conflict:
    """One conflict between two named object versions.

    ``distance_m`` is the exact distance in the metric projection (0 when they touch or cross);
    ``overlap`` is the common time (for a closed corridor: the first part of the movement's window
    outside every open window; for checkpoints: the span between the two passages)."""

    kind: ConflictKind
    severity: Severity
    a: ObjectRef
    b: ObjectRef
    distance_m: float
    overlap: TimeWindow
    detail: str = ""
    checkpoint_id: str = ""

    def key(self) -> tuple[str, str, str, int, str, str, int, str]:
        """Identity for comparing answer sets (distance and detail excluded)."""
        a, b = self.a, self.b
        return (self.kind, a.kind, a.id, a.version, b.kind, b.id, b.version, self.checkpoint_id)


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the bulk mode checks together (e.g. one day's plan)."""

    sites: tuple[SiteNotification, ...] = ()
    movements: tuple[MovementNotification, ...] = ()
    zones: tuple[ExclusionZone, ...] = ()
    operations: tuple[PlannedOperation, ...] = ()
    corridors: tuple[Corridor, ...] = ()
    checkpoint_interval_s: float = field(default=1800.0)
