"""All records of one simulator instance, what each caller may see, the catalog's sorting,
the stored files behind the download links, and the emails the portal has sent."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from upstreams.portal.simulator.errors import not_found
from upstreams.portal.simulator.requests import ListQuery
from upstreams.portal.simulator.seed import (
    AccessRequest,
    Api,
    Client,
    SeedData,
    StoredFile,
    User,
)

__all__ = ["Email", "Store", "hash_secret"]


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(slots=True)
class Email:
    """One email the portal sent (or failed to send), as the test bed shows it."""

    id: str
    source: str  # "subscription" (sent by the portal itself) or "sparkPostEmail"
    template_id: str
    template_name: str
    email: str
    substitution: dict[str, str]
    at: datetime


# The sort keys of `?sort=`: each a function of an API (ties broken by id, see wire).
_SORT_KEYS: dict[str, Callable[[Api], Any]] = {
    "name": lambda a: a.name.casefold(),
    "publishDate": lambda a: a.publish_date,
    "updatedDate": lambda a: a.updated_date,
    "version": lambda a: a.version,
    "category": lambda a: a.category,
    "visibility": lambda a: a.visibility,
    "type": lambda a: a.type,
}


class Store:
    def __init__(self, seed: SeedData) -> None:
        self.users = {u.id: u for u in seed.users}
        self.by_token = {token: self.users[uid] for token, uid in seed.tokens.items()}
        self.apis: dict[str, Api] = {a.id: a for a in seed.apis}
        self.files: dict[str, StoredFile] = {}
        for api in seed.apis:
            self.files[api.oas.token] = api.oas
            if api.doc is not None:
                self.files[api.doc.token] = api.doc
        self.requests: dict[str, AccessRequest] = {r.id: r for r in seed.requests}
        self.clients: dict[str, Client] = {c.client_id: c for c in seed.clients}
        self.emails: list[Email] = []
        self.failed_emails: list[Email] = []
        # The test bed's switch: while true the mail service refuses every email.
        self.mail_failing = False

    # --- ids and files

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    def store_file(self, filename: str, content: bytes, media_type: str) -> StoredFile:
        # An unguessable token: the link is the credential, as a presigned URL is.
        stored = StoredFile(secrets.token_urlsafe(24), filename, content, media_type)
        self.files[stored.token] = stored
        return stored

    # --- what a caller sees

    def approved_for(self, user: User, api: Api) -> bool:
        return any(
            r.api_id == api.id and r.consumer_id == user.id and r.status == "Approved"
            for r in self.requests.values()
        )

    def visible(self, user: User, api: Api) -> bool:
        """Public, Partner and Application APIs are listed for every account; a Private
        one only for its producer and the consumers it approved."""
        if api.visibility != "Private" or api.producer_id == user.id:
            return True
        return self.approved_for(user, api)

    def api(self, user: User, api_id: str) -> Api:
        found = self.apis.get(api_id)
        # A Private API the caller may not see is not found, rather than forbidden: its
        # existence is not the caller's to know.
        if found is None or not self.visible(user, found):
            raise not_found("API not found")
        return found

    def listing(self, apis: Iterable[Api], query: ListQuery) -> list[Api]:
        items = list(apis)
        key = _SORT_KEYS[query.sort or "publishDate"]
        items.sort(key=lambda a: (key(a), a.id), reverse=query.descending)
        return items if query.limit is None else items[: query.limit]

    # --- access requests and clients

    def request(self, request_id: str) -> AccessRequest:
        found = self.requests.get(request_id)
        if found is None:
            raise not_found("Access request not found")
        return found

    def requests_for(self, api_id: str, consumer_id: str | None = None) -> list[AccessRequest]:
        return sorted(
            (
                r
                for r in self.requests.values()
                if r.api_id == api_id and (consumer_id is None or r.consumer_id == consumer_id)
            ),
            key=lambda r: (r.requested_at, r.id),
        )

    def open_request(self, consumer_id: str, api_id: str, server_id: str) -> bool:
        return any(
            r.consumer_id == consumer_id
            and r.api_id == api_id
            and r.server_id == server_id
            and r.status in ("Pending", "Approved")
            for r in self.requests.values()
        )

    def clients_for(self, owner_id: str, server_id: str) -> list[Client]:
        return sorted(
            (
                c
                for c in self.clients.values()
                if c.owner_id == owner_id and c.server_id == server_id
            ),
            key=lambda c: (c.created_at, c.client_id),
        )

    # --- emails

    def send_email(
        self,
        source: str,
        template_id: str,
        template_name: str,
        email: str,
        substitution: dict[str, str],
    ) -> Email | None:
        """Record the email as sent; None (and recorded as failed) while mail is failing."""
        sent = Email(
            self.new_id(),
            source,
            template_id,
            template_name,
            email,
            substitution,
            datetime.now(UTC),
        )
        if self.mail_failing:
            self.failed_emails.append(sent)
            return None
        self.emails.append(sent)
        return sent
