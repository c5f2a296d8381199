"""Reading requests as the service does: the envelope, then each call's `request` object.

Failures, in the order they are checked: an envelope that is not a JSON object, or lacks
`id`, `version`, `requesttime` or `request` (PMS_COR_001 naming it; PMS_COR_002 for a
`requesttime` that is not `yyyy-MM-ddTHH:mm:ss.SSSZ` or a `request` that is not an
object); then the call's own fields: a required one absent or blank is PMS_COR_001, one of
the wrong type or form PMS_COR_002, and an update that names no field PMS_MSP_004.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import orjson
from aiohttp import web

from upstreams.mosip.simulator.errors import PmsFailure, invalid, missing
from upstreams.mosip.wire import (
    APPROVALS,
    LICENSE_KEY_PATTERN,
    LICENSE_STATUSES,
    MISP_STATUSES,
    ORGANIZATION_NAME,
    Pms,
    graph_name,
)

__all__ = [
    "Details",
    "read_details",
    "read_envelope",
    "read_license_key",
    "read_status",
    "text_field",
]

_REQUEST_TIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"
)
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CONTACT: Final = re.compile(r"\+?[0-9]{7,15}")
_MAX_TEXT: Final = 256


async def read_envelope(request: web.Request) -> Mapping[str, object]:
    """The envelope's `request` object, after checking the envelope."""
    try:
        body: object = orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        raise invalid("request") from None
    if not isinstance(body, dict):
        raise invalid("request")
    for name in ("id", "version", "requesttime", "request"):
        if body.get(name) is None:
            raise missing(name)
    # The id is only required: the document's own examples and tables disagree on it.
    if not isinstance(body["id"], str) or not isinstance(body["version"], str):
        raise invalid("id" if not isinstance(body["id"], str) else "version")
    requesttime = body["requesttime"]
    if not isinstance(requesttime, str) or _REQUEST_TIME.fullmatch(requesttime) is None:
        raise invalid("requesttime")
    inner = body["request"]
    if not isinstance(inner, dict):
        raise invalid("request")
    return inner


def text_field(
    request: Mapping[str, object], *names: str, required: bool = False
) -> tuple[str, str] | None:
    """The first of ``names`` present (the document's spellings of one field) as
    ``(name, text)``; None when absent or blank and not ``required``."""
    for name in names:
        if name not in request or request[name] is None:
            continue
        value = request[name]
        if not isinstance(value, str) or len(value) > _MAX_TEXT:
            raise invalid(name)
        if value.strip():
            return name, value.strip()
    if required:
        raise missing(names[0])
    return None


@dataclass(slots=True, frozen=True)
class Details:
    """A MISP's details from a create or update request; None: not given."""

    name: str | None
    email: str | None
    contact_number: str | None
    address: str | None
    # How the caller spelled the name and email fields (the update answer echoes them).
    name_key: str = "organizationName"
    email_key: str = "emailID"

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.name, self.email, self.contact_number, self.address))


def read_details(request: Mapping[str, object], *, creating: bool) -> Details:
    """`organizationName` (the seed's example says `name`), `emailId` (or `emailID`),
    `contactNumber`, `address`; on create the name, email and address are required."""
    name = text_field(request, "organizationName", "name", required=creating)
    email = text_field(request, "emailId", "emailID", required=creating)
    contact = text_field(request, "contactNumber")
    address = text_field(request, "address", required=creating)
    if name is not None and not ORGANIZATION_NAME.valid(name[1]):
        raise invalid(name[0])
    if email is not None and _EMAIL.fullmatch(email[1]) is None:
        raise invalid(email[0])
    if contact is not None and _CONTACT.fullmatch(contact[1]) is None:
        raise invalid(contact[0])
    return Details(
        name=name[1] if name else None,
        email=email[1] if email else None,
        contact_number=contact[1] if contact else None,
        address=address[1] if address else None,
        name_key=name[0] if name else "organizationName",
        email_key=email[0] if email else "emailID",
    )


_TABLES: Final = {"misp": MISP_STATUSES, "approval": APPROVALS, "license": LICENSE_STATUSES}


def read_status(
    request: Mapping[str, object], name: str, kind: str, *, allowed: frozenset[str]
) -> str | None:
    """A status word as the graph's name (``ACTIVE``, ``APPROVED``…), None when absent or
    blank; PMS_COR_002 for a word outside ``allowed``."""
    given = text_field(request, name)
    if given is None:
        return None
    status = graph_name(_TABLES[kind], given[1])
    if status is None or status not in allowed:
        raise invalid(name)
    return status


def read_license_key(request: Mapping[str, object]) -> str:
    """`mispLicenseKey`: required, and of a license key's pattern (the validation's step 1)."""
    given = text_field(request, "mispLicenseKey", required=True)
    assert given is not None
    if LICENSE_KEY_PATTERN.fullmatch(given[1]) is None:
        raise invalid("mispLicenseKey")
    return given[1]


def nothing_to_update() -> PmsFailure:
    return PmsFailure(Pms.NOTHING_TO_UPDATE)
