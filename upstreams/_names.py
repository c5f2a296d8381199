"""Key spellings between JSON upstreams and the graph: ``snake_case`` ⇄ ``camelCase``.

One pair of converters for the whole gateway: clients normalize camelCase answers with
:func:`snake`, and both the clients (wire names) and the resolvers (input paths of
userErrors) spell names back with :func:`to_camel`.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["snake", "to_camel"]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@lru_cache(maxsize=4096)
def snake(name: str) -> str:
    """``organizationName`` → ``organization_name`` (digits stay attached)."""
    # Cached: the same few dozen keys recur in every record of every answer.
    return _CAMEL.sub("_", name).lower()


def to_camel(name: str) -> str:
    """``organization_name`` → ``organizationName``; dotted paths convert part by part."""
    return ".".join(_camel_part(part) for part in name.split("."))


def _camel_part(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)
