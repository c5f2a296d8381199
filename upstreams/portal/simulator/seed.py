"""Records of the Partner Portal simulator and the data it starts with.

Deterministic for a given ``seed``: the document's own example (the API published as
``51069cbf-7e26-4ec6-b5a2-bc11fcb060d6``) first, then generated APIs across both
categories, all four visibilities, both API types and the three authentication methods,
each with a real OpenAPI 3 document (JSON or YAML) and a Markdown guide, owned by several
producers; access requests in every state (with their approval history), and one client.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from upstreams.portal.simulator.oas import DOMAINS, Domain, build_document, serialize
from upstreams.portal.wire import (
    AUTHENTICATIONS,
    OAS_MEDIA_TYPES,
    VISIBILITIES,
    extension_of,
)

__all__ = [
    "EXAMPLE_API_ID",
    "SEEDED_AT",
    "AccessRequest",
    "Api",
    "Client",
    "HistoryEntry",
    "HostServer",
    "SeedData",
    "StoredFile",
    "User",
    "build_seed",
]

EXAMPLE_API_ID: Final = "51069cbf-7e26-4ec6-b5a2-bc11fcb060d6"
SEEDED_AT: Final = datetime(2024, 1, 8, 15, 0, tzinfo=UTC)


@dataclass(slots=True)
class User:
    id: str
    name: str
    email: str
    organization: str
    producer: bool


@dataclass(slots=True)
class StoredFile:
    """An uploaded file as the portal keeps it; ``token`` is its download link's key."""

    token: str
    filename: str
    content: bytes
    media_type: str


@dataclass(slots=True)
class HostServer:
    id: str
    server_name: str  # Production | Sandbox
    url: str


@dataclass(slots=True)
class Api:
    id: str
    name: str
    description: str
    type: str
    path: str
    version: str
    category: str
    visibility: str
    authentication: str
    api_doc_title: str
    host_servers: list[HostServer]
    producer_id: str
    oas: StoredFile
    doc: StoredFile | None
    publish_date: datetime
    updated_date: datetime


@dataclass(slots=True)
class HistoryEntry:
    status: str
    reason: str | None
    by: str  # user id
    at: datetime


@dataclass(slots=True)
class AccessRequest:
    id: str
    api_id: str
    consumer_id: str
    environment: str
    url: str
    server_id: str
    status: str
    reason: str | None
    project_id: str | None
    requested_at: datetime
    updated_at: datetime
    history: list[HistoryEntry] = field(default_factory=list)


@dataclass(slots=True)
class Client:
    client_id: str
    secret_sha256: str  # the secret itself is only in the answer that created it
    owner_id: str
    api_id: str
    server_id: str
    url: str
    environment: str
    request_id: str
    project_id: str
    redirect_uris: list[str]
    grant_type: str
    created_at: datetime
    status: str = "Active"


@dataclass(slots=True)
class SeedData:
    users: list[User]
    tokens: dict[str, str]  # bearer token -> user id
    apis: list[Api]
    requests: list[AccessRequest]
    clients: list[Client]


