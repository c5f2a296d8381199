"""Datanexus: members, households, consents and enrollments.

``client`` (HTTP, auth, envelopes, errors), ``records`` (answers normalized to records),
``wire`` (names the client and the simulator share), ``simulator/`` (the stand-in API).
"""

from upstreams.datanexus.client import DatanexusClient, MemberPage, MemberQuery
from upstreams.datanexus.records import (
    ConsentRecord,
    EnrollmentRecord,
    EventRecord,
    MemberRecord,
    NameValueRecord,
)
from upstreams.datanexus.wire import (
    CONSENT_ID,
    ENROLLMENT_ID,
    MAX_LIMIT,
    MEMBER_FIELDS,
    MEMBER_KEY,
    PARTIAL_MEMBER_FIELDS,
    program_number,
)

__all__ = [
    "CONSENT_ID",
    "ENROLLMENT_ID",
    "MAX_LIMIT",
    "MEMBER_FIELDS",
    "MEMBER_KEY",
    "PARTIAL_MEMBER_FIELDS",
    "ConsentRecord",
    "DatanexusClient",
    "EnrollmentRecord",
    "EventRecord",
    "MemberPage",
    "MemberQuery",
    "MemberRecord",
    "NameValueRecord",
    "program_number",
]
