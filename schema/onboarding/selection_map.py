"""From a GraphQL selection to an upstream's field list (MedAllies ``_fields``/``_collapse``).

A field map says, for each GraphQL field of a type, which upstream paths it needs; a
sub-object entry says where the sub-object lives upstream and how its own fields map, and
whether the upstream can collapse it to ``{id, href}`` when nothing but its id is selected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from strawberry.types.nodes import Selection

from schema.core.selection import children, names

__all__ = ["FieldMap", "SubObject", "upstream_fields"]


@dataclass(frozen=True, slots=True)
class SubObject:
    path: str
    fields: FieldMap
    collapsible: bool = True
    id_fields: frozenset[str] = frozenset({"id", "__typename"})
    always: tuple[str, ...] = ()


FieldMap = Mapping[str, "tuple[str, ...] | SubObject"]


@dataclass(slots=True)
class _Collector:
    fields: list[str] = field(default_factory=list)
    collapse: list[str] = field(default_factory=list)

    def add(self, path: str) -> None:
        if path not in self.fields:
            self.fields.append(path)


def _walk(selected: Iterable[Selection], fmap: FieldMap, prefix: str, out: _Collector) -> None:
    selected = list(selected)
    for name in sorted(names(selected)):
        entry = fmap.get(name)
        if entry is None:
            continue
        if isinstance(entry, SubObject):
            below = children(selected, name)
            wanted = names(below)
            full = f"{prefix}{entry.path}"
            if not entry.path:
                # Grouped in the graph, flat upstream (an organization's practice address).
                _walk(below, entry.fields, prefix, out)
                continue
            if entry.collapsible and wanted <= entry.id_fields:
                out.add(full)
                out.collapse.append(full)
                continue
            for path in entry.always:
                out.add(f"{full}.{path}")
            before = len(out.fields)
            _walk(below, entry.fields, f"{full}.", out)
            if len(out.fields) == before:
                out.add(f"{full}.id")
        else:
            for path in entry:
                out.add(f"{prefix}{path}")


def upstream_fields(
    selected: Iterable[Selection], fmap: FieldMap, *, always: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(``_fields``, ``_collapse``) for the fields selected under ``selected``."""
    out = _Collector()
    for path in always:
        out.add(path)
    _walk(selected, fmap, "", out)
    if not out.fields:
        out.add("id")
    return tuple(out.fields), tuple(out.collapse)
