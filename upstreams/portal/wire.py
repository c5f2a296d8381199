"""The Partner Portal API's vocabulary (document `000_…txt`), shared by the client and the
simulator: paths, the auth scheme, the PK/SK key prefixes, id formats, enums, sorting and
limiting, the multipart parts and their file types, the error envelope's codes, and the
email templates of `POST /sparkPostEmail`.

Everything here is a fact of the documented wire format or a decision recorded in
UPSTREAMS.md ("Partner Portal API"); the decisions this package adds where the document is
silent are listed here, next to the names they concern:

- **Errors.** The document only says some 4xx "include an error code". Every error answer
  here is ``{"message": <text>, "code": <ERROR_CODE>}``, with ``"errors": [{"field",
  "message"}]`` when single fields are wrong (the success answers are ``{"message": ...}``
  too). The client also reads ``error`` / ``errorCode`` spellings.
- **Lists** (`GET /apis`, `/apis/producer`, `/subscriptions/...`, `/clients`, the supporting
  lists) are bare JSON arrays, as "returns a list / an array" says.
- **Sorting**: ``?sort=<field>&order=asc|desc&limit=<n>``; ties are broken by the API id so
  the gateway's keyset cursors (sort key + id) are stable. Without ``sort`` the catalog is
  in publish order (``publishDate`` then id). An unknown field, order or limit is a 400.
- **Host servers**: the document's ``hostName`` is "the Server URL"; ``url`` is accepted
  as its alias (access requests and clients call it ``url``); ``id`` is generated when a
  producer leaves it out.
- **Methods**: the document's "Get Methods" is the list of authentication methods (the
  values of ``authentication``); each supporting list backs one field of the publish or the
  client form (categories, visibility, methods, grant types).
- **Emails**: an access request triggers the portal's own emails (to consumer and
  producer). The decision email ("Sends an access request response email") is sent by the
  *caller* with `POST /sparkPostEmail` after `PUT /subscriptions`: the decision does not
  depend on it, and the caller can tell whether it was sent.
- **Producer-only** calls are the "Publish and Update" section (publish, update, my APIs
  and the OAS upload) plus the producer view of requests and approve/deny; a producer may
  only change or decide on APIs they published (403 otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from upstreams._keys import KeyAlphabet

__all__ = [
    "ACCESS_STATUSES",
    "APIS_PATH",
    "API_ID",
    "API_TYPES",
    "AUTHENTICATIONS",
    "AUTH_SCHEME",
    "CATEGORIES",
    "CATEGORIES_PATH",
    "CLIENTS_PATH",
    "CLIENT_ID",
    "CONTACT_US",
    "DATA_FIELDS",
    "DATA_PART",
    "DECISIONS",
    "DEFAULT_MAX_OAS_BYTES",
    "DOC_EXTENSIONS",
    "DOC_PART",
    "EMAIL_PATH",
    "EMAIL_SUBSTITUTION_FIELDS",
    "ENVIRONMENTS",
    "FILE_PART",
    "GRANT_TYPES",
    "GRANT_TYPES_PATH",
    "HEALTH_PATH",
    "HOST_SERVER_FIELDS",
    "MAX_LIMIT",
    "MAX_UPLOAD_BYTES",
    "METHODS_PATH",
    "OAS_EXTENSIONS",
    "OAS_MEDIA_TYPES",
    "OAS_PATH",
    "OAS_UPLOAD_PATH",
    "ORDERS",
    "PK_PREFIX",
    "PRODUCER_APIS_PATH",
    "PRODUCER_GROUP",
    "REQUEST_ID",
    "SERVER_ID",
    "SERVER_NAMES",
    "SK_PREFIX",
    "SORT_FIELDS",
    "SUBSCRIPTIONS_PATH",
    "SUBSCRIPTION_REQUESTS_PATH",
    "TEMPLATES",
    "VISIBILITIES",
    "VISIBILITY_PATH",
    "ErrorCode",
    "Template",
    "decision_template",
    "extension_of",
    "pk",
    "sk",
    "strip_key",
]

# `Authorization: Bearer <token>` (an EntryKeyID account's token).
AUTH_SCHEME: Final = "Bearer"
# The Active Directory group a caller must belong to for the producer-only calls.
PRODUCER_GROUP: Final = "partnerportal_producers"

# --- paths ----------------------------------------------------------------------------------

APIS_PATH: Final = "/apis"  # GET list, POST publish; GET/PUT /apis/{id}
PRODUCER_APIS_PATH: Final = "/apis/producer"
OAS_PATH: Final = "/apis/oas"  # GET /apis/oas/{id}
OAS_UPLOAD_PATH: Final = "/apis/oas/upload"
SUBSCRIPTIONS_PATH: Final = "/subscriptions"  # POST request, PUT decide; GET /{apiId}
SUBSCRIPTION_REQUESTS_PATH: Final = "/subscriptions/requests"  # GET /{apiId}, producers
CLIENTS_PATH: Final = "/clients"  # POST add, GET ?serverId=; PUT /clients/{clientID}
EMAIL_PATH: Final = "/sparkPostEmail"
CATEGORIES_PATH: Final = "/categories"
GRANT_TYPES_PATH: Final = "/grantTypes"
METHODS_PATH: Final = "/methods"
VISIBILITY_PATH: Final = "/visibility"
HEALTH_PATH: Final = "/health"

# --- keys -----------------------------------------------------------------------------------

# An API record carries its id twice, as DynamoDB keys: PK `API-Api#<id>` and SK `Api#<id>`.
# "You must truncate the SK and PK values ... leaving only the unique API ID string."
PK_PREFIX: Final = "API-Api#"
SK_PREFIX: Final = "Api#"


def pk(api_id: str) -> str:
    return PK_PREFIX + api_id


def sk(api_id: str) -> str:
    return SK_PREFIX + api_id


def strip_key(value: str) -> str:
    """The bare API id of a PK, an SK or an already bare id (the longer prefix first:
    ``API-Api#`` ends with ``Api#``)."""
    for prefix in (PK_PREFIX, SK_PREFIX):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


# Ids are UUIDs in the document (`51069cbf-7e26-4ec6-b5a2-bc11fcb060d6`); the alphabet is
# wider (letters, digits, `-`, `_`, up to 64) so another id style still reads, but never
# `.`, `/`, `%`, `?` or `#`. The words that are routes beside `/apis/{id}` and
# `/subscriptions/{id}` (`producer`, `oas`, `requests`) are refused as API ids: `GET
# /apis/producer` is another call than `GET /apis/{id}`.
_ID: Final = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
API_ID: Final = KeyAlphabet(
    "Partner Portal API id", re.compile(r"(?!(?:producer|oas|requests)$)" + _ID)
)
REQUEST_ID: Final = KeyAlphabet("Partner Portal access request id", re.compile(_ID))
SERVER_ID: Final = KeyAlphabet("Partner Portal server id", re.compile(_ID))
CLIENT_ID: Final = KeyAlphabet("Partner Portal client id", re.compile(_ID))

# --- enums (exact spellings of the document) -------------------------------------------------

API_TYPES: Final = ("REST", "GraphQL")
CATEGORIES: Final = ("Patient", "Provider")
VISIBILITIES: Final = ("Public", "Private", "Partner", "Application")
AUTHENTICATIONS: Final = ("API Keys", "Basic Auth", "OAUTH 2.0")
SERVER_NAMES: Final = ("Production", "Sandbox")
ENVIRONMENTS: Final = SERVER_NAMES  # an access request's `environment` is a server type
ACCESS_STATUSES: Final = ("Pending", "Approved", "Denied")
DECISIONS: Final = ("Approved", "Denied")
# Not in the document: the OAuth 2.0 grant types a client can be issued for.
GRANT_TYPES: Final = ("authorization_code", "client_credentials", "refresh_token")

# --- sorting and limiting (`GET /apis`, `GET /apis/producer`) ---------------------------------

SORT_FIELDS: Final = (
    "name",
    "publishDate",
    "updatedDate",
    "version",
    "category",
    "visibility",
    "type",
)
ORDERS: Final = ("asc", "desc")
MAX_LIMIT: Final = 500

# --- publish / update form-data ----------------------------------------------------------------

FILE_PART: Final = "file"  # the OAS document
DOC_PART: Final = "doc"  # the additional documentation (Markdown)
DATA_PART: Final = "data"  # the API details, a JSON string
OAS_EXTENSIONS: Final = (".json", ".yaml", ".yml")
DOC_EXTENSIONS: Final = (".md",)
# How a stored OAS file is served back (RFC 9512 registers application/yaml).
OAS_MEDIA_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {".json": "application/json", ".yaml": "application/yaml", ".yml": "application/yaml"}
)
# The `data` keys, in the document's order; `hostServers` entries hold these three.
DATA_FIELDS: Final = (
    "name",
    "description",
    "type",
    "path",
    "version",
    "category",
    "visibility",
    "authentication",
    "apiDocTitle",
    "hostServers",
)
HOST_SERVER_FIELDS: Final = ("hostName", "serverName", "id")
# The simulator's bound on one uploaded file; the client's bound on a downloaded OAS file is
# its own constructor argument (`max_oas_bytes`), by default the same.
MAX_UPLOAD_BYTES: Final = 5 * 1024 * 1024
DEFAULT_MAX_OAS_BYTES: Final = MAX_UPLOAD_BYTES


