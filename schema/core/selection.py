"""Reading a field's selection, fragments included, to plan upstream calls from it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from resolvers.core.selection import Selected

__all__ = ["children", "descendant", "field_key", "names", "selected"]


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
