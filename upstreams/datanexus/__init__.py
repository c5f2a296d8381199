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
from upstreams.datanexus.wire import MAX_LIMIT, MEMBER_FIELDS, PARTIAL_MEMBER_FIELDS

__all__ = [
    "MAX_LIMIT",
    "MEMBER_FIELDS",
    "PARTIAL_MEMBER_FIELDS",
    "ConsentRecord",
    "DatanexusClient",
    "EnrollmentRecord",
    "EventRecord",
    "MemberPage",
    "MemberQuery",
    "MemberRecord",
    "NameValueRecord",
]