def extension_of(filename: str) -> str:
    """The lower-cased extension of ``filename`` with its dot (``"a.YML"`` -> ``".yml"``)."""
    base = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


# --- errors ---------------------------------------------------------------------------------


class ErrorCode:
    """The ``code`` of an error answer (``{"message", "code", "errors"?}``)."""

    UNAUTHORIZED: Final = "UNAUTHORIZED"
    FORBIDDEN: Final = "FORBIDDEN"  # not in the producer group, or not the API's producer
    NOT_FOUND: Final = "NOT_FOUND"
    VALIDATION_ERROR: Final = "VALIDATION_ERROR"  # with `errors: [{field, message}]`
    INVALID_JSON: Final = "INVALID_JSON"
    INVALID_FILE_TYPE: Final = "INVALID_FILE_TYPE"  # a part's extension is not allowed
    INVALID_OAS_FILE: Final = "INVALID_OAS_FILE"  # not an OpenAPI 3 / Swagger 2 document
    MISSING_PART: Final = "MISSING_PART"
    FILE_TOO_LARGE: Final = "FILE_TOO_LARGE"
    INVALID_SORT: Final = "INVALID_SORT"
    INVALID_LIMIT: Final = "INVALID_LIMIT"
    DUPLICATE_REQUEST: Final = "DUPLICATE_REQUEST"  # 409: a pending/approved request exists
    ALREADY_DECIDED: Final = "ALREADY_DECIDED"  # 409: the request already has that status
    REASON_REQUIRED: Final = "REASON_REQUIRED"  # a denial without a reason
    REQUEST_NOT_APPROVED: Final = "REQUEST_NOT_APPROVED"  # 409: a client needs an approval
    UNKNOWN_TEMPLATE: Final = "UNKNOWN_TEMPLATE"
    EMAIL_FAILED: Final = "EMAIL_FAILED"  # 502: the mail service did not take the email
    NOT_IMPLEMENTED: Final = "NOT_IMPLEMENTED"  # 501: PUT /clients/{clientID}


