"""The JSON API for contacts under /api/v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from mutuals.services import contact_changes as changes
from mutuals.services import contacts as service
from mutuals.web.deps import MAX_ID, ContactId, WorkspaceDep

router = APIRouter(prefix="/api/v1/contacts", tags=["contacts"])


class ContactOut(BaseModel):
    id: int
    name: str
    first_name: str
    last_name: str
    emails: list[str]
    phones: list[str]
    company: str
    position: str
    location: str
    linkedin_url: str
    tags: list[str]
    notes: str
    source: str
    connected_on: date | None
    headline: str
    interests: list[str]
    offers: list[str]
    needs: list[str]
    goals: list[str]


Phrases = list[Annotated[str, Field(max_length=500)]]


class ContactIn(BaseModel):
    # An unknown field is a mistake to report (422 naming it), never something to drop silently.
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=400)
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    company: str = Field(default="", max_length=300)
    position: str = Field(default="", max_length=300)
    location: str = Field(default="", max_length=300)
    linkedin_url: str = Field(default="", max_length=500)
    tags: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=20000)
    headline: str = Field(default="", max_length=500)
    offers: Phrases = Field(default_factory=list)
    needs: Phrases = Field(default_factory=list)
    interests: Phrases = Field(default_factory=list)
    goals: Phrases = Field(default_factory=list)


class ContactPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=400)
    emails: list[str] | None = None
    phones: list[str] | None = None
    company: str | None = Field(default=None, max_length=300)
    position: str | None = Field(default=None, max_length=300)
    location: str | None = Field(default=None, max_length=300)
    linkedin_url: str | None = Field(default=None, max_length=500)
    tags: list[str] | None = None
    notes: str | None = Field(default=None, max_length=20000)
    headline: str | None = Field(default=None, max_length=500)
    offers: Phrases | None = None
    needs: Phrases | None = None
    interests: Phrases | None = None
    goals: Phrases | None = None


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    other: int = Field(ge=1, le=MAX_ID, description="The contact merged in and then deleted")


class MergeOut(ContactOut):
    merged_from: int
    interactions_moved: int


class ErrorOut(BaseModel):
    """A refusal the client can show as is: what was wrong, in words."""

    detail: str


# 400: a body that is not JSON, or a value the service refuses (such as a LinkedIn URL that is not
# a profile); 422 stays FastAPI's field-by-field validation report.
BAD_REQUEST: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}}
# Any call may be refused for a missing, wrong or revoked token once the server has accounts.
router.responses = {401: {"model": ErrorOut, "description": "No valid bearer token"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


@router.get("", response_model=list[ContactOut])
def list_contacts(
    ws: WorkspaceDep,
    q: Annotated[str | None, Query(max_length=200, description="Search words")] = None,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[dict[str, Any]]:
    """The owner's contacts, searched and filtered by tag."""
    return service.list_contacts(ws, search=q, tag=tag, limit=limit, offset=offset)


@router.get("/{contact_id}", response_model=ContactOut, responses=NOT_FOUND)
def get_contact(ws: WorkspaceDep, contact_id: ContactId) -> dict[str, Any]:
    """One contact."""
    try:
        return service.get_contact(ws, contact_id)
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("", response_model=ContactOut, status_code=201, responses=BAD_REQUEST)
def create_contact(ws: WorkspaceDep, body: ContactIn) -> dict[str, Any]:
    """Add a contact."""
    try:
        return service.add_contact(ws, **body.model_dump())
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.patch("/{contact_id}", response_model=ContactOut, responses={**BAD_REQUEST, **NOT_FOUND})
def update_contact(ws: WorkspaceDep, contact_id: ContactId, body: ContactPatch) -> dict[str, Any]:
    """Change some fields of a contact."""
    try:
        return service.edit_contact(ws, f"#{contact_id}", **body.model_dump(exclude_unset=True))
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.delete("/{contact_id}", status_code=204, response_class=Response, responses=NOT_FOUND)
def delete_contact(ws: WorkspaceDep, contact_id: ContactId) -> Response:
    """Delete a contact, with the interactions that were with them alone."""
    try:
        changes.delete_contact(ws, f"#{contact_id}")
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return Response(status_code=204)


@router.post("/{contact_id}/merge", response_model=MergeOut, responses={**BAD_REQUEST, **NOT_FOUND})
def merge_contact(ws: WorkspaceDep, contact_id: ContactId, body: MergeIn) -> dict[str, Any]:
    """Merge contact ``other`` into this one, keeping every interaction, and delete ``other``."""
    try:
        return changes.merge_contacts(ws, f"#{contact_id}", f"#{body.other}")
    except service.ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
