"""Contact forms: add (warning of duplicates), delete with a confirmation, merge two, set a
cadence and snooze. Every form posts, redirects and says what it did (``flash``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from mutuals.relationships import MAX_CADENCE_DAYS, MAX_SNOOZE_DAYS
from mutuals.services import contact_changes as changes
from mutuals.services import contacts as service
from mutuals.services import relationships as relationships_service
from mutuals.services import undo_delete as undo
from mutuals.web.deps import ContactId, WorkspaceDep
from mutuals.web.flash import local_target, redirect
from mutuals.web.forms import field_errors, split_lines, split_list
from mutuals.web.templating import templates

router = APIRouter(prefix="/contacts", include_in_schema=False)

CONTACT_CLUES = (("email", "emails"), ("linkedin", "linkedin_url"), ("name", "name"))
Text = Annotated[str, Form(max_length=300)]
Lines = Annotated[str, Form(max_length=20000)]
Next = Annotated[str, Form(max_length=500)]


def _get(ws: WorkspaceDep, contact_id: int) -> dict[str, Any]:
    try:
        return service.get_contact(ws, contact_id)
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


def typed_contact(
    *,
    name: str,
    company: str,
    position: str,
    headline: str,
    location: str,
    emails: str,
    phones: str,
    tags: str,
    linkedin_url: str,
    offers: str,
    needs: str,
    interests: str,
    goals: str,
    notes: str,
) -> dict[str, Any]:
    """The contact form's fields as the services take them."""
    return {
        "name": name,
        "company": company,
        "position": position,
        "headline": headline,
        "location": location,
        "emails": split_list(emails),
        "phones": split_list(phones),
        "tags": split_list(tags),
        "linkedin_url": linkedin_url,
        "offers": split_lines(offers),
        "needs": split_lines(needs),
        "interests": split_lines(interests),
        "goals": split_lines(goals),
        "notes": notes,
    }


BLANK = typed_contact(
    name="",
    company="",
    position="",
    headline="",
    location="",
    emails="",
    phones="",
    tags="",
    linkedin_url="",
    offers="",
    needs="",
    interests="",
    goals="",
    notes="",
)


@router.get("/new", response_class=HTMLResponse)
def new_form(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "contacts/new.html", {"c": BLANK, "errors": {}, "matches": []}
    )


@router.post("/new", response_model=None)
def new_submit(
    request: Request,
    ws: WorkspaceDep,
    name: Annotated[str, Form(max_length=400)] = "",
    company: Text = "",
    position: Text = "",
    headline: Annotated[str, Form(max_length=500)] = "",
    location: Text = "",
    emails: Annotated[str, Form(max_length=2000)] = "",
    phones: Annotated[str, Form(max_length=2000)] = "",
    tags: Annotated[str, Form(max_length=2000)] = "",
    linkedin_url: Annotated[str, Form(max_length=500)] = "",
    offers: Lines = "",
    needs: Lines = "",
    interests: Lines = "",
    goals: Lines = "",
    notes: Lines = "",
    force: Annotated[str, Form(max_length=5)] = "",
    update: Annotated[int | None, Form(ge=1)] = None,
) -> Response:
    typed = typed_contact(
        name=name,
        company=company,
        position=position,
        headline=headline,
        location=location,
        emails=emails,
        phones=phones,
        tags=tags,
        linkedin_url=linkedin_url,
        offers=offers,
        needs=needs,
        interests=interests,
        goals=goals,
        notes=notes,
    )

    def again(errors: dict[str, str], matches: list[dict[str, Any]]) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            "contacts/new.html",
            {"c": typed, "errors": errors, "matches": matches},
            status_code=400 if errors else 200,
        )

    if not name.strip():
        return again({"name": "Give the contact a name."}, [])
    try:
        service.check_emails(typed["emails"])
        service.normalise_url(linkedin_url)
        if update is not None:
            _get(ws, update)
            # Everything typed goes to the contact updated instead, not only who they are.
            fields = {k: v for k, v in typed.items() if k != "name"}
            done = changes.update_from(ws, update, name=name, **fields)
            return redirect(request, f"/contacts/{done['id']}", f"Updated {done['name']}.")
        if not force:
            matches = changes.find_matches(
                ws,
                name=name,
                emails=typed["emails"],
                linkedin_url=linkedin_url,
                company=company,
            )
            if matches:
                return again({}, matches)
        added = service.add_contact(ws, **typed)
    except ValueError as exc:
        return again(field_errors(str(exc), CONTACT_CLUES, "name"), [])
    return redirect(request, f"/contacts/{added['id']}", f"Added {added['name']}.")


