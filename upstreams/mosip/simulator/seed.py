"""Records of the MOSIP simulator and the data it starts with.

The document's MISPs come first (`telecom` 64269837502851 of every example, and the
`telecomIndia` and `airtelInd` of the read examples), with their ids, contacts and license
keys; then `scale` generated MISPs, dealt round the states a MISP can be in (awaiting a
decision, approved with a valid key, approved with an expired key, approved with an older
key replaced, approved but de-activated, approved with a de-activated key, rejected), so
that every transition and every error has a record to start from. Expiries are relative to
the simulator's clock at start, so "expired" means expired whatever the day.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

__all__ = [
    "APPROVED",
    "DOCUMENTED_MISP_ID",
    "IN_PROGRESS",
    "REJECTED",
    "KeyMaker",
    "LicenseKey",
    "Misp",
    "SeedData",
    "build_seed",
]

# Approval words as stored (the wire's, see `wire.APPROVAL_WORDS`).
IN_PROGRESS: Final = "in-progress"
APPROVED: Final = "approved"
REJECTED: Final = "rejected"

DOCUMENTED_MISP_ID: Final = "64269837502851"

_ALPHANUMERIC: Final = string.ascii_letters + string.digits


@dataclass(slots=True)
class LicenseKey:
    key: str
    misp_id: str
    issued_at: datetime
    expires_at: datetime
    active: bool = True

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


@dataclass(slots=True)
class Misp:
    id: str
    name: str
    address: str
    email: str
    contact_number: str | None
    active: bool = True
    approval: str = IN_PROGRESS
    # Oldest first: the last one is the current key.
    keys: list[LicenseKey] = field(default_factory=list)

    @property
    def current_key(self) -> LicenseKey | None:
        return self.keys[-1] if self.keys else None


@dataclass(slots=True)
class SeedData:
    misps: list[Misp]


class KeyMaker:
    """License keys and MISP ids from one seeded generator: the same seed, the same keys."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken_ids: set[str] = set()

    def license_key(self) -> str:
        # The approval example's style: 50 letters and digits.
        return "".join(self.rng.choices(_ALPHANUMERIC, k=50))

    def misp_id(self) -> str:
        # The kernel id generator's 14 digits, as `64269837502851`.
        while True:
            candidate = str(self.rng.randrange(10**13, 10**14))
            if candidate not in self.taken_ids:
                self.taken_ids.add(candidate)
                return candidate


def _documented(now: datetime, lifetime: timedelta) -> list[Misp]:
    issued = now - timedelta(days=10)
    telecom = Misp(
        DOCUMENTED_MISP_ID, "telecom", "India", "prm@telecom.com", "9876998888", approval=APPROVED
    )
    # The document's key, valid (its printed expiry, 2022-12-31, is long past: the examples
    # that use the key would all fail).
    telecom.keys.append(
        LicenseKey("fa604-affcd-33201-04770", telecom.id, issued, issued + lifetime)
    )
    telecom_india = Misp(
        "93469837502851",
        "telecomIndia",
        "India",
        "srs@telecomInd.com",
        "9876995433",
        approval=APPROVED,
    )
    telecom_india.keys.append(
        LicenseKey("ty604-affcd-33201-04770", telecom_india.id, issued, issued + lifetime)
    )
    airtel = Misp(
        "98869837502654", "airtelInd", "India", "agm@airtelInd.com", "9488998800"
    )  # awaiting a decision: the documented approval example has a MISP to approve
    return [telecom, telecom_india, airtel]


_BRANDS: Final = (
    "Airwave", "Bharat", "Celtel", "Digicom", "Equinet", "Fibrelink", "Globe", "Horizon",
    "Indus", "Jambo", "Kilimanjaro", "Lumos", "Meridian", "Nile", "Orbit", "Pacific",
    "Quantum", "Rift", "Savanna", "Tata", "Unity", "Vista", "Wavenet", "Zenith",
)  # fmt: skip
_KINDS: Final = ("Telecom", "Networks", "Digital", "Infra", "Connect", "Mobile", "Data")
_PLACES: Final = (
    ("India", "Bengaluru, India"),
    ("Kenya", "Nairobi, Kenya"),
    ("Philippines", "Manila, Philippines"),
    ("Morocco", "Rabat, Morocco"),
    ("Ethiopia", "Addis Ababa, Ethiopia"),
    ("SriLanka", "Colombo, Sri Lanka"),
    ("Guinea", "Conakry, Guinea"),
    ("Togo", "Lome, Togo"),
)

# The states generated MISPs are dealt round, in this order.
_STATES: Final = (
    "in_progress",
    "valid_key",
    "expired_key",
    "replaced_key",
    "deactivated",
    "deactivated_key",
    "rejected",
    "in_progress_inactive",
)


class _Generator:
    def __init__(self, rng: random.Random, keys: KeyMaker, now: datetime, lifetime: timedelta):
        self.rng = rng
        self.keys = keys
        self.now = now
        self.lifetime = lifetime
        self.names: set[str] = set()

    def name(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            place, address = rng.choice(_PLACES)
            base = f"{rng.choice(_BRANDS)}{rng.choice(_KINDS)}{place}"
            candidate = base if base.lower() not in self.names else f"{base}{len(self.names)}"
            if candidate.lower() not in self.names:
                self.names.add(candidate.lower())
                return candidate, address

    def key(self, misp: Misp, *, issued_days_ago: int, expired: bool) -> LicenseKey:
        issued = self.now - timedelta(days=issued_days_ago)
        expires = self.now - timedelta(days=1) if expired else issued + self.lifetime
        return LicenseKey(self.keys.license_key(), misp.id, issued, expires)

    def misp(self, index: int) -> Misp:
        rng = self.rng
        name, address = self.name()
        contact = None if rng.random() < 0.2 else str(rng.randrange(6_000_000_000, 9_999_999_999))
        misp = Misp(self.keys.misp_id(), name, address, f"admin@{name.lower()}.com", contact)
        state = _STATES[index % len(_STATES)]
        if state in ("in_progress", "in_progress_inactive"):
            misp.active = state == "in_progress"
            return misp
        if state == "rejected":
            misp.approval, misp.active = REJECTED, False
            return misp
        misp.approval = APPROVED
        if state == "replaced_key":
            old = self.key(misp, issued_days_ago=200, expired=True)
            old.active = False
            misp.keys.append(old)
        key = self.key(misp, issued_days_ago=rng.randint(1, 60), expired=state == "expired_key")
        key.active = state != "deactivated_key"
        misp.keys.append(key)
        misp.active = state != "deactivated"
        return misp


def build_seed(
    *,
    scale: int,
    seed: int,
    now: datetime,
    license_lifetime: timedelta,
    keys: KeyMaker | None = None,
    documented: bool = True,
) -> SeedData:
    """The document's MISPs (unless ``documented`` is false), then ``scale`` generated ones."""
    if scale < 0:
        raise ValueError("scale must be at least 0")
    # Keys and ids from their own stream, so adding a generated field never changes them.
    keys = keys or KeyMaker(random.Random(f"mosip-keys-{seed}"))
    misps = _documented(now, license_lifetime) if documented else []
    keys.taken_ids.update(m.id for m in misps)
    generator = _Generator(random.Random(seed), keys, now, license_lifetime)
    generator.names.update(m.name.lower() for m in misps)
    misps += [generator.misp(index) for index in range(scale)]
    return SeedData(misps=misps)
