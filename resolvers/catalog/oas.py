"""An API's endpoints, read from its OAS file (OpenAPI 3 or Swagger 2, JSON or YAML).

The file is the producer's, fetched from the portal's download link: it may be anything. It
is parsed with the YAML safe loader (JSON is YAML), after refusing aliases (a few hundred
bytes of nested aliases expand to gigabytes: the "billion laughs") and documents with more
than a bounded number of nodes. Anything unreadable is :class:`UnreadableOas`, an error of
the ``endpoints`` field alone.
"""

from __future__ import annotations

from typing import Any, Final, TypedDict

import yaml

from resolvers.core.errors import GraphError

__all__ = ["EndpointRecord", "UnreadableOas", "endpoints"]

METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MAX_EVENTS: Final = 200_000


class UnreadableOas(GraphError):
    """The API's OAS file cannot be read as OpenAPI: says why, names no content."""

    code = "UNREADABLE_OAS_FILE"


class EndpointRecord(TypedDict):
    method: str
    path: str
    summary: str | None
    operation_id: str | None


def _load(content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableOas("The OAS file is not UTF-8 text.") from None
    try:
        for count, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                raise UnreadableOas("The OAS file uses YAML aliases, which are not read.")
            if count > MAX_EVENTS:
                raise UnreadableOas("The OAS file is too large to read.")
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise UnreadableOas(f"The OAS file is neither JSON nor YAML{where}.") from None


def endpoints(content: bytes) -> list[EndpointRecord]:
    """Every operation of the document, in its order: method (upper case), path, summary."""
    document = _load(content)
    if not isinstance(document, dict) or not ("openapi" in document or "swagger" in document):
        raise UnreadableOas("The OAS file is not an OpenAPI (or Swagger) document.")
    paths = document.get("paths") or {}
    if not isinstance(paths, dict):
        raise UnreadableOas("The OAS file's `paths` is not an object.")
    out: list[EndpointRecord] = []
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            summary = operation.get("summary")
            operation_id = operation.get("operationId")
            out.append(
                {
                    "method": method.upper(),
                    "path": str(path),
                    "summary": summary if isinstance(summary, str) else None,
                    "operation_id": operation_id if isinstance(operation_id, str) else None,
                }
            )
    return out
