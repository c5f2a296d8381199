"""Configuration from the environment: one prefix per upstream.

Which upstreams there are, their prefixes and credential settings come from
:mod:`upstreams.registry`, which reads them with :func:`read_upstream`. When no upstream base
URL is set at all, the server embeds the simulators and points every client at them with the
demo credentials (``registry.embedded_settings``). When any base URL is set, nothing is
embedded and an upstream without one is simply not configured: it reports not ready and its
fields answer ``UPSTREAM_UNAVAILABLE``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["ConfigError", "Settings", "UpstreamSettings", "read_upstream"]


class ConfigError(ValueError):
    """A setting in the environment cannot be used (named in the message)."""


@dataclass(frozen=True, slots=True)
class UpstreamSettings:
    """How to reach one upstream."""

    name: str
    base_url: str | None
    credentials: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 10.0
    connect_timeout_s: float = 3.0
    retries: int = 2
    max_connections: int = 100

    @property
    def configured(self) -> bool:
        return bool(self.base_url)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every upstream's settings, and whether the simulators are embedded."""

    upstreams: Mapping[str, UpstreamSettings]
    embedded: bool

    def __getitem__(self, name: str) -> UpstreamSettings:
        return self.upstreams[name]


def _number(env: Mapping[str, str], key: str, default: float, *, minimum: float) -> float:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{key} must be a number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{key} must be at least {minimum:g}, got {raw!r}")
    return value


def read_upstream(
    name: str, prefix: str, credential_keys: Sequence[str], env: Mapping[str, str]
) -> UpstreamSettings:
    """One upstream's settings from the variables that start with ``prefix``."""
    timeout = _number(env, "UPSTREAM_TIMEOUT", 10.0, minimum=0.001)
    base_url = env.get(prefix + "BASE_URL") or None
    return UpstreamSettings(
        name=name,
        base_url=base_url.rstrip("/") if base_url else None,
        credentials={k: env.get(prefix + k, "") for k in credential_keys},
        timeout_s=_number(env, prefix + "TIMEOUT", timeout, minimum=0.001),
        connect_timeout_s=_number(env, prefix + "CONNECT_TIMEOUT", 3.0, minimum=0.001),
        retries=int(_number(env, prefix + "RETRIES", 2, minimum=0)),
        max_connections=int(_number(env, prefix + "MAX_CONNECTIONS", 100, minimum=1)),
    )
