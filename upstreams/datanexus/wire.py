"""Datanexus wire names shared by the client and the simulator (document `001_…txt`).

One place for what both ends must spell the same: routes, the auth scheme, paging limits
and the cursor header, the member fields (all of them, the writable ones, the ones a
household entry carries), the body wrappers, and the validation messages of a 422.
"""

from __future__ import annotations

import re
from typing import Final

from upstreams._keys import KeyAlphabet

__all__ = [
    "AUTH_SCHEME",
    "BAD_FORMAT",
    "BLANK",
    "CONSENT_ID",
    "DEFAULT_LIMIT",
    "ENROLLMENT_ID",
    "GENDERS",
    "INVALID",
    "MAX_LIMIT",
    "MEMBERS_PATH",
    "MEMBER_FIELDS",
    "MEMBER_KEY",
    "NEXT_CURSOR_HEADER",
    "OPTIONAL_MEMBER_FIELDS",
    "PARTIAL_MEMBER_FIELDS",
    "PING_PATH",
    "PROGRAM_ID_MAX",
    "REQUIRED_MEMBER_FIELDS",
    "program_number",
]

# `authorization: apikey <key>`
AUTH_SCHEME: Final = "apikey"

PING_PATH: Final = "/api/pings"
MEMBERS_PATH: Final = "/api/members"

# What ids look like (document `001`): member ids are five letters and digits (`A5c7X`),
# prefixed sponsor member identifiers are a sponsor prefix, a hyphen and the sponsor's id
# (`EOE-COGITO55`), consent and enrollment ids are integers (`1363`, `3231`). The alphabets
# are wider than that (letters, digits, `-`, `_`; starting with a letter or digit; at most 64
# characters) so that a new id style still reads, but ASCII only and never `.`, `/`, `%`,
# `?` or `#`: nothing that could turn a segment into a path step or another route.
_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# `GET/PUT /api/members/{id}`: a member id or a prefixed sponsor member identifier.
MEMBER_KEY: Final = KeyAlphabet("Datanexus member id", _ID_PATTERN)
CONSENT_ID: Final = KeyAlphabet("Datanexus consent id", _ID_PATTERN)
ENROLLMENT_ID: Final = KeyAlphabet("Datanexus enrollment id", _ID_PATTERN)

# Program ids are integers on the wire (`"program_id": 8355`), a signed 32-bit column.
PROGRAM_ID_MAX: Final = 2**31 - 1
_PROGRAM_RE: Final = re.compile(r"[1-9][0-9]{0,9}")


def program_number(text: object) -> int | None:
    """The program id ``text`` names as Datanexus stores it, or None.

    Only the canonical spelling counts (ASCII digits, no sign, no leading zero, 1..2^31-1):
    Datanexus reads ``08355`` as 8355 while the graph compares program ids as text, and
    ``str.isdigit`` accepts ``²`` and Arabic-Indic digits that ``int`` reads differently.
    """
    if not isinstance(text, str) or _PROGRAM_RE.fullmatch(text) is None:
        return None
    value = int(text)
    return value if value <= PROGRAM_ID_MAX else None


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
