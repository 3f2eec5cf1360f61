"""LinkedIn messages.csv and Invitations.csv, read as interactions between the member and others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from mutuals.domain.contact import InteractionRecord
from mutuals.io.csv_text import header_key
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import RowBudget
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.result import InvalidRow, Item, check_interaction, rejected
from mutuals.io.source import TextFile

SOURCE = "linkedin"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
_SUMMARY_LIMIT = 200
_INVITATION_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %H:%M")

Columns = dict[str, tuple[int, str]]
Rows = Iterator[tuple[int, list[str]]]


@dataclass(slots=True)
class MemberFound:
    """The exporting member's profile URL, once a file has shown it ("" until then)."""

    url: str = ""


def find_header(rows: Rows, *, path: str, required: tuple[str, ...], expected: str) -> Columns:
    """Consume rows up to and including the header (the first row naming all ``required`` keys).

    Returns normalised column name -> (index, name as written). Exports put notes above the
    header, so it is searched for rather than assumed on line 1.
    """
    for _line, cells in rows:
        keys = [header_key(c) for c in cells]
        if all(k in keys for k in required):
            columns: Columns = {}
            for index, (key, cell) in enumerate(zip(keys, cells, strict=True)):
                columns.setdefault(key, (index, cell.strip().replace("\ufeff", "")))
            return columns
    raise ImportFailure(f"no header row found; expected the columns {expected}", path=path)


def _cell(cells: list[str], columns: Columns, key: str) -> str:
    index = columns.get(key, (-1, ""))[0]
    return cells[index].strip() if 0 <= index < len(cells) else ""


def column_name(columns: Columns, key: str) -> str:
    """The column ``key`` as the file spells it (``key`` itself when the file lacks it)."""
    return columns.get(key, (-1, key))[1]


def _profile_url(text: str) -> str:
    # Company pages and withdrawn accounts appear in messages; they name no person to match.
    try:
        return normalise_linkedin_url(text)
    except ValueError:
        return ""


def _url_list(text: str) -> list[str]:
    urls = (_profile_url(part) for part in text.replace(",", ";").split(";"))
    return [u for u in urls if u]


def _summary(*parts: str) -> str:
    text = " ".join(" ".join(p.split()) for p in parts if p.strip())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1] + "…"


@dataclass(slots=True)
class _Message:
    line: int
    conversation: str
    sender_name: str
    sender_url: str
    recipient_names: str
    recipient_urls: list[str]
    when: datetime
    summary: str
    folder: str


def parse_message_date(text: str, field: str = "DATE") -> datetime:
    """Read ``2024-03-12 10:15:32 UTC`` (or any ISO form) as an aware UTC datetime."""
    value = text.strip()
    value = value.removesuffix("UTC").removesuffix("GMT").strip()
    try:
        when = datetime.fromisoformat(value)
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise InvalidRow(f"not a date and time: {text!r}", field=field) from exc


def _message_rows(text: TextFile) -> tuple[Rows, Columns]:
    rows = text.rows()
    columns = find_header(rows, path=text.name, required=("from", "date"), expected=MESSAGES_HEADER)
    return rows, columns


def _message(cells: list[str], columns: Columns, line: int) -> _Message:
    return _Message(
        line=line,
        conversation=_cell(cells, columns, "conversation id"),
        sender_name=_cell(cells, columns, "from"),
        sender_url=_profile_url(_cell(cells, columns, "sender profile url")),
        recipient_names=_cell(cells, columns, "to"),
        recipient_urls=_url_list(_cell(cells, columns, "recipient profile urls")),
        when=parse_message_date(_cell(cells, columns, "date"), column_name(columns, "date")),
        summary=_summary(_cell(cells, columns, "subject"), _cell(cells, columns, "content")),
        folder=_cell(cells, columns, "folder").upper(),
    )


def iter_messages(
    text: TextFile,
    *,
    skip_invalid: bool = False,
    budget: RowBudget | None = None,
    member_url: str = "",
) -> Iterator[Item]:
    """The interactions of a messages.csv, "gave" when the member sent the message.

    The member is ``member_url`` when given; otherwise the sender of SENT-folder messages, or
    else the profile that takes part in the most conversations (a first pass over the file works
    that out, so the messages never need to be held in memory).
    """
    path = text.name
    budget = budget or RowBudget(text.limits)
    member = member_url or guess_member(_readable_messages(text))
    rows, columns = _message_rows(text)
    names = {
        "occurred_at": column_name(columns, "date"),
        "summary": column_name(columns, "content"),
    }
    for line, cells in rows:
        budget.take(path=path, line=line)
        try:
            m = _message(cells, columns, line)
            record = check_interaction(
                _interaction(m, member, path), limits=text.limits, columns=names
            )
        except InvalidRow as problem:
            yield rejected(problem, path=path, line=line, skip_invalid=skip_invalid)
            continue
        yield record


