"""Domain models. Importing this package registers every record kind in ``RECORD_KINDS``."""

from formation.models.base import (
    MIGRATIONS,
    RECORD_KINDS,
    Count,
    Days,
    FormationModel,
    ISODate,
    Name,
    PositiveCount,
    Record,
    Share,
    Text,
    Wording,
    parse_iso_date,
    register,
    require_unique,
)
from formation.models.exports import AliasMap
from formation.models.bylaws import BylawsDraft, BylawsVersion, ClauseSelection
from formation.models.governing_body import GoverningBody, Officer, Seat
from formation.models.legal import LegalContext, RegistrationProgress
from formation.models.members import Member
from formation.models.meetings import Meeting
from formation.models.decisions import ActionItem, Decision, MinutesCorrection
from formation.models.organization import FinancialYearEnd, FormationPathway, Organization, StaffCount
from formation.models.partners import DecisionRight, Partner, PartnershipAgreement, PowerGrant
from formation.models.review import Resolution, ReviewNote
from formation.models.capacity import HandoverItem, PracticeOpportunity, Skill, Training, WorkspaceHandoverRecord
from formation.models.rules import GovernanceRules, MajorityRule, QuorumRule

__all__ = [
    "MIGRATIONS",
    "RECORD_KINDS",
    "ActionItem",
    "AliasMap",
    "BylawsDraft",
    "BylawsVersion",
    "ClauseSelection",
    "Count",
    "Days",
    "Decision",
    "DecisionRight",
    "FinancialYearEnd",
    "FormationModel",
    "FormationPathway",
    "GovernanceRules",
    "GoverningBody",
    "HandoverItem",
    "ISODate",
    "LegalContext",
    "MajorityRule",
    "Meeting",
    "Member",
    "MinutesCorrection",
    "Name",
    "Officer",
    "Organization",
    "parse_iso_date",
    "Partner",
    "PartnershipAgreement",
    "PositiveCount",
    "PowerGrant",
    "PracticeOpportunity",
    "QuorumRule",
    "Record",
    "register",
    "RegistrationProgress",
    "require_unique",
    "Resolution",
    "ReviewNote",
    "Seat",
    "Share",
    "Skill",
    "StaffCount",
    "Text",
    "Training",
    "Wording",
    "WorkspaceHandoverRecord",
]
