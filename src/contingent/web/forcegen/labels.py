"""Words for the stable enum values stored in the database, in the reader's language.

Values stay as they are in exports and the API; pages show these labels. ``label(kind, value)``
falls back to the value with spaces for anything not listed (a new enum member shows up
readable, untranslated, rather than breaking a page)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contingent.core.forcegen.catalogue import unit_types

LABELS: dict[str, dict[str, Promise]] = {
    "framework": {
        "un_pko": _("UN peacekeeping operation"),
        "un_authorized_coalition": _("UN-authorized coalition"),
    },
    "stance": {
        "welcomed": _("welcomed"),
        "considering": _("considering"),
        "agreed_in_principle": _("agreed in principle"),
        "offered": _("offered"),
        "committed": _("committed"),
        "declined": _("declined"),
        "withdrawn": _("withdrawn"),
    },
    "readiness": {"none": _("below Level 1")},
    "stage": {
        "selected": _("selected"),
        "agreement_signed": _("agreement signed"),
        "predeployment_check_passed": _("pre-deployment check passed"),
        "national_approval_obtained": _("national approval obtained"),
        "deploying": _("deploying"),
        "deployed": _("deployed"),
        "rotating": _("rotating"),
        "repatriated": _("repatriated"),
    },
    "status": {
        "active": _("active"),
        "selected": _("selected"),
        "withdrawn": pgettext_lazy("pledge status", "withdrawn"),
    },
    "classification": {
        "public": _("public"),
        "restricted": _("restricted"),
        "confidential": _("confidential"),
    },
    "category": {
        "troops": _("troops"),
        "staff_officers": _("staff officers"),
        "police": _("individual police"),
        "fpu": _("formed police units"),
    },
    "caveat": {
        "geographic": _("geographic"),
        "task": _("task"),
        "use_of_force": _("use of force"),
        "time": _("time"),
    },
    "approval_body": {
        "government": _("government"),
        "parliament": _("parliament"),
        "head_of_state": _("head of state"),
    },
    "approval_status": {
        "required": pgettext_lazy("approval status", "required"),
        "obtained": _("obtained"),
        "refused": _("refused"),
    },
    "visit": {
        "aav": _("assessment and advisory visit"),
        "rdl_verification": _("rapid deployment verification"),
        "contributor_recon": _("contributor reconnaissance"),
        "pre_deployment": _("pre-deployment visit"),
    },
    "visit_result": {
        "pass": _("passed"),
        "pass_with_actions": _("passed with actions"),
        "fail": _("failed"),
    },
    "agreement": {
        "mou": _("memorandum of understanding"),
        "bilateral": _("bilateral agreement"),
        "rdl_agreement": _("rapid deployment agreement"),
    },
    "unit_type": {
        "infantry_battalion": _("Infantry battalion"),
        "infantry_company": _("Infantry company"),
        "mechanized_infantry_battalion": _("Mechanized infantry battalion"),
        "quick_reaction_force_company": _("Quick reaction force company"),
        "engineer_company": _("Engineer company"),
        "military_police_company": _("Military police company"),
        "signals_company": _("Signals company"),
        "transport_company": _("Transport company"),
        "level1_hospital": _("Level 1 medical facility"),
        "level2_hospital": _("Level 2 hospital"),
        "level3_hospital": _("Level 3 hospital"),
        "helicopter_unit": _("Helicopter unit"),
        "staff_officers": _("Staff officers"),
        "formed_police_unit": _("Formed police unit"),
        "police_trainers": _("Police training team"),
    },
    "document": {
        "note_verbale": _("note verbale"),
        "table_of_organization": _("table of organization"),
    },
}


def label(kind: str, value: object) -> str:
    text = "" if value is None else str(value)
    found = LABELS.get(kind, {}).get(text)
    if found is not None:
        return str(found)
    if kind == "unit_type" and text in unit_types():
        return unit_types()[text].label
    return text.replace("_", " ")


def choices(kind: str, values: list[str]) -> list[tuple[str, str]]:
    """Form choices for enum values, labelled lazily (the form renders in the request's language)."""
    table = LABELS.get(kind, {})
    return [(v, table.get(v, v.replace("_", " "))) for v in values]  # type: ignore[misc]
