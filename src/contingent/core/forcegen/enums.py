"""Enumerations in the mission's own words. Values are stable strings stored in the database
and printed in exports, so renaming a member is a migration, not a refactor."""

from __future__ import annotations

from enum import StrEnum


class Framework(StrEnum):
    UN_PKO = "un_pko"  # classic UN peacekeeping: PCRS, MOU, COE, assessed budget
    UN_AUTHORIZED_COALITION = "un_authorized_coalition"  # e.g. the Gaza ISF under res. 2803


class Classification(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"


class StanceLevel(StrEnum):
    WELCOMED = "welcomed"
    CONSIDERING = "considering"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    OFFERED = "offered"
    COMMITTED = "committed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# The forward ladder; DECLINED and WITHDRAWN sit beside it.
STANCE_LADDER: tuple[StanceLevel, ...] = (
    StanceLevel.WELCOMED,
    StanceLevel.CONSIDERING,
    StanceLevel.AGREED_IN_PRINCIPLE,
    StanceLevel.OFFERED,
    StanceLevel.COMMITTED,
)


class ReadinessLevel(StrEnum):
    """PCRS levels. An enum, not an integer: Brazilian press calls RDL "nível 4" [S11]."""

    NONE = "none"  # a pledge recorded but not yet registered at Level 1
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    RDL = "RDL"


READINESS_ORDER: dict[ReadinessLevel, int] = {
    ReadinessLevel.NONE: 0,
    ReadinessLevel.L1: 1,
    ReadinessLevel.L2: 2,
    ReadinessLevel.L3: 3,
    ReadinessLevel.RDL: 4,
}


class PledgeStatus(StrEnum):
    ACTIVE = "active"
    SELECTED = "selected"
    WITHDRAWN = "withdrawn"


class CaseStage(StrEnum):
    """Deployment case of one pledged unit against one requirement."""

    SELECTED = "selected"
    AGREEMENT_SIGNED = "agreement_signed"  # MOU (UN) or bilateral agreement (coalition)
    PREDEPLOYMENT_CHECK_PASSED = "predeployment_check_passed"
    NATIONAL_APPROVAL_OBTAINED = "national_approval_obtained"
    DEPLOYING = "deploying"
    DEPLOYED = "deployed"
    ROTATING = "rotating"
    REPATRIATED = "repatriated"


class CaveatKind(StrEnum):
    GEOGRAPHIC = "geographic"
    TASK = "task"
    USE_OF_FORCE = "use_of_force"
    TIME = "time"


class ApprovalBody(StrEnum):
    GOVERNMENT = "government"
    PARLIAMENT = "parliament"
    HEAD_OF_STATE = "head_of_state"


class ApprovalStatus(StrEnum):
    REQUIRED = "required"
    OBTAINED = "obtained"
    REFUSED = "refused"


class VisitKind(StrEnum):
    AAV = "aav"  # Assessment and Advisory Visit: L1 -> L2 [S5][S6]
    RDL_VERIFICATION = "rdl_verification"
    CONTRIBUTOR_RECON = "contributor_recon"
    PRE_DEPLOYMENT = "pre_deployment"


class VisitResult(StrEnum):
    PASS = "pass"
    PASS_WITH_ACTIONS = "pass_with_actions"
    FAIL = "fail"


class AgreementKind(StrEnum):
    MOU = "mou"
    BILATERAL = "bilateral"
    RDL_AGREEMENT = "rdl_agreement"


class HostAgreementStatus(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    PROVISIONAL_MODEL = "provisional_model"  # model SOFA A/45/594 applied provisionally [S35]
    SIGNED = "signed"


class RoeStatus(StrEnum):
    NOT_AGREED = "not_agreed"
    DRAFTING = "drafting"
    AGREED = "agreed"


class CommandArrangement(StrEnum):
    UNSET = "unset"
    UN_FORCE_COMMANDER = "un_force_commander"
    UNIFIED_COMMAND_ACCEPTABLE_TO_BODY = "unified_command_acceptable_to_body"
    LEAD_NATION = "lead_nation"


class BenchmarkStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    MET = "met"
    DISPUTED = "disputed"


class PersonnelCategory(StrEnum):
    TROOPS = "troops"
    STAFF_OFFICERS = "staff_officers"
    POLICE = "police"  # individual police officers
    FPU = "fpu"
