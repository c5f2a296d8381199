"""The selection in a neutral form: the field names asked for, as a tree.

``schema/`` builds it from the GraphQL selection (aliases and fragments merged, see
:func:`schema.core.selection.tree`); resolvers plan upstream calls from it without knowing
GraphQL. ``{"nodes": {"organizationName": {}, "vendor": {"name": {}}}, "totalCount": {}}``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Selected", "below", "merged"]

Selected = Mapping[str, "Selected"]


def below(selected: Selected, *path: str) -> Selected:
    """The tree under ``path`` (empty when it was not selected)."""
    current = selected
    for name in path:
        current = current.get(name, {})
    return current


def merged(*trees: Selected) -> Selected:
    """One tree holding every field of ``trees`` (the same field's subtrees merged)."""
    out: dict[str, Selected] = {}
    for tree in trees:
        for name, sub in tree.items():
            out[name] = merged(out[name], sub) if name in out else sub
    return out
