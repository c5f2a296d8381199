"""Relay connections shared by every domain: ``Connection[T]`` prints as ``TConnection``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry import relay

from resolvers.core.paging import Page
from schema.core.cost import cost

__all__ = ["After", "Before", "Connection", "Edge", "First", "Last", "to_connection"]

T = TypeVar("T")
R = TypeVar("R")

# The paging arguments every connection field takes, described once.
First = Annotated[
    int | None, strawberry.argument(description="Page size from the start (max 100).")
]
After = Annotated[str | None, strawberry.argument(description="Resume after this cursor.")]
Last = Annotated[int | None, strawberry.argument(description="Page size from the end (max 100).")]
Before = Annotated[str | None, strawberry.argument(description="Resume before this cursor.")]


@strawberry.type(description="One item of a page, with the cursor to resume after or before it.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque; pass to `after` or `before`.")
    node: T = strawberry.field(description="The object at this position of the page.")


@strawberry.type(description="A page of a collection, Relay style.")
class Connection(Generic[T]):
    @strawberry.field(description="The items of this page with cursors.", metadata=cost(size=1))
    def edges(self) -> list[Edge[T]]:
        # Cursors are encoded here, only for queries that select edges.
        return [
            Edge(cursor=e.cursor, node=n) for e, n in zip(self.page.edges, self.nodes, strict=True)
        ]

    nodes: list[T] = strawberry.field(
        description="The items of this page, without cursors.", metadata=cost(size=1)
    )
    page_info: relay.PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int | None = strawberry.field(
        description="How many items match in all; null where the upstream cannot tell "
        "without reading every page."
    )
    page: strawberry.Private[Page[Any]]


def to_connection(page: Page[R], convert: Callable[[R], T]) -> Connection[T]:
    """Convert each record once; edges, if selected, share the node objects."""
    edges = page.edges
    return Connection(
        nodes=[convert(edge.record) for edge in edges],
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.resume_before()
            if page.resume_before
            else (edges[0].cursor if edges else None),
            end_cursor=page.resume_after()
            if page.resume_after
            else (edges[-1].cursor if edges else None),
        ),
        total_count=page.total_count,
        page=page,
    )
