"""Reading LinkedIn data exports: connections, messages and invitations, with their quirks."""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mutuals.io import ImportFailure, normalise_linkedin_url, read_linkedin

EXPORT_FILES = ("Connections.csv", "messages.csv", "Invitations.csv")
ME = "https://www.linkedin.com/in/me-member"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ada-lovelace",
        "https://www.linkedin.com/in/ada-lovelace/",
        "http://linkedin.com/in/Ada-Lovelace",
        "HTTPS://WWW.LINKEDIN.COM/IN/ADA-LOVELACE/?trk=public_profile_browsemap",
        "www.linkedin.com/in/ada-lovelace#about",
        "linkedin.com/in/ada-lovelace/details/experience/",
        "https://uk.linkedin.com/in/ada-lovelace?originalSubdomain=uk",
        "  https://www.linkedin.com/in/ada%2Dlovelace  ",
    ],
)
def test_profile_urls_normalise_to_one_form(url: str) -> None:
    assert normalise_linkedin_url(url) == "https://www.linkedin.com/in/ada-lovelace"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/company/acme",
        "https://example.com/in/ada",
        "https://www.linkedin.com/in/",
        "ftp://linkedin.com/in/ada",
        "https://notlinkedin.com/in/ada",
    ],
)
def test_non_profile_urls_are_rejected(url: str) -> None:
    with pytest.raises(ValueError):
        normalise_linkedin_url(url)


def test_empty_url_stays_empty() -> None:
    assert normalise_linkedin_url("  ") == ""


def test_connections_with_preamble_bom_crlf_and_quoting(fixtures: Path) -> None:
    result = read_linkedin(fixtures / "Connections.csv")
    names = [c.full_name for c in result.contacts]
    assert names == ["Ada Lovelace", "Grace Hopper", "张 伟", "Ольга Иванова", "Alan Turing"]
    ada, grace, zhang, olga, alan = result.contacts
    assert ada.source == "linkedin" and ada.source_line == 6
    assert ada.emails == ["ada@example.org"] and ada.connected_on == date(2021, 3, 12)
    assert grace.company == "Navy, US" and grace.position == 'Rear Admiral "Amazing Grace"'
    assert grace.linkedin_url == "https://www.linkedin.com/in/gracehopper"
    assert zhang.company == "北京公司" and zhang.connected_on == date(2022, 2, 3)
    assert zhang.linkedin_url == "https://www.linkedin.com/in/zhang-wei-123"
    assert olga.company == 'ООО "Ромашка"'
    assert alan.company == "Bletchley\r\nPark" and alan.source_line == 11
    assert [(s.line, s.reason) for s in result.skipped] == [
        (8, "no name (LinkedIn hides this member)"),
        (13, "no name (LinkedIn hides this member)"),
    ]
    assert result.interactions == []


def test_older_export_without_url_column(fixtures: Path) -> None:
    (ada,) = read_linkedin(fixtures / "Connections_old.csv").contacts
    assert ada.linkedin_url == "" and ada.company == "Analytical Engines"
    assert ada.connected_on == date(2017, 3, 12) and ada.source_line == 5


def test_impossible_date_names_line_and_field(fixtures: Path) -> None:
    path = fixtures / "Connections_bad_date.csv"
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (
        str(path),
        3,
        "Connected On",
    )
    assert "31 Feb 2021" in caught.value.message


def test_skip_invalid_lists_the_bad_date_row(fixtures: Path) -> None:
    result = read_linkedin(fixtures / "Connections_bad_date.csv", skip_invalid=True)
    assert [c.full_name for c in result.contacts] == ["Ada Lovelace", "Good After"]
    assert [(s.line, s.field) for s in result.skipped] == [(3, "Connected On")]


def test_missing_header_names_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\nhello\nName,Company\nAda,Acme\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="First Name,Last Name,URL") as caught:
        read_linkedin(path)
    assert caught.value.path == str(path)


