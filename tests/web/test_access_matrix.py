"""The authorisation matrix: every route of the app, as every kind of visitor.

For each route (method and path) ``MATRIX`` says what anonymous visitors, two members, an
organiser and an admin get, and every response is searched for the other accounts' private
markers. A route without an entry fails ``test_every_route_has_an_entry``: whoever adds a route
adds its row here, so the rules stay written down and checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from mutuals.services import import_jobs, invitations
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.uploads import import_upload
from tests.web.community import ROLES, Community, build_community
from tests.web.event_community import EventWorld, add_event


@dataclass(frozen=True)
class Case:
    """The expected status per role, and how to make the request."""

    statuses: dict[str, int]
    path: str | None = None  # a concrete path, when the route's has parameters to fill
    data: dict[str, Any] = field(default_factory=dict)
    json: dict[str, Any] | None = None
    files: dict[str, Any] | None = None


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, *, anonymous: int = 303) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, status), "anonymous": anonymous}


def owner_only(status: int, *, anonymous: int = 303) -> dict[str, int]:
    """Member A's record: A gets ``status``; everyone else a 404, as if it did not exist."""
    return {**signed_in(404, anonymous=anonymous), "member_a": status}


def admin_only(status: int) -> dict[str, int]:
    return {**signed_in(403), "admin": status}


def organiser_only(status: int) -> dict[str, int]:
    """Organiser pages: members are refused (403); the admin, an organiser of nothing here, finds
    no such event (404), as would any other organiser."""
    return {**signed_in(403), "organiser": status, "admin": 404}


def organisers(status: int) -> dict[str, int]:
    """Organiser pages that are not about one event: organisers and admins, never members."""
    return {**signed_in(403), "organiser": status, "admin": status}


API = 401  # an API call without a token
A_CONTACT = "{a_contact}"
# A contact of member A made for the one request, for the routes that delete or merge it away.
A_SPARE = "{a_spare}"
A_RUN = "{a_run}"
# A finished dry-run import job of member A's, for its progress page and status.
A_JOB = "{a_job}"
PROFILE_CSV = (
    "people.csv",
    b"name,email,company,headline,interests,offers,needs\nNew Person,new@example.org,Acme,,,,\n",
    "text/csv",
)
EVENT = "{event}"
KEY = "{key}"
EVENT_CSV = (
    b"name,email,company,headline,interests,offers,needs\nNew One,new.one@example.org,,,,,\n"
)
A_EDIT = {
    "name": "Alma Alphafriend",
    "emails": "alma.private@example.org",
    "notes": "note-of-member_a",
}

