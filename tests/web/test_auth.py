"""Logging in and out, sessions that expire, the throttle, invitations and the account pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from mutuals.services import accounts, invitations, signin
from tests.web.community import PASSWORD, Community
from tests.web.conftest import page_token


def test_a_page_without_login_goes_to_the_login_page_and_back(community: Community) -> None:
    client = community.client()
    page = client.get("/contacts?q=alma&sort=name")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/contacts%3Fq%3Dalma%26sort%3Dname"
    assert "Log in" in client.get("/login").text
    signed = client.post(
        "/login",
        data={"email": "ADA@example.org", "password": PASSWORD, "next": "/contacts?q=alma"},
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/contacts?q=alma"
    mine = client.get("/contacts")
    assert mine.status_code == 200
    assert "Alma Alphafriend" in mine.text
    assert not any(m in mine.text for m in community.others_markers("member_a"))


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "x"],
)
def test_next_never_leaves_the_site(community: Community, target: str) -> None:
    client = community.client()
    signed = client.post(
        "/login", data={"email": "ada@example.org", "password": PASSWORD, "next": target}
    )
    assert signed.headers["location"] == "/"


def test_session_cookie_flags(community: Community) -> None:
    client = community.client()
    signed = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert "Max-Age=1209600" in cookie
    secure = community.client(base_url="https://testserver")
    signed = secure.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert "Secure" in signed.headers["set-cookie"]
    assert signed.headers["strict-transport-security"].startswith("max-age=")


def test_wrong_passwords_are_refused_then_throttled(community: Community) -> None:
    client = community.client()
    for _ in range(signin.ACCOUNT_LIMIT):
        wrong = client.post("/login", data={"email": "ada@example.org", "password": "guess-1234"})
        assert wrong.status_code == 400 and "Wrong email or password" in wrong.text
    throttled = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert throttled.status_code == 429
    assert "Try again in 15 minutes" in throttled.text
    assert throttled.headers["retry-after"] == "900"
    community.step(timedelta(minutes=15, seconds=1))
    assert (
        client.post("/login", data={"email": "ada@example.org", "password": PASSWORD}).status_code
        == 303
    )


def test_logout_really_ends_the_session(community: Community) -> None:
    client = community.client("member_a")
    assert client.get("/contacts").status_code == 200
    cookie = client.cookies.get("mutuals_session")
    out = client.post("/logout")
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert 'mutuals_session=""' in out.headers["set-cookie"]
    replay = community.client()
    replay.cookies.set("mutuals_session", cookie)
    assert replay.get("/contacts").status_code == 303
    assert replay.get("/api/v1/contacts").status_code == 401


def test_sessions_expire_by_the_server_clock(community: Community) -> None:
    client = community.client("member_a")
    community.step(timedelta(days=13, hours=23))
    assert client.get("/contacts").status_code == 200
    community.step(timedelta(hours=1))
    expired = client.get("/contacts")
    assert expired.status_code == 303 and expired.headers["location"].startswith("/login")


def test_a_forged_session_cookie_is_nobody(community: Community) -> None:
    client = community.client()
    client.cookies.set("mutuals_session", "made-up.value")
    assert client.get("/").status_code == 303


def test_sign_up_from_an_invitation(community: Community) -> None:
    key = invitations.invite(community.ws, "grace@example.org", role="organiser")
    client = community.client()
    page = client.get(f"/invite/{key}")
    assert page.status_code == 200 and "grace@example.org" in page.text
    token = page_token(client, f"/invite/{key}")
    differ = client.post(
        f"/invite/{key}",
        data={
            "name": "Grace",
            "password": PASSWORD,
            "password_again": "other one",
            "csrf_token": token,
        },
    )
    assert differ.status_code == 400 and "differ" in differ.text
    joined = client.post(
        f"/invite/{key}",
        data={"name": "Grace Hopper", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert joined.status_code == 303 and joined.headers["location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and "<strong>0</strong> contacts" in home.text
    assert accounts.get_account(community.ws, "grace@example.org").role == "organiser"
    again = community.client().get(f"/invite/{key}")
    assert again.status_code == 404 and "was used" in again.text
    assert community.client().get("/invite/made-up").status_code == 404


def test_change_password(community: Community) -> None:
    other = community.client("member_a")
    client = community.client("member_a")
    wrong = client.post(
        "/account/password",
        data={"current": "not it at all", "new": "a new long one", "new_again": "a new long one"},
    )
    assert wrong.status_code == 400 and "not your current password" in wrong.text
    changed = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": "a new long one", "new_again": "a new long one"},
    )
    assert changed.status_code == 200 and "Password changed" in changed.text
    assert client.get("/contacts").status_code == 200
    assert other.get("/contacts").status_code == 303
    assert signin.log_in(
        community.ws, email="ada@example.org", password="a new long one", address="x"
    )


def test_export_my_data_holds_only_mine(community: Community) -> None:
    download = community.client("member_b").get("/account/export.json")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    data = json.loads(download.text)
    assert [o["email"] for o in data["tables"]["owners"]] == ["bea@example.org"]
    assert data["tables"]["owners"][0]["password_hash"] is None
    assert "api_tokens" not in data["tables"]
    assert "Betafriend" in download.text
    assert not any(m in download.text for m in community.others_markers("member_b"))


def test_delete_my_account(community: Community) -> None:
    client = community.client("member_b")
    confirm = client.get("/account/delete")
    assert confirm.status_code == 200 and "1 contacts" in confirm.text
    kept = client.post("/account/delete", data={"password": "not my password"})
    assert kept.status_code == 400
    assert accounts.get_account(community.ws, "bea@example.org")
    gone = client.post("/account/delete", data={"password": PASSWORD})
    assert gone.status_code == 303 and gone.headers["location"] == "/login?deleted=1"
    with pytest.raises(accounts.AccountNotFound):
        accounts.get_account(community.ws, "bea@example.org")
    assert client.get("/contacts").status_code == 303


def test_sharing_from_the_account_page(community: Community) -> None:
    client = community.client("member_a")
    assert "Sharing is off" in client.get("/account").text
    assert client.post("/account/sharing", data={"action": "on"}).status_code == 303
    assert "1 ties shared" in client.get("/account").text
    client.post("/account/sharing", data={"action": "off"})
    assert "Sharing is off" in client.get("/account").text


def test_the_admin_page_is_for_admins(community: Community) -> None:
    assert community.client("member_a").get("/admin").status_code == 403
    assert community.client("organiser").get("/admin").status_code == 403
    admin = community.client("admin")
    page = admin.get("/admin")
    assert page.status_code == 200 and "bea@example.org" in page.text
    made = admin.post("/admin/invitations", data={"email": "alan@example.org", "role": "member"})
    assert made.status_code == 200 and "http://testserver/invite/" in made.text
    admin.post("/admin/invitations/switch", data={"state": "off"})
    assert not invitations.invitations_open(community.ws)
