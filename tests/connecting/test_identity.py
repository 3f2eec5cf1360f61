"""The same person across shares: LinkedIn URL, then email, then name and company."""

from __future__ import annotations

from mutuals.connecting import PersonRecord, resolve_people

R = PersonRecord


def test_linkedin_url_spellings_are_one_person() -> None:
    records = [
        R("Bo Chen", "Acme", "https://www.linkedin.com/in/bo-chen"),
        R("Bo C.", "Other", "http://uk.linkedin.com/in/Bo-Chen/"),
        R("Robert Chen", "", "linkedin.com/in/bo-chen/de?trk=x"),
    ]
    assert resolve_people(records) == [0, 0, 0]


def test_email_then_name_and_company() -> None:
    records = [
        R("Ana Silva", "Acme", emails=("ana@acme.io",)),
        R("A. Silva", "Acme Inc", emails=("ANA@acme.io ",)),
        R("ana  silva", "ACME"),
        R("Ana Silva", "Globex"),
    ]
    assert resolve_people(records) == [0, 0, 0, 1]


def test_different_urls_are_different_people_whatever_else_matches() -> None:
    records = [
        R("Sam Lee", "Acme", "linkedin.com/in/sam-lee-1", ("sam@x.io",)),
        R("Sam Lee", "Acme", "linkedin.com/in/sam-lee-2", ("sam@x.io",)),
        R("Sam Lee", "Acme"),
    ]
    assert resolve_people(records) == [0, 1, 0]


def test_a_url_joins_a_namesake_without_one_and_then_belongs_to_them() -> None:
    records = [
        R("Kim Park", "Initech"),
        R("Kim Park", "Initech", "linkedin.com/in/kimpark"),
        R("Kim Park", "Initech", "linkedin.com/in/another-kim"),
        R("K. Park", "", "https://linkedin.com/in/KimPark"),
    ]
    assert resolve_people(records) == [0, 0, 1, 0]


def test_bad_urls_and_blank_names_do_not_merge_everyone() -> None:
    records = [R("", "", "not a url"), R("", "", "also not"), R("Jo", "", "nope")]
    assert resolve_people(records) == [0, 1, 2]
