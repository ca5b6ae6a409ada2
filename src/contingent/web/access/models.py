"""Humanitarian-access storage.

A notification is a head row (:class:`Notification`: key, kind, organisation) and immutable
versions (:class:`NotificationVersion`). A version keeps the exact canonical JSON bytes it was
hashed and signed over (``payload_canonical``) and the exact receipt file bytes, as text: a JSON
column would let PostgreSQL's jsonb reorder keys or reformat numbers, and the hash must be
reproducible from what is stored. The few columns beside the payload exist for queries only.

Nothing here has an approval status: notifications are informative, never permission
(access.md §1.3). Only :class:`CoordinationRequest` has an outcome.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from contingent.core.access.model import ConflictKind, Outcome


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ")) for m in enum]


class ImmutableRow(models.Model):
    """A row written once. Updating or deleting it through the ORM is refused: a later incident
    must be tied to exactly what the force was told (access.md §1.6)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError(f"{type(self).__name__} rows are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError(f"{type(self).__name__} rows are immutable")


class LeadTimeRule(models.Model):
    """Lead-time rule as data, per operation, versioned by ``effective_from``/``effective_to``.
    No row for an operation means the defaults of ``core.access.leadtime`` (48 h / 24 h,
    Yemen HNS, access.md §1.2)."""

    operation = models.ForeignKey(
        "forcegen.Operation", on_delete=models.CASCADE, related_name="lead_time_rules"
    )
    standard_h = models.FloatField()
    emergency_h = models.FloatField()
    source = models.TextField()
    effective_from = models.DateTimeField()
    effective_to = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_from"]


class Recipient(models.Model):
    """A party of the force that receives notifications: an operations centre, or an
    operational system that pulls them through the API (the WCK lesson, access.md §0.4)."""

    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    is_operational_system = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    KIND_SITE = "site"
    KIND_MOVEMENT = "movement"

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=[("site", "site"), ("movement", "movement")])
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="notifications"
    )
    operation = models.ForeignKey(
        "forcegen.Operation", on_delete=models.SET_NULL, null=True, blank=True
    )
    illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def current(self) -> NotificationVersion:
        return self.versions.order_by("-version").first()  # type: ignore[return-value]


class NotificationVersion(ImmutableRow):
    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="versions"
    )
    version = models.PositiveIntegerField()
    payload_canonical = models.TextField()  # exact UTF-8 canonical JSON that was hashed
    payload_sha256 = models.CharField(max_length=64)
    receipt_file = models.TextField()  # exact bytes of the signed receipt file
    received_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=150)
    # query columns (copies of payload fields)
    name = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, blank=True)
    adm2_pcode = models.CharField(max_length=12, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    is_emergency = models.BooleanField(default=False)
    has_checkpoints = models.BooleanField(default=False)
    # lead time (movements): accepted and flagged, never dropped (access.md §1.2)
    late = models.BooleanField(default=False)
    lead_required_h = models.FloatField(null=True, blank=True)
    lead_actual_h = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["notification_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "version"], name="one_row_per_version")
        ]

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_canonical)

    @property
    def ref(self) -> str:
        return f"{self.notification.key}/v{self.version}"


class DeliveryEvent(ImmutableRow):
    """One step of one recipient's handling of one version. An acknowledgement says the
    recipient has it; it is not an approval (access.md §1.3)."""

    SENT, DELIVERED, CONSUMED, ACKNOWLEDGED = "sent", "delivered", "consumed", "acknowledged"
    EVENTS = (SENT, DELIVERED, CONSUMED, ACKNOWLEDGED)

    version = models.ForeignKey(
        NotificationVersion, on_delete=models.PROTECT, related_name="deliveries"
    )
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="deliveries")
    event = models.CharField(max_length=14, choices=[(e, e) for e in EVENTS])
    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    channel = models.CharField(max_length=20, default="portal")
    reference = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version_id", "recipient_id", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "recipient", "event"], name="one_event_per_recipient_step"
            )
        ]


class CoordinationRequest(models.Model):
    """The permission-like regime (Gaza), a separate object with an outcome (access.md §0.2)."""

    key = models.CharField(max_length=80, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="coordination_requests"
    )
    movement = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="coordination_requests"
    )
    requested_at = models.DateTimeField()
    requested_by = models.CharField(max_length=150)
    outcome = models.CharField(max_length=30, choices=_choices(Outcome), blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    hours_waiting = models.FloatField(null=True, blank=True)
    reason = models.TextField(blank=True)
    outcome_recorded_by = models.CharField(max_length=150, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class Corridor(ImmutableRow):
    """A route (LineString + ``width_m``) or an area (Polygon) with its open windows."""

    key = models.CharField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=200)
    geom_wgs84 = models.JSONField()
    width_m = models.FloatField(default=0.0)
    open_windows = models.JSONField(default=list)  # [[start ISO, end ISO], ...]
    classification = models.CharField(max_length=16, default="restricted")
    illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["key", "version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="one_corridor_version")
        ]


class ForceArea(ImmutableRow):
    """The force side: an exclusion zone or a planned operation (area + time window).
    Restricted: humanitarian officers never read these rows, only the conflicts they cause."""

    ZONE, OPERATION = "zone", "operation"

    kind = models.CharField(max_length=10, choices=[("zone", "zone"), ("operation", "operation")])
    key = models.CharField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=200)
    area_wgs84 = models.JSONField()
    buffer_m = models.FloatField(default=0.0)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    operation = models.ForeignKey(
        "forcegen.Operation", on_delete=models.SET_NULL, null=True, blank=True
    )
    classification = models.CharField(max_length=16, default="restricted")
    illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["kind", "key", "version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "version"], name="one_area_version")
        ]


class ConflictRecord(ImmutableRow):
    """A conflict the engine found, naming both object versions (``a``/``b`` as in the core)."""

    found_at = models.DateTimeField()
    trigger = models.CharField(max_length=120)  # "notify site-12/v2", "bulk 2026-11-30", ...
    kind = models.CharField(max_length=30, choices=_choices(ConflictKind))
    severity = models.CharField(max_length=16)
    a_kind = models.CharField(max_length=12)
    a_key = models.CharField(max_length=80)
    a_version = models.PositiveIntegerField()
    b_kind = models.CharField(max_length=12)
    b_key = models.CharField(max_length=80)
    b_version = models.PositiveIntegerField()
    distance_m = models.FloatField()
    overlap_start = models.DateTimeField()
    overlap_end = models.DateTimeField()
    detail = models.TextField(blank=True)
    checkpoint_id = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-found_at", "id"]
        indexes = [
            models.Index(fields=["a_kind", "a_key"]),
            models.Index(fields=["b_kind", "b_key"]),
        ]
