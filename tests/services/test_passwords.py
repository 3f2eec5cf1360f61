"""Password hashing at the production cost: argon2id with OWASP's parameters, and re-hashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError

from mutuals.services import passwords

pytestmark = pytest.mark.real_password_hashing


def test_a_hash_carries_owasps_argon2id_parameters() -> None:
    stored = passwords.hash_password("correct horse battery staple")
    # PHC string: $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.parameters()["memory_cost_kib"] == 19 * 1024
    assert passwords.hash_password("correct horse battery staple") != stored  # a fresh salt


def test_only_the_right_password_verifies() -> None:
    stored = passwords.hash_password("s3cret words")
    assert passwords.verify_password(stored, "s3cret words")
    assert not passwords.verify_password(stored, "s3cret word")
    assert not passwords.verify_password(None, "no account has this password")
    assert not passwords.verify_password("not a hash", "s3cret words")


def test_a_weaker_hash_is_re_hashed_and_today_s_is_not() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID).hash("pw")
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password("pw"))
    with pytest.raises(InvalidHashError):
        passwords.HASHER.verify("not a hash", "pw")


def test_this_module_hashes_at_the_production_cost() -> None:
    # Elsewhere the suite hashes cheaply (tests/conftest.py); the mark keeps that out of here.
    assert passwords.HASHER.memory_cost == passwords.MEMORY_COST_KIB
