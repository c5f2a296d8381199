"""Name/value attributes of consents and events, as output and as input."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from resolvers.members import NameValueRecord

__all__ = ["NameValue", "NameValueInput", "pairs"]


@strawberry.type(description="A name and a value: an extra attribute of a consent or an event.")
class NameValue:
    name: str = strawberry.field(description="The attribute's name, e.g. sms_phone_number.")
    value: str | None = strawberry.field(description="The attribute's value, as text.")

    @classmethod
    def many(cls, records: Iterable[NameValueRecord]) -> list[NameValue]:
        return [cls(name=r["name"], value=r["value"]) for r in records]


@strawberry.input(description="A name and a value.")
class NameValueInput:
    name: str = strawberry.field(description="The attribute's name.")
    value: str | None = strawberry.field(description="The attribute's value.", default=None)


def _pairs(items: list[NameValueInput] | None) -> list[tuple[str, str | None]] | None:
    return None if items is None else [(i.name, i.value) for i in items]


def pairs(items: list[NameValueInput] | None) -> list[tuple[str, str | None]] | None:
    """Input attributes as (name, value) pairs for the resolvers; None stays None."""
    return None if items is None else [(i.name, i.value) for i in items]