# --- emails ---------------------------------------------------------------------------------

# The `substitutionData` keys of `POST /sparkPostEmail`, in the document's order.
EMAIL_SUBSTITUTION_FIELDS: Final = (
    "producerName",
    "consumerName",
    "serverName",
    "apiName",
    "reasonForDenial",
    "contactUs",
)


class Template:
    """An email template: ``templateId`` and ``templateName`` of the email body."""

    __slots__ = ("id", "name")

    def __init__(self, template_id: str, name: str) -> None:
        self.id = template_id
        self.name = name

    def __repr__(self) -> str:
        return f"Template({self.id!r}, {self.name!r})"


# The document names the fields, not the templates: these ids are ours. The first two are
# sent by the portal itself when a request is made; the decision ones by the caller.
TEMPLATES: Final[Mapping[str, Template]] = MappingProxyType(
    {
        "requested": Template("partner-portal-access-requested", "Access Request Submitted"),
        "received": Template("partner-portal-access-received", "Access Request Received"),
        "Approved": Template("partner-portal-access-approved", "Access Request Approved"),
        "Denied": Template("partner-portal-access-denied", "Access Request Denied"),
    }
)
# The support address put in `contactUs` when the caller has none of its own.
CONTACT_US: Final = "partnerportal@centene.com"


def decision_template(status: str) -> Template:
    """The template of the email that tells a consumer about a decision (Approved/Denied)."""
    if status not in DECISIONS:
        raise ValueError(f"a decision is one of {', '.join(DECISIONS)}")
    return TEMPLATES[status]
