"""All MISPs of one simulator instance, their license keys, and the clock they live by."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from upstreams.mosip.simulator.errors import PmsFailure
from upstreams.mosip.simulator.seed import KeyMaker, LicenseKey, Misp, SeedData
from upstreams.mosip.wire import Pms

__all__ = ["Clock", "SimulatorClock", "Store"]

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class SimulatorClock:
    """The injected clock plus an offset that a test bed can move forward
    (``POST /__clock/advance``), so keys and tokens expire without waiting."""

    __slots__ = ("_base", "offset")

    def __init__(self, base: Clock = system_clock) -> None:
        self._base = base
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return self._base() + self.offset

    def advance(self, seconds: float) -> datetime:
        self.offset += timedelta(seconds=seconds)
        return self()


class Store:
    """The MISPs by id (in creation order), their keys by value, and key issuing."""

    def __init__(
        self,
        seed: SeedData,
        *,
        clock: SimulatorClock,
        keys: KeyMaker,
        license_lifetime: timedelta,
    ) -> None:
        self.clock = clock
        self.keys = keys
        self.license_lifetime = license_lifetime
        self.misps: dict[str, Misp] = {m.id: m for m in seed.misps}
        self.by_key: dict[str, LicenseKey] = {k.key: k for m in seed.misps for k in m.keys}

    def misp(self, misp_id: str, missing: Pms = Pms.MISP_NOT_FOUND) -> Misp:
        """The MISP, or the failure the calling endpoint documents for an unknown id."""
        found = self.misps.get(misp_id)
        if found is None:
            # The document's example appends the id: "MISP ID does not exist 110".
            raise PmsFailure(missing, misp_id if missing is Pms.MISP_NOT_FOUND else None)
        return found

    def named(self, name: str, *, other_than: Misp | None = None) -> Misp | None:
        """The MISP holding ``name`` (names are unique ignoring case)."""
        folded = name.casefold()
        for misp in self.misps.values():
            if misp is not other_than and misp.name.casefold() == folded:
                return misp
        return None

    def matching(self, name: str) -> list[Misp]:
        """The by-name read: the document asks for "telecome" and answers `telecom` and
        `telecomIndia`, so a name matches every MISP whose name contains it (ignoring case)."""
        folded = name.casefold()
        return [m for m in self.misps.values() if folded in m.name.casefold()]

    def add(self, misp: Misp) -> Misp:
        self.misps[misp.id] = misp
        return misp

    def issue_key(self, misp: Misp) -> LicenseKey:
        """A fresh active key for ``misp``; every older key of it becomes inactive."""
        now = self.clock()
        for old in misp.keys:
            old.active = False
        key = LicenseKey(self.keys.license_key(), misp.id, now, now + self.license_lifetime)
        misp.keys.append(key)
        self.by_key[key.key] = key
        return key
