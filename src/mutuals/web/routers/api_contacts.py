"""The JSON API for contacts under /api/v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mutuals.domain.limits import CONTACT_LISTS, CONTACT_TEXT
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


# List items are capped in characters, and the lists in length, by the limits every store enforces.
Emails = list[Annotated[str, StringConstraints(max_length=CONTACT_LISTS["emails"].chars)]]
Phones = list[Annotated[str, StringConstraints(max_length=CONTACT_LISTS["phones"].chars)]]
Tags = list[Annotated[str, StringConstraints(max_length=CONTACT_LISTS["tags"].chars)]]
Phrases = list[Annotated[str, StringConstraints(max_length=CONTACT_LISTS["offers"].chars)]]
PHRASES = CONTACT_LISTS["offers"].items
# A full name is a first and a last name with a space between.
NAME_CHARS = CONTACT_TEXT["first_name"] + 1 + CONTACT_TEXT["last_name"]


class ContactIn(BaseModel):
    # An unknown field is a mistake to report (422 naming it), never something to drop silently.
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=NAME_CHARS)
    emails: Emails = Field(default_factory=list, max_length=CONTACT_LISTS["emails"].items)
    phones: Phones = Field(default_factory=list, max_length=CONTACT_LISTS["phones"].items)
    company: str = Field(default="", max_length=CONTACT_TEXT["company"])
    position: str = Field(default="", max_length=CONTACT_TEXT["position"])
    location: str = Field(default="", max_length=CONTACT_TEXT["location"])
    linkedin_url: str = Field(default="", max_length=CONTACT_TEXT["linkedin_url"])
    tags: Tags = Field(default_factory=list, max_length=CONTACT_LISTS["tags"].items)
    notes: str = Field(default="", max_length=CONTACT_TEXT["notes"])
    headline: str = Field(default="", max_length=CONTACT_TEXT["headline"])
    offers: Phrases = Field(default_factory=list, max_length=PHRASES)
    needs: Phrases = Field(default_factory=list, max_length=PHRASES)
    interests: Phrases = Field(default_factory=list, max_length=PHRASES)
    goals: Phrases = Field(default_factory=list, max_length=PHRASES)


class ContactPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=NAME_CHARS)
    emails: Emails | None = Field(default=None, max_length=CONTACT_LISTS["emails"].items)
    phones: Phones | None = Field(default=None, max_length=CONTACT_LISTS["phones"].items)
    company: str | None = Field(default=None, max_length=CONTACT_TEXT["company"])
    position: str | None = Field(default=None, max_length=CONTACT_TEXT["position"])
    location: str | None = Field(default=None, max_length=CONTACT_TEXT["location"])
    linkedin_url: str | None = Field(default=None, max_length=CONTACT_TEXT["linkedin_url"])
    tags: Tags | None = Field(default=None, max_length=CONTACT_LISTS["tags"].items)
    notes: str | None = Field(default=None, max_length=CONTACT_TEXT["notes"])
    headline: str | None = Field(default=None, max_length=CONTACT_TEXT["headline"])
    offers: Phrases | None = Field(default=None, max_length=PHRASES)
    needs: Phrases | None = Field(default=None, max_length=PHRASES)
    interests: Phrases | None = Field(default=None, max_length=PHRASES)
    goals: Phrases | None = Field(default=None, max_length=PHRASES)


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
