"""One client per REST upstream, the shared HTTP layer, and the simulators beside them."""

from upstreams._errors import (
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotConfigured,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRejected,
    UpstreamTimeout,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams._names import snake, to_camel

__all__ = [
    "UpstreamError",
    "UpstreamForbidden",
    "UpstreamNotConfigured",
    "UpstreamNotFound",
    "UpstreamProtocolError",
    "UpstreamRejected",
    "UpstreamTimeout",
    "UpstreamUnauthorized",
    "UpstreamUnavailable",
    "snake",
    "to_camel",
]