MATRIX: dict[tuple[str, str], Case] = {
    ("GET", "/static"): Case(everyone(200), path="/static/style.css"),
    ("GET", "/static/swagger"): Case(everyone(200), path="/static/swagger/swagger-ui.css"),
    ("GET", "/login"): Case(signed_in(303, anonymous=200)),
    ("POST", "/login"): Case(
        everyone(400), data={"email": "nobody@example.org", "password": "x" * 9}
    ),
    ("POST", "/logout"): Case(everyone(303)),
    ("GET", "/invite/{key}"): Case(everyone(200), path="/invite/{invite}"),
    ("POST", "/invite/{key}"): Case(
        everyone(400),
        path="/invite/{invite}",
        data={"name": "N", "password": "long enough", "password_again": "not the same"},
    ),
    ("GET", "/"): Case(signed_in(200)),
    ("GET", "/contacts"): Case(signed_in(200)),
    ("GET", "/contacts/export.{fmt}"): Case(signed_in(200), path="/contacts/export.csv"),
    ("GET", "/contacts/{contact_id}"): Case(owner_only(200), path=f"/contacts/{A_CONTACT}"),
    ("GET", "/contacts/{contact_id}/edit"): Case(
        owner_only(200), path=f"/contacts/{A_CONTACT}/edit"
    ),
    ("POST", "/contacts/{contact_id}/edit"): Case(
        owner_only(303), path=f"/contacts/{A_CONTACT}/edit", data=A_EDIT
    ),
    ("POST", "/contacts/{contact_id}/log"): Case(
        owner_only(303),
        path=f"/contacts/{A_CONTACT}/log",
        data={"channel": "call", "direction": "gave", "on": "2026-11-30", "kinds": "advice"},
    ),
    ("POST", "/contacts/{contact_id}/stage"): Case(
        owner_only(303), path=f"/contacts/{A_CONTACT}/stage", data={"stage": "relationship"}
    ),
    ("GET", "/contacts/{contact_id}/log"): Case(everyone(303), path=f"/contacts/{A_CONTACT}/log"),
    ("GET", "/contacts/new"): Case(signed_in(200)),
    ("POST", "/contacts/new"): Case(signed_in(303), data={"name": "New Person"}),
    ("GET", "/contacts/{contact_id}/delete"): Case(
        owner_only(200), path=f"/contacts/{A_CONTACT}/delete"
    ),
    ("POST", "/contacts/{contact_id}/delete"): Case(
        owner_only(303), path=f"/contacts/{A_SPARE}/delete"
    ),
    # A token no delete made: everyone signed in is told the undo has lapsed (another member's
    # token reads the same, see test_contact_forms).
    ("POST", "/contacts/undo/{token}"): Case(signed_in(303), path="/contacts/undo/" + "x" * 32),
    ("GET", "/contacts/{contact_id}/merge"): Case(
        owner_only(200), path=f"/contacts/{A_CONTACT}/merge"
    ),
    ("POST", "/contacts/{contact_id}/merge"): Case(
        owner_only(303), path=f"/contacts/{A_CONTACT}/merge", data={"other_id": A_SPARE}
    ),
    ("POST", "/contacts/{contact_id}/cadence"): Case(
        owner_only(303), path=f"/contacts/{A_CONTACT}/cadence", data={"every": "30"}
    ),
    ("POST", "/contacts/{contact_id}/snooze"): Case(
        owner_only(303), path=f"/contacts/{A_CONTACT}/snooze", data={"days": "7"}
    ),
    ("GET", "/import"): Case(signed_in(200)),
    ("POST", "/import"): Case(signed_in(303), data={"kind": "csv"}, files={"file": PROFILE_CSV}),
    ("GET", "/import/{run_id}"): Case(owner_only(200), path=f"/import/{A_RUN}"),
    ("GET", "/import/jobs/{token}"): Case(owner_only(200), path=f"/import/jobs/{A_JOB}"),
    ("GET", "/import/jobs/{token}.json"): Case(owner_only(200), path=f"/import/jobs/{A_JOB}.json"),
    ("POST", "/contacts/{contact_id}/reach-out"): Case(
        owner_only(303),
        path=f"/contacts/{A_CONTACT}/reach-out",
        data={"channel": "linkedin", "on": "2026-11-30", "note": "a note"},
    ),
    ("GET", "/contacts/{contact_id}/draft/{kind}"): Case(
        owner_only(200), path=f"/contacts/{A_CONTACT}/draft/connect"
    ),
    ("GET", "/outreach"): Case(signed_in(200)),
    # A name in member A's network only: found for A, not found (404) for everyone else.
    ("POST", "/people/reach-out"): Case(
        owner_only(303), data={"name": "Alma Alphafriend", "channel": "linkedin"}
    ),
    ("GET", "/prospects"): Case(signed_in(200)),
    ("GET", "/profile"): Case(signed_in(200)),
    ("POST", "/profile"): Case(signed_in(303), data={"name": "Renamed"}),
    ("GET", "/due"): Case(signed_in(200)),
    ("GET", "/due.ics"): Case(signed_in(200)),
    ("GET", "/account"): Case(signed_in(200)),
    ("POST", "/account/sharing"): Case(signed_in(303), data={"action": "off"}),
    ("GET", "/account/export.json"): Case(signed_in(200)),
    ("GET", "/account/password"): Case(signed_in(200)),
    ("POST", "/account/password"): Case(
        signed_in(400), data={"current": "not it at all", "new": "x" * 10, "new_again": "x" * 10}
    ),
    ("GET", "/account/delete"): Case(signed_in(200)),
    ("POST", "/account/delete"): Case(signed_in(400), data={"password": "not it at all"}),
    ("GET", "/admin"): Case(admin_only(200)),
    ("POST", "/admin/invitations"): Case(admin_only(200), data={"email": "new@example.org"}),
    ("POST", "/admin/invitations/switch"): Case(admin_only(303), data={"state": "on"}),
    ("GET", "/docs"): Case(signed_in(200)),
    ("GET", "/api/v1/openapi.json"): Case(everyone(200)),
    ("GET", "/api/v1/contacts"): Case(signed_in(200, anonymous=API)),
    ("POST", "/api/v1/contacts"): Case(signed_in(201, anonymous=API), json={"name": "Via Api"}),
    ("GET", "/api/v1/contacts/{contact_id}"): Case(
        owner_only(200, anonymous=API), path=f"/api/v1/contacts/{A_CONTACT}"
    ),
    ("PATCH", "/api/v1/contacts/{contact_id}"): Case(
        owner_only(200, anonymous=API),
        path=f"/api/v1/contacts/{A_CONTACT}",
        json={"position": "CTO"},
    ),
    ("DELETE", "/api/v1/contacts/{contact_id}"): Case(
        owner_only(204, anonymous=API), path=f"/api/v1/contacts/{A_SPARE}"
    ),
    ("POST", "/api/v1/contacts/{contact_id}/merge"): Case(
        owner_only(200, anonymous=API),
        path=f"/api/v1/contacts/{A_CONTACT}/merge",
        json={"other": A_SPARE},
    ),
    # Events: the directory, event pages and calendars are public; registering without consent
    # is refused for everyone alike.
    ("GET", "/events"): Case(everyone(200)),
    ("GET", "/events.ics"): Case(everyone(200)),
    ("GET", "/events/{event_id}"): Case(everyone(200), path=f"/events/{EVENT}"),
    ("GET", "/events/{event_id}/calendar.ics"): Case(
        everyone(200), path=f"/events/{EVENT}/calendar.ics"
    ),
    ("POST", "/events/{event_id}/register"): Case(
        everyone(400),
        path=f"/events/{EVENT}/register",
        data={"name": "Reg Ister", "email": "reg@example.org"},
    ),
    # An attendee's private link is the credential: whoever holds it sees that one page.
    ("GET", "/e/{key}"): Case(everyone(200), path=f"/e/{KEY}"),
    ("GET", "/e/{key}/state"): Case(everyone(200), path=f"/e/{KEY}/state"),
    ("GET", "/e/{key}/stream"): Case(everyone(200), path=f"/e/{KEY}/stream?once=1"),
    ("GET", "/e/{key}/matches.vcf"): Case(everyone(200), path=f"/e/{KEY}/matches.vcf"),
    ("POST", "/e/{key}/answers"): Case(
        everyone(303), path=f"/e/{KEY}/answers", data={"other": "{partner}", "answer": "yes"}
    ),
    # Giving one's place up is for before the start; this event has begun, so it is refused.
    ("POST", "/e/{key}/cancel"): Case(everyone(400), path=f"/e/{KEY}/cancel"),
    # Members see the events they attended, and open their own page for them.
    ("GET", "/my/events"): Case(signed_in(200)),
    ("POST", "/my/events/{event_id}/open"): Case(
        {**signed_in(404), "member_a": 303}, path=f"/my/events/{EVENT}/open"
    ),
    # Organisers manage only their own events.
    ("GET", "/organise"): Case(organisers(200)),
    ("POST", "/organise"): Case(
        organisers(303), data={"name": "New Night", "on": "2026-12-20T18:30", "place": "York"}
    ),
    ("GET", "/organise/{event_id}"): Case(organiser_only(200), path=f"/organise/{EVENT}"),
    # The owner's edit and delete get as far as checking the form (a bad one is a 400, so that
    # the event stays for the other routes); any other organiser finds no such event.
    ("POST", "/organise/{event_id}/edit"): Case(
        organiser_only(400), path=f"/organise/{EVENT}/edit", data={"rounds": "0"}
    ),
    ("POST", "/organise/{event_id}/delete"): Case(
        organiser_only(400), path=f"/organise/{EVENT}/delete", data={"confirm": "not its name"}
    ),
    ("POST", "/organise/{event_id}/attendees"): Case(
        organiser_only(303),
        path=f"/organise/{EVENT}/attendees",
        files={"file": ("people.csv", EVENT_CSV, "text/csv")},
    ),
    ("POST", "/organise/{event_id}/checkin"): Case(
        organiser_only(303), path=f"/organise/{EVENT}/checkin", data={"attendee": "{late}"}
    ),
    ("POST", "/organise/{event_id}/plan"): Case(
        organiser_only(400), path=f"/organise/{EVENT}/plan", data={"weights": "none"}
    ),
    # Mail is not configured in these tests: the owner gets as far as being told so.
    ("POST", "/organise/{event_id}/mail"): Case(
        organiser_only(400), path=f"/organise/{EVENT}/mail", data={"what": "links"}
    ),
    ("GET", "/organise/{event_id}/print/{what}.pdf"): Case(
        organiser_only(200), path=f"/organise/{EVENT}/print/sheets.pdf"
    ),
    ("GET", "/organise/{event_id}/console"): Case(
        organiser_only(200), path=f"/organise/{EVENT}/console"
    ),
    ("POST", "/organise/{event_id}/run"): Case(
        organiser_only(303), path=f"/organise/{EVENT}/run", data={"action": "pause"}
    ),
    ("POST", "/organise/{event_id}/presence"): Case(
        organiser_only(303),
        path=f"/organise/{EVENT}/presence",
        data={"attendee": "{member_attendee}", "action": "leave"},
    ),
    ("GET", "/organise/{event_id}/screen"): Case(
        organiser_only(200), path=f"/organise/{EVENT}/screen"
    ),
    ("GET", "/organise/{event_id}/screen/state"): Case(
        organiser_only(200), path=f"/organise/{EVENT}/screen/state"
    ),
    ("GET", "/organise/{event_id}/screen/stream"): Case(
        organiser_only(200), path=f"/organise/{EVENT}/screen/stream?once=1"
    ),
    ("GET", "/api/v1/events"): Case(signed_in(200, anonymous=API)),
    ("GET", "/api/v1/events/{event_id}"): Case(
        {**signed_in(404, anonymous=API), "organiser": 200}, path=f"/api/v1/events/{EVENT}"
    ),
}


