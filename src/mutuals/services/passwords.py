"""Password hashing with argon2id (argon2-cffi), and the random keys behind sessions and links.

The parameters follow OWASP's first recommendation for argon2id (19 MiB of memory, 2 passes, one
lane): about 60 ms a hash on one core, so that a 2-core community server can still sign in dozens
of members a second. Each hash carries its parameters, so raising them later re-hashes a member's
password at their next sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST: Final = 2
MEMORY_COST_KIB: Final = 19 * 1024
PARALLELISM: Final = 1
HASH_LEN: Final = 32
SALT_LEN: Final = 16

HASHER: Final = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LEN,
    salt_len=SALT_LEN,
    type=Type.ID,
)

# A fixed hash to verify against when no account matches, so that a wrong email costs the same
# time as a wrong password and timing does not tell which emails have accounts.
_DUMMY_HASH: Final = HASHER.hash("no account has this password")


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (PHC string: parameters, salt and hash)."""
    return HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash; a missing hash matches nothing."""
    try:
        return HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other parameters than today's."""
    return HASHER.check_needs_rehash(stored)


def parameters() -> dict[str, object]:
    """The argon2 parameters in use, for benchmarks and the documentation."""
    return {
        "type": "argon2id",
        "time_cost": TIME_COST,
        "memory_cost_kib": MEMORY_COST_KIB,
        "parallelism": PARALLELISM,
        "hash_len": HASH_LEN,
        "salt_len": SALT_LEN,
    }


def new_key(prefix: str = "") -> str:
    """A random key with 256 bits of entropy (for a session, token or invitation)."""
    return prefix + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    """What is stored in place of a random key: its SHA-256, hex.

    A fast hash is right here (unlike for passwords): the key is random and 256 bits long, so
    there is nothing to guess, and a lookup by hash must be quick on every request.
    """
    return hashlib.sha256(key.encode()).hexdigest()
