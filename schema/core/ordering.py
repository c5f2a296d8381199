"""Ordering: ``orderBy: [XOrder!]``, each key a ``{field, direction}`` pair.

A connection declares its sortable fields as an enum whose values are the resolver's sort
paths, and its order input as ``class XOrder(Order[XOrderField])`` with a description: the
field and direction, their descriptions and the default direction are written once here.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Generic, TypeVar

import strawberry

__all__ = ["Order", "OrderDirection", "sort_keys"]

F = TypeVar("F", bound=Enum)


@strawberry.enum(description="Ascending (A→Z, oldest first) or descending.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest first; missing values first.")
    DESC = strawberry.enum_value("desc", description="Largest first; missing values last.")


@strawberry.input(description="One sort key.")
class Order(Generic[F]):
    """One sort key; subclass it as ``@strawberry.input class XOrder(Order[XOrderField])``."""

    field: F = strawberry.field(description="What to sort on.")
    direction: OrderDirection = strawberry.field(
        description="Which way (ascending unless said).", default=OrderDirection.ASC
    )


def sort_keys(order: Sequence[Order[F]] | None) -> list[tuple[str, str]]:
    """The (path, direction) pairs the resolvers take, in the client's order."""
    return [(str(o.field.value), str(o.direction.value)) for o in order or ()]
