"""Print the SDL: ``python -m schema.export > schema.graphql``."""

from __future__ import annotations

from schema import schema


def sdl() -> str:
    return schema.as_str() + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