@router.get("/{contact_id}/delete", response_class=HTMLResponse)
def delete_form(request: Request, ws: WorkspaceDep, contact_id: ContactId) -> HTMLResponse:
    minutes = int(undo.UNDO_FOR.total_seconds() // 60)
    return templates.TemplateResponse(
        request, "contacts/delete.html", {"c": _get(ws, contact_id), "undo_minutes": minutes}
    )


@router.post("/{contact_id}/delete", response_model=None)
def delete_submit(request: Request, ws: WorkspaceDep, contact_id: ContactId) -> Response:
    _get(ws, contact_id)
    gone = undo.delete_with_undo(ws, contact_id)
    return redirect(
        request,
        "/contacts",
        f"Deleted {gone['name']} and {gone['interactions_deleted']} interactions with them alone.",
        undo=f"/contacts/undo/{gone['undo']}",
    )


@router.post("/undo/{token}", response_model=None)
def undo_submit(
    request: Request,
    ws: WorkspaceDep,
    token: Annotated[str, PathParam(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
) -> Response:
    try:
        back = undo.undo_delete(ws, token)
    except (undo.UndoExpired, ValueError) as exc:
        return redirect(request, "/contacts", str(exc))
    return redirect(
        request,
        f"/contacts/{back['id']}",
        f"Restored {back['name']} with {back['interactions_restored']} interactions.",
    )


def _merge_page(
    request: Request,
    ws: WorkspaceDep,
    contact: dict[str, Any],
    *,
    q: str = "",
    other_id: str = "",
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    candidates = [
        m
        for m in changes.find_matches(
            ws, name=contact["name"], emails=contact["emails"], company=contact["company"]
        )
        if m["id"] != contact["id"]
    ]
    if q:
        seen = {m["id"] for m in candidates}
        found = service.list_contacts(ws, search=q, limit=20)
        candidates += [
            {**m, "reason": ""} for m in found if m["id"] != contact["id"] and m["id"] not in seen
        ]
    return templates.TemplateResponse(
        request,
        "contacts/merge.html",
        {"c": contact, "candidates": candidates, "q": q, "other_id": other_id, "errors": errors},
        status_code=400 if errors else 200,
    )


@router.get("/{contact_id}/merge", response_class=HTMLResponse)
def merge_form(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    return _merge_page(request, ws, _get(ws, contact_id), q=q)


@router.post("/{contact_id}/merge", response_model=None)
def merge_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    other: Annotated[int | None, Form(ge=1)] = None,
    other_id: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    contact = _get(ws, contact_id)
    typed = other_id.strip().removeprefix("#")
    if typed and not (typed.isascii() and typed.isdigit()):
        errors = {"other_id": f"'{other_id}' is not a contact id; give a number such as 12."}
        return _merge_page(request, ws, contact, other_id=other_id, errors=errors)
    chosen = int(typed) if typed else other
    if chosen is None:
        errors = {"other_id": "Choose the contact to merge in, or give its id."}
        return _merge_page(request, ws, contact, errors=errors)
    try:
        merged = changes.merge_contacts(ws, f"#{contact_id}", f"#{chosen}")
    except (service.ContactNotFound, ValueError) as exc:
        return _merge_page(request, ws, contact, other_id=other_id, errors={"other_id": str(exc)})
    return redirect(
        request,
        f"/contacts/{contact_id}",
        f"Merged #{chosen} into {merged['name']}: {merged['interactions_moved']} interactions moved.",
    )


@router.post("/{contact_id}/cadence", response_model=None)
def cadence_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    every: Annotated[int | None, Form(ge=0, le=MAX_CADENCE_DAYS)] = None,
    next: Next = "",
) -> Response:
    contact = _get(ws, contact_id)
    target = local_target(next, f"/contacts/{contact_id}")
    # 0 or nothing clears the contact's own cadence, so its tags' cadences apply again.
    done = relationships_service.set_contact_cadence(ws, f"#{contact_id}", every=every or None)
    if done["every_days"]:
        message = f"Stay in touch with {contact['name']} every {done['every_days']} days."
    else:
        message = f"{contact['name']} has no cadence of their own now."
    return redirect(request, target, message)


@router.post("/{contact_id}/snooze", response_model=None)
def snooze_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    days: Annotated[int, Form(ge=0, le=MAX_SNOOZE_DAYS)] = 7,
    next: Next = "",
) -> Response:
    contact = _get(ws, contact_id)
    target = local_target(next, f"/contacts/{contact_id}")
    done = relationships_service.snooze(
        ws, f"#{contact_id}", days=days or None, today=ws.clock.today()
    )
    if done["snoozed_until"]:
        message = f"Snoozed {contact['name']} until {done['snoozed_until']}."
    else:
        message = f"{contact['name']} is no longer snoozed."
    return redirect(request, target, message)
