"""The facilitator's key: what opens the facilitator's view, checked in its kernel.

``serve`` takes the facilitator's token from ``--facilitator-token`` or
``SOCIAL_PLAYBOOK_FACILITATOR_TOKEN``, or generates one and prints the view's link with it
(``?key=``). The kernels never see the token: Voila and its kernels get a salted,
deliberately slow hash of it (``FACILITATOR_KEY_HASH_ENV_VAR``), which the view compares
the link's key with. Someone who reads a kernel's environment learns no token from it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

FACILITATOR_TOKEN_ENV_VAR = "SOCIAL_PLAYBOOK_FACILITATOR_TOKEN"
FACILITATOR_KEY_HASH_ENV_VAR = "SOCIAL_PLAYBOOK_FACILITATOR_KEY_HASH"
FACILITATOR_NOTEBOOK = "facilitator.ipynb"
_SCHEME = "pbkdf2_sha256"
_ITERATIONS = 120_000  # about 0.1 s a check: cheap once a page, dear for a guesser
MAX_KEY_CHARS = 256


def new_facilitator_token() -> str:
    """A random facilitator token (192 bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def hash_facilitator_token(token: str, salt: bytes | None = None,
                           iterations: int = _ITERATIONS) -> str:
    """``token`` as the kernels are given it: ``pbkdf2_sha256$<iterations>$<salt>$<hash>``."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), salt, iterations)
    return f"{_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def key_matches(key: str, stored: str) -> bool:
    """Whether ``key`` (from the page's link) is the token ``stored`` is the hash of.

    False for an empty or overlong key and for a hash that is not one of ours.
    """
    if not key or len(key) > MAX_KEY_CHARS or not stored:
        return False
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        rounds = int(iterations)
        expected = bytes.fromhex(digest)
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        return False
    try:
        given = hashlib.pbkdf2_hmac("sha256", key.encode("utf-8"), salt_bytes, rounds)
    except (UnicodeEncodeError, ValueError, OverflowError):
        return False
    return hmac.compare_digest(given, expected)


def facilitator_key_hash() -> str:
    """The hash this process was given to check a facilitator's key ("" when none was)."""
    return os.environ.get(FACILITATOR_KEY_HASH_ENV_VAR, "")
