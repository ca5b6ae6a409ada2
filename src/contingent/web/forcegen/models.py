"""Force-generation storage. Rows are converted to core types in ``convert.py``; the rules
live in the core. Lists of small value objects (conditions, approvals, visits, caveats) are
JSON columns: they are always read and written with their parent."""

from __future__ import annotations

from django.db import models

from contingent.core.forcegen import enums as e


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ")) for m in enum]


class Operation(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    framework = models.CharField(max_length=40, choices=_choices(e.Framework))
    host = models.CharField(max_length=120)
    host_agreement = models.CharField(max_length=30, choices=_choices(e.HostAgreementStatus))
    roe = models.CharField(max_length=20, choices=_choices(e.RoeStatus))
    command = models.CharField(max_length=50, choices=_choices(e.CommandArrangement))
    funding_secured_usd = models.BigIntegerField(default=0)
    funding_required_usd = models.BigIntegerField(null=True, blank=True)
    starting_sector = models.CharField(max_length=20, blank=True)
    sectors = models.JSONField(default=dict)  # P-code -> name
    notes = models.JSONField(default=list)
    sources = models.JSONField(default=list)
    as_of = models.DateField(null=True, blank=True)  # the scenario's "today", if frozen
    sourcing = models.JSONField(default=dict)  # the operation's own sourcing parameters
    # resolution
    resolution_symbol = models.CharField(max_length=60)
    adopted_on = models.DateField()
    votes_for = models.PositiveIntegerField()
    votes_against = models.PositiveIntegerField()
    abstentions = models.PositiveIntegerField()
    abstaining = models.JSONField(default=list)
    expires_on = models.DateField(null=True, blank=True)
    renewal_conditions = models.TextField(blank=True)
    resolution_sources = models.JSONField(default=list)
    # mandate
    tasks = models.JSONField(default=list)
    mandate_from = models.DateField()
    mandate_to = models.DateField(null=True, blank=True)
    mandate_sources = models.JSONField(default=list)

    def __str__(self) -> str:
        return self.name


class Ceiling(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="ceilings")
    category = models.CharField(max_length=20, choices=_choices(e.PersonnelCategory))
    maximum = models.PositiveIntegerField()
    note = models.TextField(blank=True)
    sources = models.JSONField(default=list)

    class Meta:
        unique_together = [("operation", "category")]


class Benchmark(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="benchmarks")
    key = models.SlugField(max_length=80)
    description = models.TextField()
    assessed_by = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=_choices(e.BenchmarkStatus))
    sources = models.JSONField(default=list)

    class Meta:
        unique_together = [("operation", "key")]


class Contributor(models.Model):
    code = models.CharField(max_length=3, unique=True)  # ISO 3166-1 alpha-3 or XKX
    name = models.CharField(max_length=120)
    m49 = models.CharField(max_length=3, blank=True)
    parliament_approval_required = models.BooleanField(default=False)
    sources = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Statement(models.Model):
    """A public statement of stance. Statements are facts with sources: they are public."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="statements")
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="statements"
    )
    level = models.CharField(max_length=30, choices=_choices(e.StanceLevel))
    stated_on = models.DateField()
    speaker = models.CharField(max_length=300)
    summary = models.TextField()
    conditions = models.JSONField(default=list)  # [{"text", "gate", "met"}]
    open_questions = models.JSONField(default=list)
    personnel_mentioned = models.PositiveIntegerField(null=True, blank=True)
    sources = models.JSONField(default=list)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stated_on", "id"]


class Pledge(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="pledges")
    key = models.CharField(max_length=80)
    contributor = models.ForeignKey(Contributor, on_delete=models.PROTECT, related_name="pledges")
    unit_type = models.CharField(max_length=60)
    personnel = models.PositiveIntegerField()
    women = models.PositiveIntegerField(default=0)
    readiness = models.CharField(max_length=8, choices=_choices(e.ReadinessLevel))
    earliest_deployment = models.DateField()
    category = models.CharField(max_length=20, choices=_choices(e.PersonnelCategory))
    caveats = models.JSONField(default=list)  # each with its own classification
    approvals = models.JSONField(default=list)
    visits = models.JSONField(default=list)
    documents = models.JSONField(default=list)
    agreements = models.JSONField(default=list)
    host_accepted = models.BooleanField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=_choices(e.PledgeStatus), default="active")
    illustrative = models.BooleanField(default=False)
    classification = models.CharField(max_length=16, choices=_choices(e.Classification))
    sources = models.JSONField(default=list)

    class Meta:
        unique_together = [("operation", "key")]
        ordering = ["contributor__code", "key"]


class Requirement(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="requirements")
    key = models.CharField(max_length=80)
    unit_type = models.CharField(max_length=60)
    quantity = models.PositiveIntegerField()
    personnel_per_unit = models.PositiveIntegerField()
    sector = models.CharField(max_length=20)
    needed_by = models.DateField()
    min_readiness = models.CharField(max_length=8, choices=_choices(e.ReadinessLevel))
    category = models.CharField(max_length=20, choices=_choices(e.PersonnelCategory))
    tasks = models.JSONField(default=list)
    priority = models.PositiveSmallIntegerField(default=1)
    illustrative = models.BooleanField(default=False)
    sources = models.JSONField(default=list)

    class Meta:
        unique_together = [("operation", "key")]
        ordering = ["priority", "needed_by", "key"]


class DeploymentCase(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="cases")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="cases")
    pledge = models.OneToOneField(Pledge, on_delete=models.PROTECT, related_name="case")
    stage = models.CharField(max_length=40, choices=_choices(e.CaseStage))
    since = models.DateField()
    illustrative = models.BooleanField(default=False)
