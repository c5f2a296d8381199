"""One client per REST upstream, the shared HTTP layer, and the simulators beside them."""

from upstreams._errors import (
    UpstreamConflict,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotConfigured,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRateLimited,
    UpstreamRejected,
    UpstreamTimeout,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams._names import snake, to_camel

__all__ = [
    "UpstreamConflict",
    "UpstreamError",
    "UpstreamForbidden",
    "UpstreamNotConfigured",
    "UpstreamNotFound",
    "UpstreamProtocolError",
    "UpstreamRateLimited",
    "UpstreamRejected",
    "UpstreamTimeout",
    "UpstreamUnauthorized",
    "UpstreamUnavailable",
    "snake",
    "to_camel",
]
