"""Contact pages: list with search (sorted by name or strength), the contact page, the edit form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from mutuals.services import contacts as service
from mutuals.services.exports import export_payload
from mutuals.services.standing import strength_by_contact
from mutuals.web.deps import ContactId, WorkspaceDep
from mutuals.web.flash import redirect
from mutuals.web.forms import field_errors
from mutuals.web.routers.connecting import connecting_context
from mutuals.web.routers.contact_forms import CONTACT_CLUES, typed_contact
from mutuals.web.routers.relationships import DayQuery, as_of, relationship_context
from mutuals.web.templating import templates

router = APIRouter(prefix="/contacts", include_in_schema=False)

PAGE = 100
# Far past any real list, and small enough that the offset fits the database's integers.
MAX_PAGE = 1_000_000


@router.get("", response_class=HTMLResponse)
def contact_list(
    request: Request,
    ws: WorkspaceDep,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    sort: Annotated[str, Query(pattern="^(name|strength)$")] = "name",
    today: DayQuery = "",
) -> HTMLResponse:
    offset = (page - 1) * PAGE
    if sort == "strength":
        # Strength is computed, not stored: rank every match, then cut the page.
        found = service.list_contacts(ws, search=q or None, tag=tag or None)
        strength = strength_by_contact(ws, today=as_of(ws, today))
        for contact in found:
            contact["strength"], contact["band"] = strength.get(int(contact["id"]), (0.0, ""))
        found.sort(key=lambda c: (-c["strength"], c["name"].lower(), c["id"]))
        found = found[offset : offset + PAGE + 1]
    else:
        found = service.list_contacts(
            ws, search=q or None, tag=tag or None, limit=PAGE + 1, offset=offset
        )
    return templates.TemplateResponse(
        request,
        "contacts/list.html",
        {
            "contacts": found[:PAGE],
            "q": q,
            "tag": tag,
            "page": page,
            "sort": sort,
            "has_next": len(found) > PAGE,
            "tags": service.all_tags(ws)[:30],
            "total": service.count_contacts(ws),
        },
    )


# URL suffix -> (export format, media type). The JSON backup is whole-database, so it is CLI-only.
DOWNLOADS = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "vcf": ("vcard", "text/vcard; charset=utf-8"),
}


@router.get("/export.{fmt}")
def export(
    ws: WorkspaceDep,
    fmt: str,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """The contacts the list shows (searched and filtered the same way) as CSV or vCard."""
    if fmt not in DOWNLOADS:
        raise HTTPException(404, f"no export format '{fmt}' (try csv or vcf)")
    kind, media_type = DOWNLOADS[fmt]
    payload, _ = export_payload(ws, fmt=kind, search=q or None, tag=tag or None)
    return Response(
        payload,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="contacts.{fmt}"'},
    )


@router.get("/{contact_id}", response_class=HTMLResponse)
def contact_page(
    request: Request, ws: WorkspaceDep, contact_id: ContactId, today: DayQuery = ""
) -> HTMLResponse:
    day = as_of(ws, today)
    context = relationship_context(ws, contact_id, day)
    context.update(connecting_context(ws, contact_id, day))
    return templates.TemplateResponse(request, "contacts/show.html", context)


@router.get("/{contact_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, ws: WorkspaceDep, contact_id: ContactId) -> HTMLResponse:
    contact = _get(ws, contact_id)
    return templates.TemplateResponse(request, "contacts/edit.html", {"c": contact, "errors": {}})


@router.post("/{contact_id}/edit", response_model=None)
def edit_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    name: Annotated[str, Form(max_length=400)] = "",
    company: Annotated[str, Form(max_length=300)] = "",
    position: Annotated[str, Form(max_length=300)] = "",
    headline: Annotated[str, Form(max_length=500)] = "",
    location: Annotated[str, Form(max_length=300)] = "",
    emails: Annotated[str, Form(max_length=2000)] = "",
    phones: Annotated[str, Form(max_length=2000)] = "",
    tags: Annotated[str, Form(max_length=2000)] = "",
    linkedin_url: Annotated[str, Form(max_length=500)] = "",
    offers: Annotated[str, Form(max_length=20000)] = "",
    needs: Annotated[str, Form(max_length=20000)] = "",
    interests: Annotated[str, Form(max_length=20000)] = "",
    goals: Annotated[str, Form(max_length=20000)] = "",
    notes: Annotated[str, Form(max_length=20000)] = "",
) -> Response:
    contact = _get(ws, contact_id)
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
    try:
        if not name.strip():
            raise ValueError("a contact needs a name")
        service.edit_contact(ws, str(contact_id), **typed)
    except ValueError as exc:
        # Show the form again with what was typed, so one bad field costs no other edits.
        errors = field_errors(str(exc), CONTACT_CLUES, "name")
        return templates.TemplateResponse(
            request,
            "contacts/edit.html",
            {"c": {**contact, **typed}, "errors": errors},
            status_code=400,
        )
    return redirect(request, f"/contacts/{contact_id}", f"Saved {name.strip()}.")


def _get(ws: WorkspaceDep, contact_id: ContactId) -> dict[str, object]:
    try:
        return service.get_contact(ws, contact_id)
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
