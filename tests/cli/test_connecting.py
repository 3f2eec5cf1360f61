"""``export network``, ``import network``, ``mutual``, ``intro-path``, ``reach-out``, ``outreach``
and ``suggest`` in the exact forms scripts rely on: direct first, an introduction after 14 days."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.cli.conftest import Invoke, as_json

HEADER = "name,company,position,linkedin_url,strength\n"


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _share(cli: Invoke, folder: Path, friend: str, rows: str) -> None:
    path = folder / f"{friend.split()[0].lower()}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    result = cli("import", "network", str(path), "--from", friend, "--json")
    assert result.exit_code == 0, result.output


def _community(cli: Invoke, folder: Path) -> None:
    """Bo is a close friend (calls every week); Cy a faint one (no interaction at all)."""
    for name, company in (("Bo Chen", "Acme"), ("Cy Diaz", "Globex")):
        assert cli("contacts", "add", name, "--company", company).exit_code == 0
    for day in ("2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"):
        assert cli(
            "log", "Bo Chen", "--channel", "call", "--kind", "advice", "--direction", "mutual",
            "--on", day, "--today", "2026-11-30",
        ).exit_code == 0  # fmt: skip
    # Bo knows Ana well; Cy knows her as well as one can. The strong friend still wins.
    _share(cli, folder, "Bo Chen", "Ana Silva,Initech,CTO,linkedin.com/in/ana-silva,0.6\n")
    _share(
        cli, folder, "Cy Diaz",
        "Ana Silva,Initech,Chief Technology Officer,https://www.linkedin.com/in/Ana-Silva/,1.0\n"
        "Dee Eve,Initech,Engineer,,0.5\n",
    )  # fmt: skip


def test_direct_first_then_an_intro_via_the_strong_friend(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        before = as_json(cli("intro-path", "Ana Silva", "--today", "2026-12-01", "--json"))
        assert set(before) == {"target", "advice", "reason", "paths"}
        assert before["target"] == "Ana Silva"
        assert before["advice"] == "direct"
        assert [p["via"] for p in before["paths"]] == [["Bo Chen"], ["Cy Diaz"]]
        assert before["paths"][0]["strength"] > before["paths"][1]["strength"]
        assert "Bo Chen" in before["reason"]

        reached = as_json(cli(
            "reach-out", "Ana Silva", "--channel", "linkedin", "--on", "2026-12-01",
            "--today", "2026-12-01", "--json",
        ))  # fmt: skip
        assert reached["added"] is True
        assert reached["stage"] == "prospect"

        waiting = as_json(cli("intro-path", "Ana Silva", "--today", "2026-12-14", "--json"))
        assert waiting["advice"] == "direct"
        assert "1 more day" in waiting["reason"]
        later = as_json(cli("intro-path", "Ana Silva", "--today", "2026-12-15", "--json"))
        assert later["advice"] == "intro"
        assert "ask Bo Chen for an introduction" in later["reason"]

        items = as_json(cli("outreach", "--today", "2026-12-20", "--json"))
        assert len(items) == 1
        assert list(items[0]) == ["name", "status", "days_waiting", "path"]
        assert list(items[0]["path"]) == ["via", "strength"]
        assert items[0]["name"] == "Ana Silva"
        assert items[0]["status"] == "ask for an intro"
        assert items[0]["days_waiting"] == 19
        assert items[0]["path"]["via"] == ["Bo Chen"]


def test_a_reply_marks_the_outreach_replied(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        assert cli(
            "reach-out", "Dee Eve", "--channel", "email", "--on", "2026-12-01",
            "--today", "2026-12-01",
        ).exit_code == 0  # fmt: skip
        assert as_json(cli("outreach", "--today", "2026-12-03", "--json"))[0]["status"] == "waiting"
        assert cli(
            "log", "Dee Eve", "--channel", "email", "--kind", "idea", "--direction", "received",
            "--on", "2026-12-04", "--today", "2026-12-04",
        ).exit_code == 0  # fmt: skip
        item = as_json(cli("outreach", "--today", "2026-12-30", "--json"))[0]
        assert (item["status"], item["days_waiting"], item["path"]) == ("replied", 3, None)
        assert (
            as_json(cli("intro-path", "Dee Eve", "--today", "2026-12-30", "--json"))["advice"]
            == "direct"
        )


MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
    "c1,,Mia Wong,https://www.linkedin.com/in/mia,Dee Eve,https://www.linkedin.com/in/dee-eve,"
    "2026-11-20 10:00:00 UTC,,Shall we talk?,SENT,,No\n"
    "c1,,Dee Eve,https://www.linkedin.com/in/Dee-Eve/,Mia Wong,https://www.linkedin.com/in/mia,"
    "2026-11-24 09:00:00 UTC,,Gladly,INBOX,,No\n"
)


def test_a_reply_imported_from_linkedin_messages_marks_it_replied(cli: Invoke) -> None:
    with _folder() as folder:
        assert cli(
            "contacts", "add", "Dee Eve", "--linkedin", "https://www.linkedin.com/in/dee-eve",
        ).exit_code == 0  # fmt: skip
        assert cli(
            "reach-out", "Dee Eve", "--channel", "linkedin", "--on", "2026-11-20",
            "--today", "2026-11-20",
        ).exit_code == 0  # fmt: skip
        export = folder / "export"
        export.mkdir()
        (export / "messages.csv").write_text(MESSAGES, encoding="utf-8")
        imported = cli("import", "linkedin", str(export), "--json")
        assert imported.exit_code == 0, imported.output
        (item,) = as_json(cli("outreach", "--today", "2026-12-30", "--json"))
        assert (item["name"], item["status"], item["days_waiting"]) == ("Dee Eve", "replied", 4)


def test_a_connected_contact_and_a_company(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        assert (
            as_json(cli("intro-path", "Bo Chen", "--today", "2026-12-01", "--json"))["advice"]
            == "connected"
        )
        found = as_json(
            cli("intro-path", "--company", "initech", "--k", "1", "--today", "2026-12-01", "--json")
        )
        assert found["target"] == "Ana Silva"
        assert len(found["paths"]) == 1
        none = cli("intro-path", "--company", "Nowhere Inc", "--json")
        assert none.exit_code == 2
        assert "no one at 'Nowhere Inc'" in none.output


def test_mutual_lists_both_strengths(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        result = as_json(cli("mutual", "Ana Silva", "--today", "2026-12-01", "--json"))
        assert result["name"] == "Ana Silva"
        assert [m["name"] for m in result["mutual"]] == ["Bo Chen", "Cy Diaz"]
        assert result["mutual"][0]["their_strength"] == 0.6
        assert result["mutual"][1]["their_strength"] == 1.0
        assert result["mutual"][1]["my_strength"] == 0.05  # no interactions: the floor
        assert cli("mutual", "Nobody Known").exit_code == 2


def test_a_reimport_replaces_the_share_and_withdrawn_ties_are_never_used(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        _share(cli, folder, "Bo Chen", "Zed Young,Hooli,,,0.7\n")
        paths = as_json(cli("intro-path", "Ana Silva", "--today", "2026-12-01", "--json"))["paths"]
        assert [p["via"] for p in paths] == [["Cy Diaz"]]
        mutual = as_json(cli("mutual", "Ana Silva", "--today", "2026-12-01", "--json"))
        assert [m["name"] for m in mutual["mutual"]] == ["Cy Diaz"]
        _share(cli, folder, "Cy Diaz", "Zed Young,Hooli,,,0.2\n")
        gone = cli("intro-path", "Ana Silva", "--json")
        assert gone.exit_code == 2
        assert "no one named 'Ana Silva'" in gone.output


def test_suggest_ranks_friends_of_friends_with_reasons(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        found = as_json(cli("suggest", "--no-interest", "--today", "2026-12-01", "--json"))
        assert [s["name"] for s in found] == ["Ana Silva", "Dee Eve"]
        assert found[0]["reason"] == "2 mutual connections, including Bo Chen"
        assert found[1]["reason"] == "1 mutual connection: Cy Diaz"
        assert (
            as_json(cli("suggest", "--top", "1", "--no-interest", "--json"))[0]["name"]
            == "Ana Silva"
        )


def test_bad_share_rows_exit_2_naming_file_line_and_field_and_write_nothing(cli: Invoke) -> None:
    with _folder() as folder:
        _community(cli, folder)
        bad = folder / "bad.csv"
        bad.write_text(HEADER + "Ann Other,X,,,0.5\nBob Bad,Y,,,1.5\n", encoding="utf-8")
        result = cli("import", "network", str(bad), "--from", "Bo Chen")
        assert result.exit_code == 2
        assert f"{bad}:3: field 'strength'" in result.output
        url = folder / "url.csv"
        url.write_text(HEADER + "Ann Other,X,,https://example.com/ann,0.5\n", encoding="utf-8")
        assert (
            f"{url}:2: field 'linkedin_url'"
            in cli("import", "network", str(url), "--from", "Bo Chen").output
        )
        # Bo's earlier share is intact.
        assert as_json(cli("mutual", "Ana Silva", "--json"))["mutual"][0]["name"] == "Bo Chen"
        stranger = cli("import", "network", str(bad), "--from", "Nobody Known")
        assert stranger.exit_code == 2
        assert "no contact named 'Nobody Known'" in stranger.output


def test_export_network_never_holds_emails_phones_or_notes(cli: Invoke) -> None:
    with _folder() as folder:
        assert cli(
            "contacts", "add", "Bo Chen", "--company", "Acme", "--email", "bo@secret.example",
            "--phone", "+44 20 7946 0000", "--note", "private remark",
            "--linkedin", "linkedin.com/in/bochen",
        ).exit_code == 0  # fmt: skip
        out = folder / "mine.csv"
        result = cli("export", "network", str(out), "--today", "2026-12-01")
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8-sig")
        assert text.splitlines() == [
            "name,company,position,linkedin_url,strength",
            "Bo Chen,Acme,,https://www.linkedin.com/in/bochen,0.050",
        ]
        for secret in ("secret.example", "7946", "private"):
            assert secret not in text
