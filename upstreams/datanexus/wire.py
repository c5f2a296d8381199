"""Datanexus wire names shared by the client and the simulator (document `001_…txt`).

One place for what both ends must spell the same: routes, the auth scheme, paging limits
and the cursor header, the member fields (all of them, the writable ones, the ones a
household entry carries), the body wrappers, and the validation messages of a 422.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUTH_SCHEME",
    "BAD_FORMAT",
    "BLANK",
    "DEFAULT_LIMIT",
    "GENDERS",
    "INVALID",
    "MAX_LIMIT",
    "MEMBERS_PATH",
    "MEMBER_FIELDS",
    "NEXT_CURSOR_HEADER",
    "OPTIONAL_MEMBER_FIELDS",
    "PARTIAL_MEMBER_FIELDS",
    "PING_PATH",
    "REQUIRED_MEMBER_FIELDS",
]

# `authorization: apikey <key>`
AUTH_SCHEME: Final = "apikey"

PING_PATH: Final = "/api/pings"
MEMBERS_PATH: Final = "/api/members"

# `GET /api/members` paging: the default and largest `limit`; the next page's cursor is in
# the body's `next_cursor` and, for older callers, this header.
DEFAULT_LIMIT: Final = 50
MAX_LIMIT: Final = 100
NEXT_CURSOR_HEADER: Final = "x-next-cursor"

# Scalar member fields of the document, in the order the graph shows them.
MEMBER_FIELDS: Final = (
    "first_name",
    "middle_name",
    "last_name",
    "born_on",
    "gender",
    "email",
    "phone_number",
    "street_address_1",
    "street_address_2",
    "city",
    "state",
    "postal_code",
    "program_status",
    "eligibility_start_on",
    "health_plan_identifier",
    "sponsor_member_identifier",
    "prefixed_sponsor_member_identifier",
    "soda_sponsor_id",
)
# What a household entry carries (the document's include_household example).
PARTIAL_MEMBER_FIELDS: Final = frozenset(
    {"id", "first_name", "last_name", "born_on", "email", "program_status", "enrollments"}
)
# What `PUT /api/members/{id}` accepts: the required ones refuse a blank value.
REQUIRED_MEMBER_FIELDS: Final = ("born_on", "first_name", "last_name")
OPTIONAL_MEMBER_FIELDS: Final = (
    "email",
    "middle_name",
    "gender",
    "phone_number",
    "street_address_1",
    "street_address_2",
    "city",
    "state",
    "postal_code",
)
GENDERS: Final = frozenset({"male", "female", "non_binary", "unknown", "M", "F"})

# The messages of a 422 `{"errors": {"<field>": ["<message>"]}}` (Ecto's wording).
BLANK: Final = "can't be blank"
INVALID: Final = "is invalid"
BAD_FORMAT: Final = "has invalid format"
