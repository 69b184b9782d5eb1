"""The facilitator's key: the kernels get a salted hash of the token, never the token, and
the view opens only for the token itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplaybook.serve.roles import (
    FACILITATOR_KEY_HASH_ENV_VAR,
    facilitator_key_hash,
    hash_facilitator_token,
    key_matches,
    new_facilitator_token,
)

FAST = 1_000  # iterations: the tests check the scheme, not its cost


def test_the_token_opens_and_nothing_else_does():
    stored = hash_facilitator_token("open sesame", iterations=FAST)
    assert "open sesame" not in stored
    assert key_matches("open sesame", stored)
    for wrong in ("open sesame ", "Open sesame", "open", "", "x" * 300):
        assert not key_matches(wrong, stored), wrong


def test_two_hashes_of_one_token_differ_and_both_open():
    first = hash_facilitator_token("t0ken", iterations=FAST)
    second = hash_facilitator_token("t0ken", iterations=FAST)
    assert first != second  # salted
    assert key_matches("t0ken", first) and key_matches("t0ken", second)


@pytest.mark.parametrize("stored", ["", "t0ken", "md5$1$00$00", "pbkdf2_sha256$x$00$00",
                                    "pbkdf2_sha256$1000$zz$00", "pbkdf2_sha256$1000$00"])
def test_a_hash_that_is_not_ours_opens_nothing(stored):
    assert not key_matches("t0ken", stored)


def test_a_generated_token_is_long_and_new_each_time():
    first, second = new_facilitator_token(), new_facilitator_token()
    assert first != second and len(first) >= 32


def test_the_kernels_hash_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(FACILITATOR_KEY_HASH_ENV_VAR, raising=False)
    assert facilitator_key_hash() == ""
    monkeypatch.setenv(FACILITATOR_KEY_HASH_ENV_VAR, "pbkdf2_sha256$1$00$00")
    assert facilitator_key_hash() == "pbkdf2_sha256$1$00$00"


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40))
def test_any_key_a_link_can_carry_is_answered_without_an_error(key):
    stored = hash_facilitator_token("the real one", iterations=FAST)
    assert key_matches(key, stored) == (key == "the real one")
