"""Members (Datanexus): planning, listing, reads by key, writes and the member loader.

``planning`` decides upstream parameters from the filter and the selected field names;
``listing`` pages through the cursor scanner; ``reads`` answers by key (node lookups
included); ``writes`` runs the mutations; ``loaders`` holds this request's member loader.
"""

from resolvers.members.listing import list_members
from resolvers.members.loaders import load_member, load_members, prime_members
from resolvers.members.planning import (
    MEMBER_GETTERS,
    MemberListPlan,
    enrollments_need_events,
    household_needs_complete,
    plan_members,
    wants_household,
)
from resolvers.members.reads import (
    complete_member,
    consent_nodes,
    enrollment_nodes,
    household,
    member,
    member_nodes,
)
from resolvers.members.writes import (
    check_program_id,
    create_consent,
    create_enrollment,
    delete_consent,
    delete_enrollment,
    update_consent,
    update_enrollment,
    update_member,
)
from upstreams.datanexus import (
    ConsentRecord,
    EnrollmentRecord,
    EventRecord,
    MemberRecord,
    NameValueRecord,
)

# The record types the domain's resolvers return (schema/ reads them from here).
__all__ = [
    "MEMBER_GETTERS",
    "ConsentRecord",
    "EnrollmentRecord",
    "EventRecord",
    "MemberListPlan",
    "MemberRecord",
    "NameValueRecord",
    "check_program_id",
    "complete_member",
    "consent_nodes",
    "create_consent",
    "create_enrollment",
    "delete_consent",
    "delete_enrollment",
    "enrollment_nodes",
    "enrollments_need_events",
    "household",
    "household_needs_complete",
    "list_members",
    "load_member",
    "load_members",
    "member",
    "member_nodes",
    "plan_members",
    "prime_members",
    "update_consent",
    "update_enrollment",
    "update_member",
    "wants_household",
]
