"""The Profile value: phrases normalised, id defaulting to the name."""

from mutuals.prospecting import Profile


def test_lists_become_tuples_without_blank_items() -> None:
    p = Profile(name="Ann", offers=["  tax returns ", "", "   "], needs=["a website"])
    assert p.offers == ("tax returns",)
    assert p.needs == ("a website",)
    assert hash(p) == hash(Profile(name="Ann", offers=("tax returns",), needs=("a website",)))


def test_id_defaults_to_name_and_can_be_given() -> None:
    assert Profile(name="Ann").id == "Ann"
    assert Profile(name="Ann", id="c-17").id == "c-17"


def test_a_bare_string_is_one_phrase() -> None:
    p = Profile(name="Ann", interests="chess")  # type: ignore[arg-type]
    assert p.interests == ("chess",)
