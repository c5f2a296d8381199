"""Catalog writes (Partner Portal): publish, update, upload, access requests, clients.

Checked first, as userErrors without a call: file types (.json/.yaml/.yml for the OAS file,
.md for the documentation), empty files, values outside the portal's own lists (categories,
visibilities, authentication methods; cached), at least one host server, a reason to deny.
Then sent once through the one write helper: the portal's field errors land at the input's
paths; a 403 (not a producer, or not this API's) is a GraphQL error ``FORBIDDEN``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from resolvers.catalog.reads import api, forget_catalog, my_access_requests, reference_list
from resolvers.core.context import Context
from resolvers.core.writes import InputPaths, Outcome, UserErrorCode, UserErrorRecord, write
from upstreams import to_camel
from upstreams.portal import (
    AccessRequestRecord,
    ApiChanges,
    ApiDetails,
    ApiRecord,
    DecisionEmail,
    NewClient,
    NewClientRecord,
    PortalClient,
    Upload,
    wire,
)

__all__ = [
    "Decided",
    "check_file",
    "create_client",
    "publish_api",
    "request_access",
    "respond_to_access_request",
    "update_api",
    "upload_oas_file",
]

# The portal's part and field names -> the graph's input fields.
_PATHS: Final = InputPaths(
    renames={"file": "oasFile", "doc": "documentation", "apiDocTitle": "apiDocTitle"}
)
_LISTED: Final = {
    "category": "categories",
    "visibility": "visibilities",
    "authentication": "methods",
}


_FILE_ARGUMENTS: Final = frozenset({"oasFile", "documentation"})


def _at_arguments(outcome: Outcome[Any]) -> Outcome[Any]:
    """The portal's refusals of a file part at the file's argument (``["oasFile"]``): the
    files are arguments of the mutation, not fields of its input."""
    if not outcome.user_errors:
        return outcome
    moved = [
        UserErrorRecord(e.message, e.code, e.field[1:])
        if e.field is not None and len(e.field) >= 2 and e.field[1] in _FILE_ARGUMENTS
        else e
        for e in outcome.user_errors
    ]
    return Outcome(value=outcome.value, user_errors=moved)


def _error(path: tuple[str, ...], message: str, code: UserErrorCode) -> UserErrorRecord:
    return UserErrorRecord(field=path, message=message, code=code)


def check_file(
    upload: Upload | None, name: str, extensions: Sequence[str]
) -> list[UserErrorRecord]:
    """A file of the wrong type or empty: said before anything is sent."""
    if upload is None:
        return []
    lowered = upload.filename.lower()
    if not any(lowered.endswith(ext) for ext in extensions):
        return [
            _error(
                (name,),
                f"{name} must be a {', '.join(extensions)} file (got {upload.filename!r}).",
                UserErrorCode.INVALID,
            )
        ]
    if not upload.content:
        return [_error((name,), f"{name} is empty.", UserErrorCode.BLANK)]
    return []


async def _check_details(ctx: Context, values: Mapping[str, Any]) -> list[UserErrorRecord]:
    errors: list[UserErrorRecord] = []
    given = [(f, n) for f, n in _LISTED.items() if values.get(f) is not None]
    # The lists a cold cache must read, read at once rather than one after another.
    lists = await asyncio.gather(*(reference_list(ctx, n) for _, n in given))
    for (field, list_name), entries in zip(given, lists, strict=True):
        value = values[field]
        allowed = [r["name"] for r in entries]
        if value not in allowed:
            errors.append(
                _error(
                    ("input", field),
                    f"{field} must be one of {', '.join(allowed)} (the portal's {list_name}).",
                    UserErrorCode.INVALID,
                )
            )
    kind = values.get("type")
    if kind is not None and kind not in wire.API_TYPES:
        errors.append(
            _error(
                ("input", "type"),
                f"type must be {' or '.join(wire.API_TYPES)}.",
                UserErrorCode.INVALID,
            )
        )
    servers = values.get("host_servers")
    if servers is not None:
        if not servers:
            errors.append(
                _error(
                    ("input", "hostServers"), "Name at least one host server.", UserErrorCode.BLANK
                )
            )
        for i, server in enumerate(servers):
            if server.server_name not in wire.SERVER_NAMES:
                errors.append(
                    _error(
                        ("input", "hostServers", str(i), "serverName"),
                        f"serverName must be {' or '.join(wire.SERVER_NAMES)}.",
                        UserErrorCode.INVALID,
                    )
                )
            if not server.url.startswith(("https://", "http://")):
                errors.append(
                    _error(
                        ("input", "hostServers", str(i), "url"),
                        "url must be an absolute http(s) URL.",
                        UserErrorCode.INVALID_FORMAT,
                    )
                )
    for field in ("name", "description", "path", "version", "api_doc_title"):
        value = values.get(field)
        if isinstance(value, str) and not value.strip():
            errors.append(
                _error(
                    ("input", to_camel(field)), f"{to_camel(field)} is blank.", UserErrorCode.BLANK
                )
            )
    return errors


async def publish_api(
    ctx: Context, details: ApiDetails, oas: Upload, doc: Upload | None
) -> Outcome[ApiRecord]:
    """Publish an API with its OAS file (and documentation); answers it as the portal has it."""
    errors = check_file(oas, "oasFile", wire.OAS_EXTENSIONS)
    errors += check_file(doc, "documentation", wire.DOC_EXTENSIONS)
    errors += await _check_details(ctx, vars_of(details))
    if errors:
        return Outcome(user_errors=errors)
    outcome = _at_arguments(
        await write(ctx.client(PortalClient).publish_api(details, oas=oas, doc=doc), paths=_PATHS)
    )
    if outcome.value is None:
        return Outcome(user_errors=outcome.user_errors)
    forget_catalog(ctx)
    return Outcome(value=await _read_back(ctx, outcome.value["id"]))


async def _read_back(ctx: Context, api_id: str) -> ApiRecord | None:
    ctx.forget(("portal:api", api_id))
    return await api(ctx, api_id)


def vars_of(details: ApiDetails | ApiChanges) -> dict[str, Any]:
    return {k: getattr(details, k) for k in details.__dataclass_fields__}


async def update_api(
    ctx: Context,
    api_id: str,
    changes: ApiChanges | None,
    oas: Upload | None,
    doc: Upload | None,
) -> Outcome[ApiRecord]:
    """Change an API: only the parts given; the portal keeps the rest."""
    errors = _api_id_errors(api_id)
    errors += check_file(oas, "oasFile", wire.OAS_EXTENSIONS)
    errors += check_file(doc, "documentation", wire.DOC_EXTENSIONS)
    if changes is not None:
        errors += await _check_details(ctx, vars_of(changes))
    if changes is None and oas is None and doc is None:
        errors.append(
            _error(
                ("input",),
                "Send at least one change, an OAS file or documentation.",
                UserErrorCode.BLANK,
            )
        )
    if errors:
        return Outcome(user_errors=errors)
    outcome = _at_arguments(
        await write(
            ctx.client(PortalClient).update_api(api_id, changes=changes, oas=oas, doc=doc),
            not_found=_no_api(api_id),
            paths=_PATHS,
        )
    )
    if outcome.user_errors:
        return Outcome(user_errors=outcome.user_errors)
    forget_catalog(ctx)
    ctx.forget(("portal:oas", api_id))
    return Outcome(value=await _read_back(ctx, api_id))


def _api_id_errors(api_id: str, name: str = "apiId") -> list[UserErrorRecord]:
    if wire.API_ID.valid(api_id):
        return []
    return [
        _error(("input", name), f"{name} is not a Partner Portal API id.", UserErrorCode.INVALID)
    ]


def _no_api(api_id: str) -> UserErrorRecord:
    return _error(
        ("input", "apiId"), f"No API {api_id!r} that you can see.", UserErrorCode.NOT_FOUND
    )


async def upload_oas_file(ctx: Context, oas: Upload) -> Outcome[str]:
    """Store an OAS file at the portal; answers its download link."""
    errors = check_file(oas, "oasFile", wire.OAS_EXTENSIONS)
    if errors:
        return Outcome(user_errors=errors)
    outcome = _at_arguments(await write(ctx.client(PortalClient).upload_oas(oas), paths=_PATHS))
    return Outcome(
        value=outcome.value["url"] if outcome.value else None, user_errors=outcome.user_errors
    )


async def request_access(
    ctx: Context, *, api_id: str, environment: str, url: str, server_id: str
) -> Outcome[AccessRequestRecord]:
    """Ask an API's producer for access to one of its servers; answers the request."""
    errors = _api_id_errors(api_id)
    if environment not in wire.ENVIRONMENTS:
        errors.append(
            _error(
                ("input", "environment"),
                f"environment must be {' or '.join(wire.ENVIRONMENTS)}.",
                UserErrorCode.INVALID,
            )
        )
    if not url.startswith(("https://", "http://")):
        errors.append(
            _error(
                ("input", "url"),
                "url must be an absolute http(s) URL.",
                UserErrorCode.INVALID_FORMAT,
            )
        )
    if not wire.SERVER_ID.valid(server_id):
        errors.append(
            _error(
                ("input", "serverId"),
                "serverId is not a Partner Portal server id.",
                UserErrorCode.INVALID,
            )
        )
    if errors:
        return Outcome(user_errors=errors)
    outcome = await write(
        ctx.client(PortalClient).request_access(
            api_id, environment=environment, url=url, server_id=server_id
        ),
        not_found=_no_api(api_id),
        paths=_PATHS,
    )
    if outcome.value is None:
        return Outcome(user_errors=outcome.user_errors)
    ctx.forget(("portal:my-requests", api_id))
    mine = await my_access_requests(ctx, api_id)
    return Outcome(value=next((r for r in mine if r["id"] == outcome.value["id"]), None))


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision as it stands, and whether its email reached the consumer."""

    request: AccessRequestRecord | None
    email_sent: bool
    email_error: str | None


async def respond_to_access_request(
    ctx: Context, *, api_id: str, request_id: str, decision: str, reason: str | None
) -> Outcome[Decided]:
    """Approve or deny; then email the consumer as the document describes. A failed email
    leaves the decision standing: the answer says the email was not sent."""
    errors = _api_id_errors(api_id)
    if not wire.REQUEST_ID.valid(request_id):
        errors.append(
            _error(
                ("input", "requestId"),
                "requestId is not a Partner Portal request id.",
                UserErrorCode.INVALID,
            )
        )
    if decision == "Denied" and not (reason or "").strip():
        errors.append(
            _error(
                ("input", "reason"),
                "A reason is required to deny a request.",
                UserErrorCode.MISSING,
            )
        )
    if errors:
        return Outcome(user_errors=errors)
    client = ctx.client(PortalClient)
    requests = await client.access_requests(api_id)  # the producer's view: FORBIDDEN otherwise
    found = next((r for r in requests if r["id"] == request_id), None)
    if found is None:
        return Outcome(
            user_errors=[
                _error(
                    ("input", "requestId"),
                    f"No request {request_id!r} for this API.",
                    UserErrorCode.NOT_FOUND,
                )
            ]
        )
    the_api = await api(ctx, api_id)
    requester = found["requester"] or {
        "name": None,
        "email": None,
        "id": None,
        "organization": None,
    }
    email = (
        DecisionEmail(
            email=requester["email"],
            producer_name=(the_api["producer_name"] if the_api else None) or "",
            consumer_name=requester["name"] or "",
            server_name=found["environment"] or "",
            api_name=(the_api["name"] if the_api else None) or found["api_name"] or "",
        )
        if requester["email"]
        else None
    )
    outcome = await write(
        client.decide_and_notify(request_id, decision, reason, email=email),
        not_found=_error(
            ("input", "requestId"), f"No request {request_id!r}.", UserErrorCode.NOT_FOUND
        ),
        paths=_PATHS,
    )
    if outcome.value is None:
        return Outcome(user_errors=outcome.user_errors)
    ctx.forget(("portal:requests", api_id))
    after = next((r for r in await client.access_requests(api_id) if r["id"] == request_id), None)
    sent = outcome.value.email
    return Outcome(
        value=Decided(
            request=after,
            email_sent=bool(sent and sent.sent),
            email_error=None
            if sent is None or sent.sent
            else (sent.error.summary if sent.error else "not sent"),
        )
    )


async def create_client(
    ctx: Context,
    *,
    api_id: str,
    request_id: str,
    server_id: str,
    url: str,
    environment: str,
    grant_type: str,
    redirect_uris: Sequence[str],
    project_id: str | None,
) -> Outcome[NewClientRecord]:
    """Client credentials for an approved request; the secret is answered this once."""
    errors = _api_id_errors(api_id)
    grants = [r["name"] for r in await reference_list(ctx, "grantTypes")]
    if grant_type not in grants:
        errors.append(
            _error(
                ("input", "grantType"),
                f"grantType must be one of {', '.join(grants)}.",
                UserErrorCode.INVALID,
            )
        )
    if errors:
        return Outcome(user_errors=errors)
    if project_id is None:
        mine = await my_access_requests(ctx, api_id)
        request = next((r for r in mine if r["id"] == request_id), None)
        if request is None or request["status"] != "Approved" or not request["project_id"]:
            return Outcome(
                user_errors=[
                    _error(
                        ("input", "requestId"),
                        "requestId names no approved request of yours for this API.",
                        UserErrorCode.INVALID,
                    )
                ]
            )
        project_id = request["project_id"]
    new = NewClient(
        api_id=api_id,
        server_id=server_id,
        url=url,
        environment=environment,
        request_id=request_id,
        project_id=project_id,
        grant_type=grant_type,
        redirect_uris=tuple(redirect_uris),
    )
    return await write(ctx.client(PortalClient).add_client(new), paths=_PATHS)
