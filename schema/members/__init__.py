"""Members, their households, consents and enrollments (Datanexus).

One module per entity or purpose: ``members`` (Member, ProgramStatus), ``consents``,
``enrollments``, ``attributes`` (name/value pairs), ``filters``, ``mutations`` (inputs,
payloads and the mutation root) and ``queries`` (the query root).
"""

from schema.core.domains import GraphDomain
from schema.members.consents import Consent
from schema.members.enrollments import Enrollment, EnrollmentEvent
from schema.members.filters import MemberFilter, ProgramStatusFilter
from schema.members.members import Member, ProgramStatus
from schema.members.mutations import MemberMutations
from schema.members.queries import MemberQueries

__all__ = [
    "Consent",
    "Enrollment",
    "EnrollmentEvent",
    "Member",
    "MemberFilter",
    "MemberMutations",
    "MemberQueries",
    "ProgramStatus",
    "ProgramStatusFilter",
]

DOMAIN = GraphDomain(name="members", queries=MemberQueries, mutations=MemberMutations)
