"""Vocabularies shared by the rules and the application.

Values are the strings stored in the database; display labels live in
``app/labels.py`` so they can be translated.
"""
import enum


class DocState(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class Trigger(str, enum.Enum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


class Role(str, enum.Enum):
    STAFF = "staff"  #: drafts the unit's documents
    HEAD = "head"  #: drafts and submits (thủ trưởng)
    REVIEWER = "reviewer"  #: approves or returns, for plans the unit coordinates
    OBSERVER = "observer"  #: reads (leadership, Fatherland Front, councils)
    ADMIN = "admin"  #: sets up plans, units and users below the unit


class UnitKind(str, enum.Enum):
    PROVINCE = "province"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"
    ORGANISATION = "organisation"


class DeliverableKind(str, enum.Enum):
    SUBPLAN = "subplan"
    SIX_MONTH = "six_month"
    ANNUAL = "annual"
    ADHOC = "adhoc"

    @property
    def is_report(self):
        return self is not DeliverableKind.SUBPLAN
