"""Reading a field's selection, fragments included, to plan upstream calls from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from resolvers.core.selection import Selected

T = TypeVar("T")

__all__ = [
    "children",
    "descendant",
    "field_key",
    "names",
    "remember",
    "selected",
    "selected_paths",
]


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def children(fields: Iterable[Selection], name: str) -> list[SelectedField]:
    """Every selection of ``name`` directly under ``fields`` (aliases and fragments merged)."""
    return [child for f in _fields(fields) for child in _fields(f.selections) if child.name == name]


def descendant(fields: Iterable[Selection], *path: str) -> list[Selection]:
    """Every selection reached by following ``path`` down from ``fields``."""
    current: list[Selection] = list(fields)
    for name in path:
        current = list(children(current, name))
    return current


def names(fields: Iterable[Selection]) -> set[str]:
    """The field names selected directly under ``fields``."""
    return {child.name for f in _fields(fields) for child in _fields(f.selections)}


def field_key(info: Any) -> int:
    """Identifies the field's place in the query document, the same for every list item.

    Strawberry's Info exposes the AST nodes only through ``_raw_info``; the node outlives the
    request, so its id is a stable key for per-request memos.
    """
    return id(info._raw_info.field_nodes[0])


def _tree(fields: Iterable[Selection]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in _fields(fields):
        sub = _tree(child.selections)
        if child.name in out:
            _deep_merge(out[child.name], sub)
        else:
            out[child.name] = sub
    return out


def _deep_merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    for name, sub in other.items():
        if name in into:
            _deep_merge(into[name], sub)
        else:
            into[name] = sub


def selected(info: Any) -> Selected:
    """The fields asked for under the resolving field, as a neutral tree of names (aliases
    and fragments merged): what ``resolvers/`` plans upstream calls from."""
    out: dict[str, Any] = {}
    for field in info.selected_fields:
        _deep_merge(out, _tree(field.selections))
    return out


def selected_paths(fields: Iterable[Selection], depth: int) -> frozenset[str]:
    """The selection below ``fields`` as dotted field names, ``depth`` levels down.

    The neutral form schema/ hands to resolvers/ (``{"nodes", "nodes.household", ...}``):
    field names as the query spells them, aliases and fragments merged. Linear in the
    selection walked.
    """
    out: set[str] = set()

    def walk(level: Iterable[Selection], prefix: str, left: int) -> None:
        for f in _fields(level):
            for child in _fields(f.selections):
                path = prefix + child.name
                out.add(path)
                if left > 1:
                    walk([child], path + ".", left - 1)

    walk(fields, "", depth)
    return frozenset(out)


def remember(info: Any, question: str, answer: Callable[[], T]) -> T:
    """The per-request memo: answer ``question`` about this field's place in the query once
    per request (not once per list item), keyed by the question and :func:`field_key`."""
    key = (question, field_key(info))
    memo = info.context.memo
    if key in memo:
        return memo[key]  # type: ignore[no-any-return]
    value = memo[key] = answer()
    return value