def _interaction(m: _Message, member: str, path: str) -> InteractionRecord:
    sent = bool(member) and m.sender_url == member
    if sent:
        urls = [u for u in m.recipient_urls if u != member]
        names = [n.strip() for n in m.recipient_names.split(",") if n.strip()]
    else:
        urls = [m.sender_url] if m.sender_url else []
        names = [m.sender_name] if m.sender_name else []
    return InteractionRecord(
        occurred_at=m.when,
        channel="linkedin",
        direction="gave" if sent else "received",
        summary=m.summary,
        source=SOURCE,
        counterpart_urls=urls,
        counterpart_names=names,
        source_line=m.line,
        source_path=path,
    )


def _readable_messages(text: TextFile) -> Iterator[_Message]:
    rows, columns = _message_rows(text)
    for line, cells in rows:
        try:
            yield _message(cells, columns, line)
        except InvalidRow:
            continue  # the second pass reports it


def guess_member(messages: Iterator[_Message] | list[_Message]) -> str:
    """Work out the exporting member's profile URL from their messages ("" when unknown)."""
    sent: Counter[str] = Counter()
    conversations: Counter[str] = Counter()
    per_conversation: dict[str, set[str]] = {}
    for m in messages:
        if m.folder == "SENT" and m.sender_url:
            sent[m.sender_url] += 1
        people = per_conversation.setdefault(m.conversation or f"line {m.line}", set())
        people.update(m.recipient_urls)
        if m.sender_url:
            people.add(m.sender_url)
    if sent:
        return _most_common(sent)
    for people in per_conversation.values():
        conversations.update(people)
    return _most_common(conversations) if conversations else ""


def _most_common(counts: Counter[str]) -> str:
    # Ties go to the alphabetically first URL so the guess never depends on row order.
    return min(counts, key=lambda url: (-counts[url], url))


def parse_invitation_time(text: str, field: str = "Sent At") -> datetime:
    """Read Invitations.csv's ``3/12/24, 10:15 AM`` (or ISO) as an aware UTC datetime."""
    value = " ".join(text.split()).upper()
    for fmt in _INVITATION_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        return parse_message_date(text, field)
    except InvalidRow:
        raise InvalidRow(
            f"not a date and time (like '3/12/24, 10:15 AM'): {text!r}", field=field
        ) from None


def iter_invitations(
    text: TextFile,
    *,
    skip_invalid: bool = False,
    budget: RowBudget | None = None,
    found: MemberFound | None = None,
) -> Iterator[Item]:
    """The interactions of an Invitations.csv; ``found`` learns the member's URL if it shows."""
    path = text.name
    budget = budget or RowBudget(text.limits)
    rows = text.rows()
    columns = find_header(
        rows, path=path, required=("from", "to", "direction"), expected=INVITATIONS_HEADER
    )
    names = {
        "occurred_at": column_name(columns, "sent at"),
        "summary": column_name(columns, "message"),
    }
    member: Counter[str] = Counter()
    for line, cells in rows:
        budget.take(path=path, line=line)
        try:
            direction = _cell(cells, columns, "direction").upper()
            if direction not in ("OUTGOING", "INCOMING"):
                raise InvalidRow(
                    f"expected OUTGOING or INCOMING, not {direction!r}",
                    field=column_name(columns, "direction"),
                )
            when = parse_invitation_time(
                _cell(cells, columns, "sent at"), column_name(columns, "sent at")
            )
            inviter = _profile_url(_cell(cells, columns, "inviterprofileurl"))
            invitee = _profile_url(_cell(cells, columns, "inviteeprofileurl"))
            outgoing = direction == "OUTGOING"
            own, other = (inviter, invitee) if outgoing else (invitee, inviter)
            name = _cell(cells, columns, "to" if outgoing else "from")
            record = check_interaction(
                InteractionRecord(
                    occurred_at=when,
                    channel="linkedin",
                    direction="gave" if outgoing else "received",
                    summary=_cell(cells, columns, "message"),
                    source=SOURCE,
                    counterpart_urls=[other] if other else [],
                    counterpart_names=[name] if name else [],
                    source_line=line,
                    source_path=path,
                ),
                limits=text.limits,
                columns=names,
            )
        except InvalidRow as problem:
            yield rejected(problem, path=path, line=line, skip_invalid=skip_invalid)
            continue
        if own:
            member[own] += 1
        yield record
    if found is not None and member:
        found.url = _most_common(member)
