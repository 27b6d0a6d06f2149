"""The short codes of paper census forms: five characters a volunteer types without doubt.

Four random characters and a check character, from 22 symbols without look-alikes (no 0/O, 1/I/L,
2/Z, 5/S, G, 8/B, U/V): a typo in any one character, and most swaps of two neighbours, fail the
check, so the entry screen says "this code has a typo" instead of filing a form under another's
code. The box records the codes it prints (`census_codes`) and never prints one twice.
"""

from __future__ import annotations

import secrets

ALPHABET = "ACDEFHJKMNPQRTWXY34679"
LENGTH = 5


def _check_char(body: str) -> str:
    # Weights 1, 3, 5, 7 are prime to 22: changing one character always changes the sum modulo 22.
    total = sum((n * 2 + 1) * ALPHABET.index(ch) for n, ch in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def normal(code: str) -> str:
    """A typed code as stored: upper case, spaces and dashes out ("k7m-q3" → "K7MQ3")."""
    return "".join(ch for ch in str(code).upper() if ch not in " -\u00a0")


def is_valid(code: str) -> bool:
    code = normal(code)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code) and _check_char(code[:-1]) == code[-1]


def new_codes(count: int, taken=()) -> list[str]:
    """`count` new codes, none twice and none of `taken`."""
    codes: list[str] = []
    seen = set(taken)
    while len(codes) < count:
        body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
        code = body + _check_char(body)
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes
