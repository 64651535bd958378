"""Errors a user may see: a message key for `lumiku.i18n` plus the values it mentions."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Raised by services for anything the user did or can fix; never for our own bugs."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"ServiceError({self.code!r}, {self.params!r})"


class NotFound(ServiceError):
    """Missing, or somebody else's: the two look the same from outside."""

    def __init__(self) -> None:
        super().__init__("not_found")


class Forbidden(ServiceError):
    def __init__(self) -> None:
        super().__init__("forbidden")


class StorageUnavailable(ServiceError):
    """The file storage refused to take bytes (its bucket full or read-only, the server
    down): nothing the user did, and nothing retrying at once would fix. What needed the
    file fails with this message, and whatever was held for it is returned."""

    def __init__(self) -> None:
        super().__init__("storage_unavailable")
