"""The Relay roots ``node(id:)`` and ``nodes(ids:)``, answering per id.

Strawberry's ``relay.node()`` fails the whole field when one id names an interface (``Node:1``,
``Account:1``), when one type's fetch fails, or when a type's ``resolve_nodes`` answers fewer
results than ids (the positions then shift and the list ends in an IndexError). Here every id
is answered on its own: an id that names no object type is a ``BAD_USER_INPUT`` error at its
own position, a type whose upstream fails nulls only its own ids (each with the upstream's
error), and results are matched to ids by position, checked.

graphql-core completes an ``Exception`` found in a list as an error at that item's path
(``nodes.2``), which is what gives each id its own error.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterable, Sequence
from typing import Any

from strawberry import relay
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition

from resolvers.core.errors import BadUserInput

__all__ = ["resolve_global_ids"]


def _node_type(info: Info[Any, Any], gid: relay.GlobalID) -> type[relay.Node] | BadUserInput:
    definition = info.schema.get_type_by_name(gid.type_name)
    if not isinstance(definition, StrawberryObjectDefinition) or definition.is_interface:
        return BadUserInput(
            f"Not a valid global id: `{gid.type_name}` is not an object type of the graph.",
            argument="id",
        )
    origin = definition.origin
    if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
        return BadUserInput(
            f"Not a valid global id: `{gid.type_name}` has no global ids.", argument="id"
        )
    return origin


async def _resolve(info: Info[Any, Any], node_type: type[relay.Node], keys: list[str]) -> list[Any]:
    answer: Any = node_type.resolve_nodes(info=info, node_ids=keys, required=False)
    if inspect.isawaitable(answer):
        answer = await answer
    results = list(answer if isinstance(answer, Iterable) else [])
    if len(results) != len(keys):
        # A resolve_nodes that drops ids would shift every later answer onto the wrong id.
        raise RuntimeError(
            f"{node_type.__name__}.resolve_nodes answered {len(results)} results "
            f"for {len(keys)} ids"
        )
    return results


async def resolve_global_ids(info: Info[Any, Any], ids: Sequence[relay.GlobalID]) -> list[Any]:
    """One answer per id, in order: the object, None, or the exception for that id alone."""
    answers: list[Any] = [None] * len(ids)
    groups: dict[type[relay.Node], list[int]] = {}
    for position, gid in enumerate(ids):
        node_type = _node_type(info, gid)
        if isinstance(node_type, BadUserInput):
            answers[position] = node_type
        else:
            groups.setdefault(node_type, []).append(position)
    kinds = list(groups)
    # Every type's batch at once; a failing one fails only its own ids.
    batches = await asyncio.gather(
        *(_resolve(info, kind, [ids[p].node_id for p in groups[kind]]) for kind in kinds),
        return_exceptions=True,
    )
    for kind, batch in zip(kinds, batches, strict=True):
        for index, position in enumerate(groups[kind]):
            answers[position] = batch if isinstance(batch, BaseException) else batch[index]
    return answers
