"""Server-side forms of the force-generation pages. Each form validates its own fields and turns
clean data into a core type; the rulebook's gates are checked by ``actions.check_*`` after it."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.catalogue import unit_types

from .labels import choices, label
from .models import Operation, Pledge, Requirement


def _enum_choices(enum: type, kind: str) -> list[tuple[str, str]]:
    return choices(kind, [x.value for x in enum])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


# "scheme:" with no space after the colon ("javascript:", "data:", "ftp://"); a document
# symbol with a label ("UN doc: S/RES/2803") has a space and passes.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\s)")


def _source(ref: str) -> tuple[m.Source, ...]:
    return (m.Source(ref=ref),) if ref else ()


def _clean_source(ref: str) -> str:
    """A URL (http or https only: it is rendered as a link) or a document symbol."""
    ref = ref.strip()
    if _SCHEME.match(ref) and not ref.lower().startswith(("http://", "https://")):
        raise forms.ValidationError(_("A source link must start with http:// or https://."))
    return ref


class StatementForm(forms.Form):
    """A public statement of the liaison's own contributor's stance."""

    level = forms.ChoiceField(label=_("Stance"), choices=_enum_choices(e.StanceLevel, "stance"))
    stated_on = forms.DateField(label=_("Date of the statement"), widget=DateInput())
    speaker = forms.CharField(label=_("Speaker"), max_length=300)
    summary = forms.CharField(label=_("What was said"), max_length=4000, widget=forms.Textarea)
    conditions = forms.CharField(
        label=_("Conditions stated"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One condition per line."),
    )
    source_ref = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("A link or a document symbol: every statement carries its source."),
    )
    personnel_mentioned = forms.IntegerField(
        label=_("Personnel mentioned"), required=False, min_value=0, max_value=200_000
    )

    def clean_stated_on(self) -> date:
        day: date = self.cleaned_data["stated_on"]
        if day > timezone.now().date():
            raise forms.ValidationError(_("A statement cannot be dated in the future."))
        return day

    def clean_source_ref(self) -> str:
        return _clean_source(self.cleaned_data["source_ref"])

    def to_statement(self, contributor_code: str) -> m.Statement:
        d = self.cleaned_data
        lines = [x.strip() for x in d["conditions"].splitlines() if x.strip()]
        return m.Statement(
            contributor=contributor_code,
            level=e.StanceLevel(d["level"]),
            stated_on=d["stated_on"],
            speaker=d["speaker"].strip(),
            summary=d["summary"].strip(),
            conditions=tuple(m.Condition(text=x) for x in lines),
            sources=_source(d["source_ref"]),
            personnel_mentioned=d["personnel_mentioned"],
        )


class PledgeForm(forms.Form):
    """A new unit-level pledge by the liaison's own contributor. It starts below Level 1: moving
    it up the readiness ladder is the planner's gate-checked transition."""

    key = forms.CharField(
        label=_("Pledge reference"),
        max_length=80,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
                _("Letters, digits, '-' and '_' only, starting with a letter or digit."),
            )
        ],
    )
    unit_type = forms.ChoiceField(label=_("Unit type"))
    personnel = forms.IntegerField(label=_("Personnel"), min_value=1, max_value=20_000)
    women = forms.IntegerField(label=_("of whom women"), min_value=0, initial=0)
    earliest_deployment = forms.DateField(label=_("Earliest deployment"), widget=DateInput())
    category = forms.ChoiceField(
        label=_("Personnel category"), choices=_enum_choices(e.PersonnelCategory, "category")
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=_enum_choices(e.Classification, "classification"),
        initial=e.Classification.RESTRICTED.value,
    )
    note_verbale = forms.BooleanField(
        label=_("A note verbale with the offer has been sent"), required=False
    )
    caveat_kind = forms.ChoiceField(
        label=_("Caveat kind"),
        required=False,
        choices=[("", "—"), *_enum_choices(e.CaveatKind, "caveat")],
    )
    caveat_text = forms.CharField(label=_("Caveat"), required=False, max_length=1000)
    source_ref = forms.CharField(label=_("Source"), required=False, max_length=500)

    def __init__(self, *args: object, operation: Operation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.operation = operation
        self.fields["unit_type"].choices = [(k, label("unit_type", k)) for k in unit_types()]

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"]
        if Pledge.objects.filter(operation=self.operation, key=key).exists():
            raise forms.ValidationError(_("A pledge with this reference already exists."))
        return key

    def clean_source_ref(self) -> str:
        return _clean_source(self.cleaned_data["source_ref"])

    def clean(self) -> dict[str, object]:
        d = super().clean() or {}
        personnel, women = d.get("personnel"), d.get("women")
        if isinstance(personnel, int) and isinstance(women, int) and women > personnel:
            self.add_error("women", _("Cannot be more than the personnel of the unit."))
        kind, text = d.get("caveat_kind"), (d.get("caveat_text") or "").strip()
        if kind and not text:
            self.add_error("caveat_text", _("Describe the caveat, or leave its kind empty."))
        if text and not kind:
            self.add_error("caveat_kind", _("Choose the kind of this caveat."))
        return d

    def to_pledge(self, contributor_code: str) -> m.Pledge:
        d = self.cleaned_data
        caveats = ()
        if d["caveat_kind"]:
            caveats = (m.Caveat(kind=e.CaveatKind(d["caveat_kind"]), text=d["caveat_text"]),)
        return m.Pledge(
            key=d["key"],
            contributor=contributor_code,
            unit_type=d["unit_type"],
            personnel=d["personnel"],
            women=d["women"],
            readiness=e.ReadinessLevel.NONE,
            earliest_deployment=d["earliest_deployment"],
            category=e.PersonnelCategory(d["category"]),
            caveats=caveats,
            documents=frozenset({"note_verbale"}) if d["note_verbale"] else frozenset(),
            classification=e.Classification(d["classification"]),
            sources=_source(d["source_ref"]),
        )


class ReadinessForm(forms.Form):
    """Planner: move a pledge to another readiness level (the gates decide)."""

    target = forms.ChoiceField(label=_("Move to readiness level"))

    def __init__(self, *args: object, targets: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["target"].choices = choices("readiness", targets)


class CaseForm(forms.Form):
    """Planner: select a pledge for a requirement, or move its deployment case on."""

    target = forms.ChoiceField(label=_("Move the deployment case to"))
    requirement = forms.ChoiceField(label=_("Requirement"), required=False)

    def __init__(
        self,
        *args: object,
        targets: list[str],
        requirements: list[Requirement] | None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["target"].choices = choices("stage", targets)
        if requirements is None:  # the case exists: its requirement is fixed
            del self.fields["requirement"]
        else:
            self.fields["requirement"].required = True
            self.fields["requirement"].choices = [("", "—")] + [
                (r.key, f"{r.key} — {label('unit_type', r.unit_type)}") for r in requirements
            ]


FACT_KINDS = ("approval", "document", "visit", "agreement", "host")
FACT_LABELS = {
    "approval": _("a national approval"),
    "document": _("a document"),
    "visit": _("a visit"),
    "agreement": _("an agreement"),
    "host": _("the host's answer"),
}
# Which fields each kind of fact needs; the others are ignored for that kind.
FACT_FIELDS = {
    "approval": ("approval_body", "approval_status", "decided_on"),
    "document": ("document",),
    "visit": ("visit_kind", "visit_result", "conducted_on"),
    "agreement": ("agreement",),
    "host": ("host_accepted",),
}


class FactForm(forms.Form):
    """A fact the gates read, recorded on a pledge. A liaison records national approvals and
    documents of its own pledges; visits, agreements and the host's answer are the planner's."""

    fact = forms.ChoiceField(label=_("Record"))
    approval_body = forms.ChoiceField(
        label=_("Approving body"),
        required=False,
        choices=_enum_choices(e.ApprovalBody, "approval_body"),
    )
    approval_status = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=_enum_choices(e.ApprovalStatus, "approval_status"),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    document = forms.ChoiceField(
        label=_("Document"),
        required=False,
        choices=choices("document", ["note_verbale", "table_of_organization"]),
    )
    visit_kind = forms.ChoiceField(
        label=_("Visit"), required=False, choices=_enum_choices(e.VisitKind, "visit")
    )
    visit_result = forms.ChoiceField(
        label=_("Result"), required=False, choices=_enum_choices(e.VisitResult, "visit_result")
    )
    conducted_on = forms.DateField(label=_("Conducted on"), required=False, widget=DateInput())
    agreement = forms.ChoiceField(
        label=_("Agreement"), required=False, choices=_enum_choices(e.AgreementKind, "agreement")
    )
    host_accepted = forms.ChoiceField(
        label=_("The host"),
        required=False,
        choices=[("yes", _("accepts the unit")), ("no", _("does not accept the unit"))],
    )

    def __init__(self, *args: object, kinds: tuple[str, ...], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["fact"].choices = [(k, FACT_LABELS[k]) for k in kinds]

    def clean(self) -> dict[str, object]:
        d = super().clean() or {}
        today = timezone.now().date()
        for name in FACT_FIELDS.get(str(d.get("fact", "")), ()):
            value = d.get(name)
            if value in (None, ""):
                if name not in self.errors:
                    self.add_error(name, _("This field is required."))
            elif isinstance(value, date) and value > today:
                self.add_error(name, _("A fact cannot be dated in the future."))
        return d

    def to_kwargs(self) -> dict[str, object]:
        """Keyword arguments for ``actions.check_record_pledge_fact``."""
        d, kind = self.cleaned_data, self.cleaned_data["fact"]
        if kind == "approval":
            return {
                "approval": m.Approval(
                    body=e.ApprovalBody(d["approval_body"]),
                    status=e.ApprovalStatus(d["approval_status"]),
                    decided_on=d["decided_on"],
                )
            }
        if kind == "document":
            return {"document": d["document"]}
        if kind == "visit":
            visit = m.Visit(
                kind=e.VisitKind(d["visit_kind"]),
                result=e.VisitResult(d["visit_result"]),
                conducted_on=d["conducted_on"],
            )
            return {"visit": visit}
        if kind == "agreement":
            return {"agreement": e.AgreementKind(d["agreement"])}
        return {"host_accepted": d["host_accepted"] == "yes"}
