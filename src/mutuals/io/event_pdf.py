"""Printable PDFs for the door and the tables (ReportLab): table sheets per round, a personal
itinerary per attendee, name badges with the phone-page QR code, and paper pick cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Final

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm as _mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

WHAT: Final = ("sheets", "itineraries", "badges", "cards")
PAGE_W: Final[float] = float(A4[0])
PAGE_H: Final[float] = float(A4[1])
mm: Final[float] = float(_mm)
MARGIN: Final = 15 * mm
# DejaVu covers Latin, Greek and Cyrillic names; without it the built-in Helvetica (Latin only).
_FONT_DIRS: Final = (Path("/usr/share/fonts/truetype/dejavu"),)


@dataclass(frozen=True, slots=True)
class Person:
    """One attendee on paper: their rounds as (round, table, names at the table but them)."""

    id: int
    name: str
    company: str = ""
    headline: str = ""
    link: str = ""
    rounds: list[tuple[int, int | None, list[str]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Printout:
    """What every printout needs: the event and its plan in names."""

    event: str
    when: str
    place: str
    rounds: list[list[list[str]]]
    people: list[Person]


def _fonts() -> tuple[str, str]:
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def _fit(c: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width``."""
    if c.stringWidth(text, font, size) <= width:
        return text
    while text and c.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _header(c: Canvas, out: Printout, title: str, bold: str, regular: str) -> float:
    top: float = PAGE_H - MARGIN
    c.setFont(bold, 16)
    c.drawString(MARGIN, top - 6 * mm, _fit(c, title, bold, 16, PAGE_W - 2 * MARGIN))
    c.setFont(regular, 9)
    c.drawString(MARGIN, top - 12 * mm, f"{out.event} · {out.when} · {out.place}")
    return top - 22 * mm


def sheets(c: Canvas, out: Printout, regular: str, bold: str) -> None:
    """One page (or more) per round: every table with the people who sit at it."""
    for number, tables in enumerate(out.rounds, start=1):
        y = _header(c, out, f"Round {number}: who sits where", bold, regular)
        for t, names in enumerate(tables, start=1):
            if y < MARGIN + 10 * mm:
                c.showPage()
                y = _header(c, out, f"Round {number} (continued)", bold, regular)
            c.setFont(bold, 12)
            c.drawString(MARGIN, y, f"Table {t}")
            c.setFont(regular, 12)
            text = _fit(c, ", ".join(names), regular, 12, PAGE_W - 2 * MARGIN - 25 * mm)
            c.drawString(MARGIN + 25 * mm, y, text)
            y -= 8 * mm
        c.showPage()


def itineraries(c: Canvas, out: Printout, regular: str, bold: str) -> None:
    """A block per attendee: round, table and whom they meet, cut out and handed over."""
    y = _header(c, out, "Itineraries", bold, regular)
    for person in out.people:
        need = (len(person.rounds) + 2) * 6 * mm
        if y - need < MARGIN:
            c.showPage()
            y = _header(c, out, "Itineraries (continued)", bold, regular)
        c.setFont(bold, 12)
        c.drawString(MARGIN, y, _fit(c, person.name, bold, 12, PAGE_W - 2 * MARGIN))
        y -= 6 * mm
        c.setFont(regular, 10)
        for number, table, names in person.rounds:
            where = f"Table {table}" if table is not None else "Sitting out"
            line = f"Round {number} · {where}" + (f" · with {', '.join(names)}" if names else "")
            c.drawString(MARGIN + 4 * mm, y, _fit(c, line, regular, 10, PAGE_W - 2 * MARGIN))
            y -= 6 * mm
        c.setDash(2, 2)
        c.line(MARGIN, y + 2 * mm, PAGE_W - MARGIN, y + 2 * mm)
        c.setDash()
        y -= 6 * mm
    c.showPage()


def _qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    import segno

    code = segno.make(data, error="m")
    matrix = code.matrix
    cell = size / (len(matrix) + 8)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + (col + 4) * cell, y + size - (r + 5) * cell, cell, cell, 0, 1)


def badges(c: Canvas, out: Printout, regular: str, bold: str) -> None:
    """Eight name badges an A4 page; with a link, its QR code opens the phone page."""
    width, height = (PAGE_W - 2 * MARGIN) / 2, (PAGE_H - 2 * MARGIN) / 4
    for index, person in enumerate(out.people):
        slot = index % 8
        if index and slot == 0:
            c.showPage()
        x = MARGIN + (slot % 2) * width
        y = PAGE_H - MARGIN - (slot // 2 + 1) * height
        c.setDash(1, 3)
        c.rect(x, y, width, height)
        c.setDash()
        text_width = width - (30 * mm if person.link else 8 * mm)
        c.setFont(bold, 18)
        c.drawString(x + 4 * mm, y + height - 14 * mm, _fit(c, person.name, bold, 18, text_width))
        c.setFont(regular, 11)
        c.drawString(
            x + 4 * mm, y + height - 21 * mm, _fit(c, person.company, regular, 11, text_width)
        )
        c.setFont(regular, 8)
        c.drawString(x + 4 * mm, y + 6 * mm, _fit(c, out.event, regular, 8, text_width))
        if person.link:
            _qr(c, person.link, x + width - 28 * mm, y + 4 * mm, 25 * mm)
    c.showPage()


def cards(c: Canvas, out: Printout, regular: str, bold: str) -> None:
    """A pick card per attendee: whom they met, with a box to tick for each."""
    for person in out.people:
        y = _header(c, out, f"Pick card: {person.name}", bold, regular)
        c.setFont(regular, 10)
        c.drawString(
            MARGIN,
            y,
            "Tick whom you want to follow up with. Contact details are exchanged only when "
            "you both tick.",
        )
        y -= 10 * mm
        met: list[str] = []
        for _, _, names in person.rounds:
            met.extend(n for n in names if n not in met)
        c.setFont(regular, 12)
        for name in met:
            c.rect(MARGIN, y - 1 * mm, 5 * mm, 5 * mm)
            c.drawString(MARGIN + 9 * mm, y, _fit(c, name, regular, 12, PAGE_W - 2 * MARGIN))
            y -= 9 * mm
            if y < MARGIN:
                c.showPage()
                y = _header(c, out, f"Pick card: {person.name} (continued)", bold, regular)
                c.setFont(regular, 12)
        c.showPage()


_LAYOUTS: Final[dict[str, Callable[[Canvas, Printout, str, str], None]]] = {
    "sheets": sheets,
    "itineraries": itineraries,
    "badges": badges,
    "cards": cards,
}


def render(what: str, out: Printout) -> bytes:
    """The PDF of one printout kind (``sheets``, ``itineraries``, ``badges`` or ``cards``)."""
    if what not in _LAYOUTS:
        raise ValueError(f"--what must be one of {', '.join(WHAT)}")
    buffer = BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=True)
    c.setTitle(f"{out.event}: {what}")
    regular, bold = _fonts()
    _LAYOUTS[what](c, out, regular, bold)
    c.save()
    return buffer.getvalue()


def people_rounds(
    rounds: Sequence[Sequence[Sequence[int]]], me: int, names: dict[int, str]
) -> list[tuple[int, int | None, list[str]]]:
    """Round by round, where ``me`` sits and with whom (names)."""
    found: list[tuple[int, int | None, list[str]]] = []
    for number, tables in enumerate(rounds, start=1):
        for t, table in enumerate(tables, start=1):
            if me in table:
                found.append((number, t, [names[p] for p in table if p != me]))
                break
        else:
            found.append((number, None, []))
    return found
