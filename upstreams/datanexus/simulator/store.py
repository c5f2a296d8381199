"""All records of one simulator instance, indexed for the API's lookups, and list paging."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from upstreams.datanexus.simulator.errors import not_found
from upstreams.datanexus.simulator.requests import MAX_SEQ, ListQuery, encode_cursor
from upstreams.datanexus.simulator.seed import Consent, Enrollment, Member, SeedData

__all__ = ["Page", "Store"]


@dataclass(slots=True, frozen=True)
class Page:
    members: list[Member]
    next_cursor: str | None = None
    prev_cursor: str | None = None


class Store:
    """All records of one simulator instance, indexed for the API's lookups."""

    def __init__(self, seed: SeedData) -> None:
        self.members = seed.members
        # Members are never created or deleted, so positions in `members` are stable and
        # the sequence numbers stay sorted for bisecting.
        self.seqs = [m.seq for m in self.members]
        self.by_id = {m.id: m for m in self.members}
        self.by_prefixed = {
            m.prefixed_sponsor_member_identifier: m
            for m in self.members
            if m.prefixed_sponsor_member_identifier
        }
        self.households: dict[int, list[Member]] = {}
        self.consents: dict[int, Consent] = {}
        self.enrollments: dict[int, Enrollment] = {}
        for member in self.members:
            self.households.setdefault(member.household_id, []).append(member)
            self.consents.update((c.id, c) for c in member.consents)
            self.enrollments.update((e.id, e) for e in member.enrollments)
        self.last_consent_id = max(seed.last_consent_id, *self.consents, 0)
        self.last_enrollment_id = max(seed.last_enrollment_id, *self.enrollments, 0)
        self.last_event_id = seed.last_event_id

    def member(self, key: str) -> Member:
        found = self.by_id.get(key) or self.by_prefixed.get(key)
        if found is None:
            raise not_found()
        return found

    def consent(self, member: Member, consent_id: int) -> Consent:
        consent = self.consents.get(consent_id)
        if consent is None or consent.member_id != member.id:
            raise not_found()
        return consent

    def enrollment(self, member: Member, enrollment_id: int) -> Enrollment:
        enrollment = self.enrollments.get(enrollment_id)
        if enrollment is None or enrollment.member_id != member.id:
            raise not_found()
        return enrollment

    def matcher(self, query: ListQuery) -> Callable[[Member], bool]:
        checks: list[Callable[[Member], bool]] = []
        if (born_on := query.born_on) is not None:
            checks.append(lambda m: m.born_on == born_on)
        if (first_name := query.first_name) is not None:
            checks.append(lambda m: m.first_name == first_name)
        if (last_name := query.last_name) is not None:
            checks.append(lambda m: m.last_name == last_name)
        if (pending := query.pending) is not None:
            checks.append(lambda m: (m.program_status == "pending") is pending)
        if (program_id := query.program_id) is not None:
            # Eligibility is per household: one enrolled member makes everyone in it
            # eligible (the document returns Alexander for Eliza's program).
            households = {
                self.by_id[e.member_id].household_id
                for e in self.enrollments.values()
                if e.program_id == program_id
            }
            checks.append(lambda m: m.household_id in households)
        if (since := query.updated_since) is not None:
            checks.append(lambda m: m.updated_at >= since)
        return lambda m: all(check(m) for check in checks)

    def scan(
        self, match: Callable[[Member], bool], start: int, step: int, want: int
    ) -> list[Member]:
        found: list[Member] = []
        members = self.members
        index = start
        while 0 <= index < len(members) and len(found) < want:
            if match(members[index]):
                found.append(members[index])
            index += step
        return found

    def index_of(self, member: Member) -> int:
        return bisect_left(self.seqs, member.seq)

    def numbered_page(self, match: Callable[[Member], bool], page: int, size: int) -> Page:
        skip = (page - 1) * size
        found: list[Member] = []
        for member in self.members:
            if not match(member):
                continue
            if skip > 0:
                skip -= 1
                continue
            found.append(member)
            if len(found) == size:
                break
        return Page(found)

    def page_after(self, match: Callable[[Member], bool], after: int | None, limit: int) -> Page:
        store = self
        start = 0 if after is None else bisect_right(store.seqs, after)
        found = store.scan(match, start, 1, limit + 1)
        page = found[:limit]
        next_cursor = encode_cursor(page[-1].seq) if len(found) > limit else None
        if page:
            before = store.scan(match, store.index_of(page[0]) - 1, -1, 1)
            prev_cursor = encode_cursor(page[0].seq) if before else None
        elif after is not None and store.scan(match, start - 1, -1, 1):
            # Past the end: let the caller step back to the records up to the cursor.
            prev_cursor = encode_cursor(min(after + 1, MAX_SEQ))
        else:
            prev_cursor = None
        return Page(page, next_cursor, prev_cursor)

    def page_before(self, match: Callable[[Member], bool], before: int, limit: int) -> Page:
        store = self
        start = bisect_left(store.seqs, before) - 1
        found = store.scan(match, start, -1, limit + 1)
        page = found[:limit][::-1]
        prev_cursor = encode_cursor(page[0].seq) if len(found) > limit else None
        if page:
            after = store.scan(match, store.index_of(page[-1]) + 1, 1, 1)
            next_cursor = encode_cursor(page[-1].seq) if after else None
        elif store.scan(match, start + 1, 1, 1):
            next_cursor = encode_cursor(before - 1) if before > 0 else None
        else:
            next_cursor = None
        return Page(page, next_cursor, prev_cursor)
