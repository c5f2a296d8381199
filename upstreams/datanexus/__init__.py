"""Datanexus: members, households, consents and enrollments."""

from upstreams.datanexus.client import (
    MEMBER_FIELDS,
    PARTIAL_MEMBER_FIELDS,
    ConsentRecord,
    DatanexusClient,
    EnrollmentRecord,
    EventRecord,
    MemberPage,
    MemberQuery,
    MemberRecord,
    NameValueRecord,
)

__all__ = [
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
