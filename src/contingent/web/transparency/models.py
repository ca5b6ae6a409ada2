"""Transparency storage: rate schedules, funds and contributions, incidents, publication policy
and the published ledger checkpoints. Rows are converted to core types in ``convert.py``; what
may leave for the public is decided in ``public.py`` only, through ``core.opendata.publication``.

Every row that can hold sensitive data carries ``classification`` (public / restricted /
confidential), stated explicitly: there is no public default.
"""

from __future__ import annotations

from django.db import models

from contingent.core.costs import ContributionType, RateKind
from contingent.core.forcegen.enums import Classification
from contingent.web.forcegen.models import Operation


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ").lower()) for m in enum]


class IncidentCategory(models.TextChoices):
    """DESIGN.md capability 4; the spelling is the one the incident HXL schema checks."""

    CEASEFIRE_VIOLATION = "CEASEFIRE_VIOLATION", "ceasefire violation"
    ATTACK_ON_NOTIFIED_SITE = "ATTACK_ON_NOTIFIED_SITE", "attack on a notified site"
    ATTACK_ON_CONVOY = "ATTACK_ON_CONVOY", "attack on a notified convoy"
    PROTECTION_OF_CIVILIANS = "PROTECTION_OF_CIVILIANS", "protection of civilians"
    MISCONDUCT_ALLEGATION = "MISCONDUCT_ALLEGATION", "misconduct allegation"


class RateSchedule(models.Model):
    """A versioned, sourced schedule (core ``RateSchedule``); ``gaps`` are unconfirmed periods
    as ``[{"from", "to", "note", "source_tag", "source_url"}]``."""

    schedule_id = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=_choices(RateKind))
    currency = models.CharField(max_length=3, default="USD")
    gaps = models.JSONField(default=list)

    def __str__(self) -> str:
        return self.schedule_id


class RateRow(models.Model):
    """One amount per person per month in force from ``effective_from`` to ``effective_to``
    (inclusive; null: until further notice). Rows are never edited, only added."""

    schedule = models.ForeignKey(RateSchedule, on_delete=models.CASCADE, related_name="rows")
    amount_usd = models.DecimalField(max_digits=12, decimal_places=2)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    decided_by = models.CharField(max_length=300)
    source_tag = models.CharField(max_length=40)
    source_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["schedule", "effective_from"]
        unique_together = [("schedule", "effective_from")]


class Fund(models.Model):
    """A fund or earmark of an operation, held by ``holder`` (the IATI reporting org)."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="funds")
    key = models.CharField(max_length=80)
    name = models.CharField(max_length=200)
    holder = models.CharField(max_length=200)
    holder_iati_ref = models.CharField(max_length=80)
    illustrative = models.BooleanField(default=False)

    class Meta:
        unique_together = [("operation", "key")]
        ordering = ["operation", "key"]


class Contribution(models.Model):
    """One donor's money for one framework and fund (core ``Contribution``)."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="contributions")
    contribution_id = models.CharField(max_length=80, unique=True)
    donor = models.CharField(max_length=120)  # ISO alpha-3 or an organisation code
    donor_name = models.CharField(max_length=200)
    framework = models.CharField(max_length=80)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="contributions")
    type = models.CharField(max_length=20, choices=_choices(ContributionType))
    pledged_usd = models.DecimalField(max_digits=16, decimal_places=2)
    pledged_on = models.DateField()
    committed_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    committed_on = models.DateField(null=True, blank=True)
    due_day = models.DateField(null=True, blank=True)
    classification = models.CharField(max_length=16, choices=_choices(Classification))
    illustrative = models.BooleanField(default=False)
    source_ref = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pledged_on", "contribution_id"]


class Receipt(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="receipts"
    )
    amount_usd = models.DecimalField(max_digits=16, decimal_places=2)
    received_on = models.DateField()

    class Meta:
        ordering = ["received_on", "id"]


class Incident(models.Model):
    """An incident. Only (ISO week, governorate P-code, category) counts ever leave, after the
    operation's publication delay; ``description`` and ``notification_ref`` never do."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="incidents")
    key = models.CharField(max_length=80)
    category = models.CharField(max_length=40, choices=IncidentCategory.choices)
    occurred_at = models.DateTimeField()
    adm2_pcode = models.CharField(max_length=12)
    description = models.TextField(blank=True)
    # The notification version in force (the access app owns notifications): its version id or
    # sha256, referenced loosely by string so incidents never block on that app's schema.
    notification_ref = models.CharField(max_length=160, blank=True)
    classification = models.CharField(max_length=16, choices=_choices(Classification))
    illustrative = models.BooleanField(default=False)

    class Meta:
        unique_together = [("operation", "key")]
        ordering = ["occurred_at", "id"]


class PublicationPolicy(models.Model):
    """How long sensitive events wait before they are counted in public, and the smallest
    group that may be published (smaller groups are suppressed)."""

    operation = models.OneToOneField(
        Operation, on_delete=models.CASCADE, related_name="publication_policy"
    )
    delay_days = models.PositiveIntegerField(default=14)
    min_group_size = models.PositiveIntegerField(default=2)


class PublishedCheckpoint(models.Model):
    """A signed checkpoint of the ledger head, as published (core ``Checkpoint``)."""

    seq = models.BigIntegerField()
    head_hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=128)
    public_key_pem = models.TextField()

    class Meta:
        ordering = ["-at", "-id"]
