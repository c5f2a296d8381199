"""Constants of the simulator: demo credentials, limits, error codes and value formats."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from upstreams.medallies.simulator.filters import (
    ERROR_NAMES,
    INVALID_JSON_DATATYPE,
    INVALID_PARAM,
    MISSING_REQ_PARAM,
)
from upstreams.medallies.simulator.seed import (
    DEACTIVATE_REASONS,
    ORGANIZATION_TYPES,
    US_STATES,
    Json,
)
from upstreams.medallies.wire import ErrorCode

APP_KEY: Final = "demo"
USERNAME: Final = "demo"
PASSWORD: Final = "demo"
MAX_LIMIT: Final = 1000

UNAUTHORIZED: Final = ErrorCode.UNAUTHORIZED
MISSING_PARAM: Final = MISSING_REQ_PARAM
NOT_FOUND: Final = ErrorCode.NOT_FOUND
METHOD_NOT_ALLOWED: Final = ErrorCode.METHOD_NOT_ALLOWED
INVALID_JSON_SYNTAX: Final = ErrorCode.INVALID_JSON_SYNTAX
SERVER_ERROR: Final = ErrorCode.SERVER_ERROR
ERROR_CODES: Final = ERROR_NAMES
_STATUS_OF_CODE: Final[Mapping[int, int]] = {
    UNAUTHORIZED: 401,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
}
_CODE_OF_STATUS: Final[Mapping[int, int]] = {
    401: UNAUTHORIZED,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
}
# Which problem a request hears about first when it has several.
_PRECEDENCE: Final = (
    INVALID_JSON_SYNTAX,
    INVALID_JSON_DATATYPE,
    MISSING_PARAM,
    NOT_FOUND,
    INVALID_PARAM,
)

_TIN_RE: Final = re.compile(r"[0-9]{9}")
_NPIN_RE: Final = re.compile(r"[0-9]{10}")
_ZIP_RE: Final = re.compile(r"[0-9]{5}(?:-[0-9]{4})?")
# Digits as (555) 555-5555; free text (an extension) may follow, but no further digit
# right after the number.
_PHONE_RE: Final = re.compile(r"\([0-9]{3}\) [0-9]{3}-[0-9]{4}(?:[^0-9].*)?", re.DOTALL)
_LOCAL_PART_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ABBREVIATION_RE: Final = re.compile(r"[A-Za-z0-9-]{1,32}")
_QUERY_INT_RE: Final = re.compile(r"[0-9]{1,15}")
_MIN_NPI: Final = 10**9
_MAX_NPI: Final = 10**10 - 1
_DIRECT_DOMAIN: Final = "medalliesdirect.net"
_GENDERS: Final = ("Male", "Female")
_STATE_CODES: Final = frozenset(code for _, code in US_STATES)
_TYPE_CODES: Final = frozenset(code for _, code in ORGANIZATION_TYPES)
_REASON_CODES: Final = frozenset(code for _, code in DEACTIVATE_REASONS)
_OFF_VALUES: Final = frozenset({"false", "0", "no"})

JsonObject = dict[str, Json]
