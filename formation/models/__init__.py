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
    parse_iso_date,
    register,
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
    "AliasMap",
    "MIGRATIONS",
    "RECORD_KINDS",
    "Count",
    "Days",
    "FinancialYearEnd",
    "FormationModel",
    "FormationPathway",
    "GovernanceRules",
    "GoverningBody",
    "ISODate",
    "MajorityRule",
    "Member",
    "Name",
    "Officer",
    "Organization",
    "PositiveCount",
    "QuorumRule",
    "Record",
    "Seat",
    "Share",
    "StaffCount",
    "Text",
    "parse_iso_date",
    "register",
]
