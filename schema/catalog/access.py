"""Access requests, their history and requesters, and API clients (Partner Portal)."""

from __future__ import annotations

from typing import cast

import strawberry

from resolvers.catalog import (
    AccessRequestRecord,
    ClientRecord,
    PersonRecord,
    ProducerAccessRequestRecord,
)

__all__ = ["AccessRequest", "AccessRequestChange", "ApiClient", "PortalAccount"]


@strawberry.type(description="A portal account, as an access request names it.")
class PortalAccount:
    account_id: str | None = strawberry.field(description="The portal's account id.")
    name: str | None = strawberry.field(description="The person's name.")
    email: str | None = strawberry.field(description="The person's email.")
    organization: str | None = strawberry.field(description="Their organization.")

    @classmethod
    def from_record(cls, r: PersonRecord | None) -> PortalAccount | None:
        if r is None:
            return None
        return cls(
            account_id=r["id"], name=r["name"], email=r["email"], organization=r["organization"]
        )


@strawberry.type(description="One change of an access request's status.")
class AccessRequestChange:
    status: str = strawberry.field(description="Pending, Approved or Denied.")
    reason: str | None = strawberry.field(description="The reason given (a denial's).")
    changed_by: PortalAccount | None = strawberry.field(description="Who changed it.")
    changed_at: str | None = strawberry.field(description="When (ISO 8601).")


@strawberry.type(description="A consumer's request for access to one server of an API.")
class AccessRequest:
    request_id: str = strawberry.field(description="The portal's request id.")
    api_id: str | None = strawberry.field(description="The API asked for.")
    api_name: str | None = strawberry.field(description="Its name.")
    environment: str | None = strawberry.field(description="Production or Sandbox.")
    url: str | None = strawberry.field(description="The consumer's application URL.")
    server_id: str | None = strawberry.field(description="The host server asked for.")
    status: str = strawberry.field(description="Pending, Approved or Denied.")
    reason: str | None = strawberry.field(description="Why it was denied.")
    project_id: str | None = strawberry.field(
        description="Set once approved; createClient needs it (and finds it when left out)."
    )
    requested_at: str | None = strawberry.field(description="When it was asked (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When it last changed (ISO 8601).")
    requester: PortalAccount | None = strawberry.field(
        description="Who asked (the producer's view only; null in your own)."
    )
    history: list[AccessRequestChange] = strawberry.field(
        description="Every change of status, oldest first (the producer's view; empty in yours)."
    )

    @classmethod
    def from_record(cls, r: AccessRequestRecord | ProducerAccessRequestRecord) -> AccessRequest:
        # The consumer's view has neither requester nor history.
        producer = cast("ProducerAccessRequestRecord", r) if "history" in r else None
        history = producer["history"] if producer else []
        return cls(
            request_id=r["id"],
            api_id=r["api_id"],
            api_name=r["api_name"],
            environment=r["environment"],
            url=r["url"],
            server_id=r["server_id"],
            status=r["status"],
            reason=r["reason"],
            project_id=r["project_id"],
            requested_at=r["requested_date"],
            updated_at=r["updated_date"],
            requester=PortalAccount.from_record(producer["requester"]) if producer else None,
            history=[
                AccessRequestChange(
                    status=h["status"],
                    reason=h["reason"],
                    changed_by=PortalAccount.from_record(h["changed_by"]),
                    changed_at=h["changed_date"],
                )
                for h in history
            ],
        )


@strawberry.type(description="OAuth client credentials issued for an approved access request.")
class ApiClient:
    client_id: str = strawberry.field(description="The client id.")
    api_id: str | None = strawberry.field(description="The API it calls.")
    server_id: str | None = strawberry.field(description="The host server it calls.")
    url: str | None = strawberry.field(description="The consumer's application URL.")
    environment: str | None = strawberry.field(description="Production or Sandbox.")
    request_id: str | None = strawberry.field(description="The approved request it was made for.")
    project_id: str | None = strawberry.field(description="The project of that approval.")
    redirect_uris: list[str] = strawberry.field(description="The OAuth redirect URIs.")
    grant_type: str | None = strawberry.field(description="The OAuth grant type.")
    status: str | None = strawberry.field(description="The client's status at the portal.")
    created_at: str | None = strawberry.field(description="When it was created (ISO 8601).")

    @classmethod
    def from_record(cls, r: ClientRecord) -> ApiClient:
        return cls(
            client_id=r["client_id"],
            api_id=r["api_id"],
            server_id=r["server_id"],
            url=r["url"],
            environment=r["environment"],
            request_id=r["request_id"],
            project_id=r["project_id"],
            redirect_uris=list(r["redirect_uris"]),
            grant_type=r["grant_type"],
            status=r["status"],
            created_at=r["created_date"],
        )
