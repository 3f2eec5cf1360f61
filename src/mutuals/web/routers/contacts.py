"""Contact pages: list with search, the contact page, and the edit form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.services import contacts as service
from mutuals.services.exports import contact_record
from mutuals.store import contacts as store
from mutuals.web.deps import WorkspaceDep
from mutuals.web.templating import templates

router = APIRouter(prefix="/contacts", include_in_schema=False)

PAGE = 100


@router.get("", response_class=HTMLResponse)
def contact_list(
    request: Request,
    ws: WorkspaceDep,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    found = service.list_contacts(
        ws, search=q or None, tag=tag or None, limit=PAGE + 1, offset=(page - 1) * PAGE
    )
    return templates.TemplateResponse(
        request,
        "contacts/list.html",
        {
            "contacts": found[:PAGE],
            "q": q,
            "tag": tag,
            "page": page,
            "has_next": len(found) > PAGE,
            "tags": service.all_tags(ws)[:30],
        },
    )


@router.get("/export.{fmt}")
def export(ws: WorkspaceDep, fmt: str) -> Response:
    with ws.db.transaction() as session:
        records = [contact_record(c) for c in store.all_contacts(session, owner_id=ws.owner_id)]
    if fmt == "csv":
        from mutuals.io.contacts_csv import write_contacts_csv

        return Response(
            write_contacts_csv(records),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="contacts.csv"'},
        )
    if fmt == "vcf":
        from mutuals.io.vcard import write_vcards

        return Response(
            write_vcards(records),
            media_type="text/vcard; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="contacts.vcf"'},
        )
    raise HTTPException(404, f"no export format '{fmt}' (try csv or vcf)")


@router.get("/{contact_id}", response_class=HTMLResponse)
def contact_page(request: Request, ws: WorkspaceDep, contact_id: int) -> HTMLResponse:
    contact = _get(ws, contact_id)
    return templates.TemplateResponse(request, "contacts/show.html", {"c": contact})


@router.get("/{contact_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, ws: WorkspaceDep, contact_id: int) -> HTMLResponse:
    contact = _get(ws, contact_id)
    return templates.TemplateResponse(request, "contacts/edit.html", {"c": contact, "error": ""})


@router.post("/{contact_id}/edit", response_model=None)
def edit_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: int,
    name: Annotated[str, Form(max_length=400)],
    company: Annotated[str, Form(max_length=300)] = "",
    position: Annotated[str, Form(max_length=300)] = "",
    location: Annotated[str, Form(max_length=300)] = "",
    emails: Annotated[str, Form(max_length=2000)] = "",
    phones: Annotated[str, Form(max_length=2000)] = "",
    tags: Annotated[str, Form(max_length=2000)] = "",
    linkedin_url: Annotated[str, Form(max_length=500)] = "",
    notes: Annotated[str, Form(max_length=20000)] = "",
) -> Response:
    contact = _get(ws, contact_id)
    try:
        service.edit_contact(
            ws,
            str(contact_id),
            name=name,
            company=company,
            position=position,
            location=location,
            emails=_split(emails),
            phones=_split(phones),
            tags=_split(tags),
            linkedin_url=linkedin_url,
            notes=notes,
        )
    except ValueError as exc:
        return templates.TemplateResponse(
            request, "contacts/edit.html", {"c": contact, "error": str(exc)}, status_code=400
        )
    return RedirectResponse(f"/contacts/{contact_id}", status_code=303)


def _get(ws: WorkspaceDep, contact_id: int) -> dict[str, object]:
    try:
        return service.get_contact(ws, contact_id)
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
