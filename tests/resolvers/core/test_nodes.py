from resolvers.core.nodes import resolve_keys


def _parse(key: str) -> int | None:
    return int(key) if key.isdigit() else None


async def test_keeps_positions_and_answers_none_for_malformed_keys() -> None:
    calls: list[list[int]] = []

    async def load(keys: list[int]) -> list[str | None]:
        calls.append(keys)
        return [f"r{k}" if k != 2 else None for k in keys]

    found = await resolve_keys(["3", "bad", "1", "3", "2"], _parse, load)
    assert found == ["r3", None, "r1", "r3", None]
    assert calls == [[3, 1, 2]]


async def test_no_call_when_no_key_parses() -> None:
    async def load(keys: list[int]) -> list[str | None]:
        raise AssertionError("not called")

    assert await resolve_keys(["x", ""], _parse, load) == [None, None]