# Demo tokens: `demo` is a consumer, `demo-producer` a producer (partnerportal_producers);
# the second of each lets tests see "only yours" and "only your APIs".
USERS: Final = (
    User("u-dana-whitfield", "Dana Whitfield", "dana.whitfield@brightpath.example",
         "BrightPath Health Apps", producer=False),
    User("u-jordan-ellis", "Jordan Ellis", "jordan.ellis@centene.example",
         "Centene Digital", producer=True),
    User("u-priya-raman", "Priya Raman", "priya.raman@centene.example",
         "Ambetter Engineering", producer=True),
    User("u-chris-novak", "Chris Novak", "chris.novak@carebridge.example",
         "CareBridge Analytics", producer=False),
    User("u-marcus-webb", "Marcus Webb", "marcus.webb@centene.example",
         "WellCare Platform", producer=True),
    User("u-elena-fischer", "Elena Fischer", "elena.fischer@centene.example",
         "Health Net Integration", producer=True),
    User("u-samuel-ortiz", "Samuel Ortiz", "samuel.ortiz@centene.example",
         "Provider Services IT", producer=True),
    User("u-taylor-brooks", "Taylor Brooks", "taylor.brooks@medirecord.example",
         "MediRecord", producer=False),
    User("u-morgan-lee", "Morgan Lee", "morgan.lee@clinicflow.example",
         "ClinicFlow", producer=False),
    User("u-riley-chen", "Riley Chen", "riley.chen@pharmalink.example",
         "PharmaLink", producer=False),
)  # fmt: skip
TOKENS: Final = {
    "demo": "u-dana-whitfield",
    "demo-producer": "u-jordan-ellis",
    "demo-producer-2": "u-priya-raman",
    "demo-consumer-2": "u-chris-novak",
}
_PRODUCERS: Final = tuple(u.id for u in USERS if u.producer)
_CONSUMERS: Final = tuple(u.id for u in USERS if not u.producer)
_BRANDS: Final = ("Ambetter", "WellCare", "Health Net", "Fidelis Care", "Peach State")
# Every visibility appears, Public most often (as in a real catalog).
_VISIBILITY_CYCLE: Final = (
    "Public", "Partner", "Public", "Private", "Public", "Application", "Partner", "Public"
)  # fmt: skip
_EXTENSION_CYCLE: Final = (".json", ".yaml", ".json", ".yml")
_DENIAL_REASONS: Final = (
    "The requested environment is reserved for contracted partners.",
    "Please describe your use case in the request and try again.",
    "Production access needs a signed data use agreement.",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _token(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def make_doc(token: str, title: str, description: str, servers: list[HostServer]) -> StoredFile:
    lines = [
        f"# {title}",
        "",
        description,
        "",
        "## Getting started",
        "",
        "1. Request access to the environment you need from the API's page.",
        "2. When your request is approved, add a client to get your credentials.",
        "3. Call the server of that environment with them.",
        "",
        "## Servers",
        "",
        *(f"- **{s.server_name}**: `{s.url}`" for s in servers),
        "",
    ]
    return StoredFile(token, f"{_slug(title)}.md", "\n".join(lines).encode(), "text/markdown")


def _generated_api(rng: random.Random, index: int) -> Api:
    domain: Domain = DOMAINS[index % len(DOMAINS)]
    round_ = index // len(DOMAINS)
    brand = _BRANDS[round_ % len(_BRANDS)]
    name = f"{brand} {domain.title} API"
    if round_ >= len(_BRANDS):
        name += f" {round_ // len(_BRANDS) + 1}"
    api_type = "GraphQL" if index % 7 == 3 else "REST"
    major = 1 + rng.randrange(3)
    version = f"{major}.{rng.randrange(10)}.{rng.randrange(5)}"
    slug = _slug(f"{brand} {domain.title}")
    host = f"https://api.{_slug(brand).replace('-', '')}.example/{domain.resource}"
    servers = [HostServer(_uuid(rng), "Production", f"{host}/v{major}")]
    if index % 3 != 2:
        servers.append(HostServer(_uuid(rng), "Sandbox", f"{host}/sandbox/v{major}"))
    authentication = AUTHENTICATIONS[index % len(AUTHENTICATIONS)]
    description = f"{domain.summary} For {brand} members and partners."
    document = build_document(
        domain=domain,
        title=name,
        version=version,
        description=description,
        api_type=api_type,
        authentication=authentication,
        servers=[(s.url, s.server_name) for s in servers],
        with_delete=index % 2 == 0,
    )
    extension = _EXTENSION_CYCLE[index % len(_EXTENSION_CYCLE)]
    oas_name = f"{slug}-openapi{extension}"
    published = SEEDED_AT - timedelta(days=400 - index * 6, hours=rng.randrange(24))
    api_id = _uuid(rng)
    return Api(
        id=api_id,
        name=name,
        description=description,
        type=api_type,
        path=f"/{_slug(brand)}/{domain.resource}/v{major}",
        version=version,
        category=domain.category,
        visibility=_VISIBILITY_CYCLE[index % len(_VISIBILITY_CYCLE)],
        authentication=authentication,
        api_doc_title=f"{name} Guide",
        host_servers=servers,
        producer_id=_PRODUCERS[index % len(_PRODUCERS)],
        oas=StoredFile(
            _token(rng), oas_name, serialize(document, extension), OAS_MEDIA_TYPES[extension]
        ),
        doc=make_doc(_token(rng), f"{name} Guide", description, servers),
        publish_date=published,
        updated_date=published + timedelta(days=rng.randrange(0, 90)),
    )


def _example_api(rng: random.Random) -> Api:
    """The document's example: the id its publish call answers, on the demo producer."""
    domain = DOMAINS[0]
    servers = [
        HostServer("prod-eligibility-01", "Production", "https://api.centene.example/eligibility"),
        HostServer(
            "sandbox-eligibility-01", "Sandbox", "https://sandbox.api.centene.example/eligibility"
        ),
    ]
    name = "Member Eligibility API"
    description = "Coverage and eligibility of a member on a date of service."
    document = build_document(
        domain=domain,
        title=name,
        version="1.0.0",
        description=description,
        api_type="REST",
        authentication="OAUTH 2.0",
        servers=[(s.url, s.server_name) for s in servers],
        with_delete=False,
    )
    filename = "member-eligibility-openapi.yaml"
    return Api(
        id=EXAMPLE_API_ID,
        name=name,
        description=description,
        type="REST",
        path="/eligibility/v1",
        version="1.0.0",
        category="Patient",
        visibility="Public",
        authentication="OAUTH 2.0",
        api_doc_title="Member Eligibility Guide",
        host_servers=servers,
        producer_id=TOKENS["demo-producer"],
        oas=StoredFile(
            _token(rng),
            filename,
            serialize(document, extension_of(filename)),
            OAS_MEDIA_TYPES[extension_of(filename)],
        ),
        doc=make_doc(_token(rng), "Member Eligibility Guide", description, servers),
        publish_date=SEEDED_AT - timedelta(days=420),
        updated_date=SEEDED_AT - timedelta(days=30),
    )


def _request(
    rng: random.Random, api: Api, consumer: str, status: str, number: int, server: HostServer
) -> AccessRequest:
    asked = api.publish_date + timedelta(days=3 + number % 40, hours=number % 24)
    history = [HistoryEntry("Pending", None, consumer, asked)]
    reason: str | None = None
    project: str | None = None
    updated = asked
    if status in ("Approved", "Denied"):
        updated = asked + timedelta(days=1 + number % 5)
        if status == "Denied":
            reason = _DENIAL_REASONS[number % len(_DENIAL_REASONS)]
        else:
            project = f"prj-{_token(rng)[:12]}"
        history.append(HistoryEntry(status, reason, api.producer_id, updated))
    return AccessRequest(
        id=_uuid(rng),
        api_id=api.id,
        consumer_id=consumer,
        environment=server.server_name,
        url=server.url,
        server_id=server.id,
        status=status,
        reason=reason,
        project_id=project,
        requested_at=asked,
        updated_at=updated,
        history=history,
    )


def build_seed(*, scale: int = 60, seed: int = 11) -> SeedData:
    """``scale`` APIs (the document's example included) and their access requests."""
    rng = random.Random(seed)
    apis = [_example_api(rng)]
    apis += [_generated_api(rng, i) for i in range(max(0, scale - 1))]
    requests: list[AccessRequest] = []
    statuses = ("Pending", "Approved", "Denied")
    dana, chris = TOKENS["demo"], TOKENS["demo-consumer-2"]
    # The demo consumer, on the example API: one request per state, one per server so that
    # each stays allowed (a consumer holds one open request per server).
    example = apis[0]
    requests.append(_request(rng, example, dana, "Approved", 0, example.host_servers[1]))
    requests.append(_request(rng, example, dana, "Denied", 1, example.host_servers[0]))
    requests.append(_request(rng, example, chris, "Pending", 2, example.host_servers[0]))
    # Then every third API: requests from consumers in turn, in every state.
    number = 3
    for api in apis[1::3]:
        for offset in range(1 + number % 3):
            consumer = _CONSUMERS[(number + offset) % len(_CONSUMERS)]
            server = api.host_servers[offset % len(api.host_servers)]
            if any(
                r.api_id == api.id and r.consumer_id == consumer and r.server_id == server.id
                for r in requests
            ):
                continue
            requests.append(_request(rng, api, consumer, statuses[number % 3], number, server))
            number += 1
    # A revoked approval, for a history longer than one decision.
    revoked = next((r for r in requests[3:] if r.status == "Approved"), None)
    if revoked is not None:
        producer = next(a.producer_id for a in apis if a.id == revoked.api_id)
        revoked.status, revoked.reason = "Denied", "The partner agreement ended."
        revoked.updated_at += timedelta(days=30)
        revoked.history.append(HistoryEntry("Denied", revoked.reason, producer, revoked.updated_at))
    approved = requests[0]
    assert approved.project_id is not None
    client = Client(
        client_id=f"cl-{_token(rng)[:16]}",
        secret_sha256=_token(rng) * 2,  # no one knows the seeded client's secret
        owner_id=dana,
        api_id=approved.api_id,
        server_id=approved.server_id,
        url=approved.url,
        environment=approved.environment,
        request_id=approved.id,
        project_id=approved.project_id,
        redirect_uris=["https://brightpath.example/callback"],
        grant_type="authorization_code",
        created_at=approved.updated_at + timedelta(hours=2),
    )
    return SeedData(list(USERS), dict(TOKENS), apis, requests, [client])


def visibility_counts(apis: list[Api]) -> dict[str, int]:
    """How many APIs have each visibility (the seed tests check that all four occur)."""
    return {v: sum(1 for a in apis if a.visibility == v) for v in VISIBILITIES}
