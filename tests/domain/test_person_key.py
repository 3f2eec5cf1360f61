"""Person keys: one string per shared person, equal across spellings of the same identity."""

from __future__ import annotations

from mutuals.domain.person_key import KEY_SEP, person_key, split_person_key


def test_keys_ignore_case_spacing_and_url_spelling() -> None:
    a = person_key("Ada  Lovelace", "Analytical Engines ", "https://uk.linkedin.com/in/Ada-L/")
    b = person_key("ada lovelace", "analytical  engines", "linkedin.com/in/ada-l")
    assert a == b
    assert split_person_key(a) == (
        "https://www.linkedin.com/in/ada-l",
        "ada lovelace",
        "analytical engines",
    )


def test_a_key_without_url_or_with_a_bad_one() -> None:
    assert split_person_key(person_key("Bo", "", "")) == ("", "bo", "")
    assert split_person_key(person_key("Bo", "", "https://example.org/bo")) == ("", "bo", "")
    # Separators in a name are whitespace, so they cannot break the key apart.
    assert split_person_key(person_key(f"Bo{KEY_SEP}X", "Y", "")) == ("", "bo x", "y")
    assert split_person_key("") == ("", "", "")
