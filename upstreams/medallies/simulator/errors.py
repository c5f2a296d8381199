"""Error bodies and the errors a request can raise, in the document's shape."""

from __future__ import annotations

from collections.abc import Sequence

from upstreams.medallies.simulator.filters import (
    INVALID_PARAM,
)
from upstreams.medallies.simulator.vocabulary import (
    _CODE_OF_STATUS,
    _PRECEDENCE,
    _STATUS_OF_CODE,
    ERROR_CODES,
    SERVER_ERROR,
    JsonObject,
)
from upstreams.simulators._kit import SimulatorError

# --- errors -------------------------------------------------------------------------------


def _error_json(code: int, parameters: Sequence[str] = ()) -> JsonObject:
    body: JsonObject = {"errorCode": code, "message": ERROR_CODES.get(code, "REST_INVALID_PARAM")}
    if parameters:
        body["parameterName"] = list(parameters)
    return body


def _error_body(status: int, reason: str) -> object:
    code = _CODE_OF_STATUS.get(status, SERVER_ERROR if status >= 500 else INVALID_PARAM)
    return _error_json(code)


class _ApiError(SimulatorError):
    """A MedAllies error answer, by its error code and the parameters at fault."""

    def __init__(self, code: int, parameters: Sequence[str] = ()) -> None:
        super().__init__(_STATUS_OF_CODE.get(code, 400), _error_json(code, parameters))


class _Problems:
    """The mistakes found in a request body; raised together, most basic kind first."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def add(self, code: int, parameter: str) -> None:
        self.found.append((code, parameter))

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_any(self) -> None:
        if not self.found:
            return
        codes = {code for code, _ in self.found}
        code = next((c for c in _PRECEDENCE if c in codes), self.found[0][0])
        parameters = dict.fromkeys(p for c, p in self.found if c == code)
        raise _ApiError(code, list(parameters))