def app_routes(community: Community) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, including mounts and included routers."""
    found: set[tuple[str, str]] = set()
    for route in iter_route_contexts(list(community.app.routes)):
        if isinstance(route.original_route, Mount):
            found.add(("GET", str(route.path)))
            continue
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, str(route.path)))
    return found


@dataclass
class World:
    """The community server and the event its organiser runs on it."""

    community: Community
    event: EventWorld

    def __getattr__(self, name: str) -> Any:
        return getattr(self.community, name)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("matrix")
    community = build_community(folder)
    try:
        yield World(community, add_event(community, folder))
    finally:
        community.ws.close()


def test_every_route_has_an_entry(world: World) -> None:
    routes = app_routes(world)
    missing = sorted(routes - MATRIX.keys())
    stale = sorted(MATRIX.keys() - routes)
    assert not missing, f"routes without an authorisation entry in MATRIX: {missing}"
    assert not stale, f"MATRIX entries for routes that no longer exist: {stale}"


def _member_a(world: World) -> Workspace:
    return replace(world.ws, owner_id=world.owner_ids["member_a"])


def _fill(world: World, value: str) -> str:
    """A case's placeholders filled in: member A's contact, a fresh spare one, an import, and
    the event's ids."""
    if A_SPARE in value:
        spare = add_contact(_member_a(world), name="Sam Spare")
        value = value.replace(A_SPARE, str(spare["id"]))
    if A_RUN in value:
        _, run_id = import_upload(
            _member_a(world), kind="csv", filename="people.csv", data=PROFILE_CSV[1]
        )
        value = value.replace(A_RUN, str(run_id))
    if A_JOB in value:
        token = import_jobs.start_import(
            _member_a(world), kind="csv", filename="people.csv", data=PROFILE_CSV[1], dry_run=True
        )
        import_jobs.wait(token, 30)
        value = value.replace(A_JOB, token)
    if "{invite}" in value:
        value = value.replace("{invite}", invitations.invite(world.ws, "invitee@example.org"))
    ids = {
        A_CONTACT: world.contact_ids["member_a"],
        EVENT: world.event.event_id,
        KEY: world.event.key,
        "{partner}": world.event.partner,
        "{late}": world.event.late,
        "{member_attendee}": world.event.member_attendee,
    }
    for placeholder, real in ids.items():
        value = value.replace(placeholder, str(real))
    return value