def test_messages_become_interactions_with_direction(fixtures: Path) -> None:
    result = read_linkedin(fixtures / "messages.csv")
    first, reply, thanks, offer = result.interactions
    assert first.direction == "gave" and first.channel == "linkedin"
    assert first.counterpart_urls == ["https://www.linkedin.com/in/ada-lovelace"]
    assert first.counterpart_names == ["Ada Lovelace"]
    assert first.occurred_at == datetime(2024, 3, 12, 10, 15, 32, tzinfo=UTC)
    assert first.summary == "Coffee? Hi Ada, shall we meet?" and first.source_line == 2
    assert reply.direction == "received" and reply.summary == 'Yes, "gladly".'
    assert reply.counterpart_urls == ["https://www.linkedin.com/in/ada-lovelace"]
    assert reply.source_line == 4
    assert thanks.direction == "received" and thanks.counterpart_names == ["Grace Hopper"]
    # A company page names nobody; the sender's name still says who wrote.
    assert offer.counterpart_urls == [] and offer.counterpart_names == ["LinkedIn Offers"]
    assert all(i.kinds == [] for i in result.interactions)


def test_member_given_explicitly_overrides_the_guess(fixtures: Path) -> None:
    result = read_linkedin(fixtures / "messages.csv", member_url="linkedin.com/in/Ada-Lovelace")
    assert [i.direction for i in result.interactions] == [
        "received",
        "gave",
        "received",
        "received",
    ]


def test_sent_folder_names_the_member(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n"
        "c1,Zed,https://www.linkedin.com/in/zed,Bo,https://www.linkedin.com/in/bo,"
        "2024-01-01 00:00:00 UTC,hi,SENT\n"
        "c1,Bo,https://www.linkedin.com/in/bo,Zed,https://www.linkedin.com/in/zed,"
        "2024-01-02 00:00:00 UTC,hello,INBOX\n",
        encoding="utf-8",
    )
    result = read_linkedin(path)
    assert [i.direction for i in result.interactions] == ["gave", "received"]


def test_bad_message_date_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text("FROM,DATE\nAda,2024-02-30 10:00:00 UTC\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path)
    assert (caught.value.line, caught.value.field) == (2, "DATE")


def test_invitations_keep_the_note_and_direction(fixtures: Path) -> None:
    outgoing, incoming = read_linkedin(fixtures / "Invitations.csv").interactions
    assert outgoing.direction == "gave" and outgoing.summary == "Loved your talk, let's connect"
    assert outgoing.counterpart_urls == ["https://www.linkedin.com/in/alan-turing"]
    assert outgoing.counterpart_names == ["Alan Turing"]
    assert outgoing.occurred_at == datetime(2024, 3, 12, 10, 15, tzinfo=UTC)
    assert incoming.direction == "received" and incoming.summary == ""
    assert incoming.counterpart_urls == ["https://www.linkedin.com/in/zhang-wei-123"]
    assert incoming.occurred_at == datetime(2023, 11, 2, 16, 5, tzinfo=UTC)


def test_bad_invitation_direction_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text(
        'From,To,Sent At,Message,Direction\nA,B,"3/12/24, 10:15 AM",,SIDEWAYS\n', encoding="utf-8"
    )
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path)
    assert (caught.value.line, caught.value.field) == (2, "Direction")


def _check_whole_export(result_path: Path) -> None:
    result = read_linkedin(result_path)
    assert len(result.contacts) == 5 and len(result.skipped) == 2
    assert len(result.interactions) == 6
    assert {i.direction for i in result.interactions} == {"gave", "received"}


def test_export_zip_with_several_files(fixtures: Path, tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in EXPORT_FILES:
            zf.write(fixtures / name, name)
        zf.writestr("Profile.csv", "First Name,Last Name\nMe,Member\n")
        zf.writestr("Verifications/Verifications.csv", "x\n")
    _check_whole_export(archive)


def test_errors_inside_a_zip_name_the_member_file(fixtures: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(fixtures / "Connections_bad_date.csv", "Connections.csv")
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(archive)
    assert caught.value.path == f"{archive}/Connections.csv" and caught.value.line == 3


def test_unpacked_export_folder(fixtures: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for name in EXPORT_FILES:
        shutil.copy(fixtures / name, folder / name)
    _check_whole_export(folder)


def test_folder_or_zip_without_export_files_is_a_failure(tmp_path: Path) -> None:
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing here")
    with pytest.raises(ImportFailure, match=r"Connections\.csv"):
        read_linkedin(archive)
    with pytest.raises(ImportFailure, match=r"Connections\.csv"):
        read_linkedin(tmp_path)


def test_corrupt_zip_is_a_failure(fixtures: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(fixtures / "Connections.csv", "Connections.csv")
    data = bytearray(archive.read_bytes())
    data[60:200] = bytes(140)
    archive.write_bytes(bytes(data))
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(archive)
    assert str(archive) in str(caught.value.path)
