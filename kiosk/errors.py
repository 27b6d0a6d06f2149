"""The one error shape: a machine code and a sentence that names the rule broken.

Domain code raises `KioskError(code, message, **values)` with an English message marked by `N_`;
the edge (HTTP route or socket handler) translates it into the caller's language.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is shown."""
    return message


class KioskError(Exception):
    """A refused request: nothing was changed."""

    def __init__(self, code: str, message: str, **values):
        super().__init__(message % values if values else message)
        self.code = code
        self.message = message
        self.values = values

    def answer(self) -> dict:
        """The stored form of this refusal (translated only when sent)."""
        return {"ok": False, "code": self.code, "message": self.message, "values": self.values}


def bad_input(message: str, **values) -> KioskError:
    return KioskError("bad_input", message, **values)