def _request(world: World, role: str, method: str, route: str, case: Case) -> Any:
    path = _fill(world, case.path or route)
    data = {k: _fill(world, v) if isinstance(v, str) else v for k, v in case.data.items()}
    body = case.json and {
        k: int(_fill(world, v)) if v == A_SPARE else v for k, v in case.json.items()
    }
    # Each visitor has its own address, so the wrong passwords above never add up to a throttle.
    address = (f"10.0.0.{ROLES.index(role) + 1}", 50000)
    if path.startswith("/api/"):
        client = TestClient(world.app, follow_redirects=False, client=address)
        if role != "anonymous":
            client.headers["Authorization"] = f"Bearer {world.tokens[role]}"
    else:
        client = world.client(role, address=address)
    if body is not None:
        return client.request(method, path, json=body)
    return client.request(method, path, data=data or None, files=case.files)


@pytest.mark.parametrize(("method", "route"), sorted(MATRIX), ids=lambda v: str(v))
def test_route_as_every_role(world: World, method: str, route: str) -> None:
    case = MATRIX[(method, route)]
    for role in ROLES:
        response = _request(world, role, method, route, case)
        assert response.status_code == case.statuses[role], (
            f"{method} {route} as {role}: {response.status_code}, expected "
            f"{case.statuses[role]}: {response.text[:300]}"
        )
        foreign = (
            world.others_markers(role)
            if role != "anonymous"
            else [
                m
                for who in ("admin", "member_a", "member_b", "organiser")
                for m in world.markers(who)
            ]
        )
        leaked = [marker for marker in foreign if marker in response.text]
        assert not leaked, f"{method} {route} as {role} shows another member's data: {leaked}"
