"""The query directives: `_fields`, `_collapse`, `_count`, `_items`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from aiohttp import web

from upstreams.medallies import wire
from upstreams.medallies.simulator.datatypes import _Datatype
from upstreams.medallies.simulator.errors import _Problems
from upstreams.medallies.simulator.filters import (
    INVALID_PARAM,
)
from upstreams.medallies.simulator.rendering import _Renderer
from upstreams.medallies.simulator.vocabulary import _OFF_VALUES, JsonObject

# --- query directives ---------------------------------------------------------------------

_FIELDS: Final = wire.FIELDS
_COLLAPSE: Final = wire.COLLAPSE
_COUNT: Final = wire.COUNT
_ITEMS: Final = wire.ITEMS
_HTML: Final = wire.HTML
_SHAPING: Final = frozenset({_FIELDS, _COLLAPSE})
_LISTING: Final = frozenset({_FIELDS, _COLLAPSE, _COUNT, _ITEMS})


def _flag(query: Mapping[str, str], name: str) -> bool:
    return name in query and query[name].strip().lower() not in _OFF_VALUES


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


@dataclass(frozen=True, slots=True)
class _Shape:
    """What `_fields`, `_collapse`, `_count` and `_items` ask of an answer's items."""

    fields: _FieldTree | None = None
    collapse: tuple[str, ...] = ()
    count_only: bool = False
    items_only: bool = False
    renderer: _Renderer | None = field(default=None, compare=False)
    datatype: _Datatype | None = None

    def apply(self, record: JsonObject) -> JsonObject:
        if self.collapse and self.renderer is not None and self.datatype is not None:
            record = _collapsed(record, self.collapse, self.datatype, self.renderer)
        if self.fields is not None:
            record = _picked(record, self.fields)
        return record


def _collapsed(
    record: JsonObject, paths: Sequence[str], datatype: _Datatype, renderer: _Renderer
) -> JsonObject:
    for path in paths:
        record = _collapse_at(record, path, datatype.collapsible[path].collapse_to, renderer)
    return record


def _collapse_at(
    record: JsonObject, path: str, resource: str | None, renderer: _Renderer
) -> JsonObject:
    head, _, rest = path.partition(".")
    value = record.get(head)
    if not isinstance(value, dict):
        return record
    copy = dict(record)
    if rest:
        copy[head] = _collapse_at(value, rest, resource, renderer)
        return copy
    sub_id = value.get("id")
    if resource is not None and isinstance(sub_id, int):
        copy[head] = {"id": sub_id, "href": renderer.href(resource, sub_id)}
    return copy


# A `_fields` request as a tree: each name maps to the tree of its sub-fields asked for,
# or to None when the whole field is.
_FieldTree = dict[str, "_FieldTree | None"]


def _field_tree(paths: Iterable[str]) -> _FieldTree:
    tree: _FieldTree = {}
    for path in paths:
        node: _FieldTree | None = tree
        *parents, leaf = path.split(".")
        for part in parents:
            assert node is not None  # loop exits on None
            if part in node and node[part] is None:
                # The whole field was asked already: it wins over narrower requests.
                node = None
                break
            node = node.setdefault(part, {})
        if node is not None:
            node[leaf] = None
    return tree


def _picked(record: JsonObject, tree: _FieldTree) -> JsonObject:
    picked: JsonObject = {}
    for key, value in record.items():
        if key not in tree and key != "id":
            continue
        sub = tree.get(key)
        picked[key] = _picked(value, sub) if sub and isinstance(value, dict) else value
    return picked


def _shape(
    request: web.Request,
    datatype: _Datatype,
    supported: frozenset[str],
    renderer: _Renderer,
) -> _Shape:
    query = request.query
    fields: list[str] | None = None
    collapse: list[str] = []
    problems = _Problems()
    if _FIELDS in supported and _FIELDS in query:
        fields = _names(query[_FIELDS])
        if any(name not in datatype.paths for name in fields):
            problems.add(INVALID_PARAM, _FIELDS)
    if _COLLAPSE in supported and _COLLAPSE in query:
        names = _names(query[_COLLAPSE])
        if "*" in names:
            collapse = list(datatype.top_collapsible)
            names = [n for n in names if n != "*"]
        for name in names:
            if name in datatype.collapsible:
                collapse.append(name)
            else:
                problems.add(INVALID_PARAM, _COLLAPSE)
        collapse = list(dict.fromkeys(collapse))
    if fields and collapse and any(f.startswith(f"{c}.") for f in fields for c in collapse):
        problems.add(INVALID_PARAM, _FIELDS)
        problems.add(INVALID_PARAM, _COLLAPSE)
    problems.raise_any()
    count_only = _COUNT in supported and _flag(query, _COUNT)
    return _Shape(
        fields=_field_tree(fields) if fields is not None else None,
        collapse=tuple(collapse),
        count_only=count_only,
        items_only=not count_only and _ITEMS in supported and _flag(query, _ITEMS),
        renderer=renderer,
        datatype=datatype,
    )
