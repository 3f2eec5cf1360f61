"""Direct first, then an introduction: what to do next about reaching a person, as of ``today``.

The rule: someone already connected is written to directly; anyone else is tried directly first,
and only when a direct attempt has gone unanswered for ``wait_days`` does the advice become asking
a mutual connection for an introduction along the strongest path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal, get_args

AdviceKind = Literal["connected", "direct", "intro"]
ADVICE: Final[tuple[AdviceKind, ...]] = get_args(AdviceKind)
OutreachStatus = Literal["waiting", "replied", "ask for an intro"]
OUTREACH_STATUSES: Final[tuple[OutreachStatus, ...]] = get_args(OutreachStatus)
DEFAULT_WAIT_DAYS: Final = 14


@dataclass(frozen=True, slots=True)
class Outreach:
    """Where a direct attempt stands: its status and how long it has waited (or waited for
    the reply, once replied)."""

    status: OutreachStatus
    days_waiting: int
    intro_from: date


@dataclass(frozen=True, slots=True)
class Advice:
    """The next step, ``advice``, with the reason in plain words."""

    advice: AdviceKind
    reason: str
    outreach: Outreach | None = None


def _check_wait(wait_days: int) -> None:
    if wait_days < 1:
        raise ValueError("the waiting period must be at least one day")


def outreach_status(
    attempted_on: date,
    *,
    replied_on: date | None,
    today: date,
    wait_days: int = DEFAULT_WAIT_DAYS,
) -> Outreach:
    """The status of a direct attempt made on ``attempted_on``.

    ``replied_on`` is the first day the person wrote back on or after the attempt, if they did.
    The attempt waits ``wait_days`` full days; from ``attempted_on + wait_days`` on, without a
    reply, it is time to ask for an introduction.
    """
    _check_wait(wait_days)
    intro_from = attempted_on + timedelta(days=wait_days)
    if replied_on is not None and replied_on >= attempted_on:
        return Outreach("replied", (replied_on - attempted_on).days, intro_from)
    waited = max(0, (today - attempted_on).days)
    status: OutreachStatus = "ask for an intro" if today >= intro_from else "waiting"
    return Outreach(status, waited, intro_from)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def describe_via(via: Sequence[str]) -> str:
    """ "Bo" or "Bo, then Cy": the people an introduction passes through."""
    return ", then ".join(via)


def advise(
    target: str,
    *,
    connected: bool,
    attempted_on: date | None,
    replied_on: date | None,
    today: date,
    best_via: Sequence[str] | None,
    wait_days: int = DEFAULT_WAIT_DAYS,
) -> Advice:
    """What to do next about ``target``.

    ``connected``: the target is already a connected contact. ``attempted_on``: the latest
    direct attempt, if any; ``replied_on``: the first reply to it. ``best_via``: the people
    between me and the target on the strongest path, or None when no path is known.
    """
    _check_wait(wait_days)
    if connected:
        return Advice("connected", f"{target} is already one of your connections: write directly.")
    if attempted_on is None:
        reason = f"Try {target} directly first"
        if best_via:
            reason += (
                f"; if there is no reply within {_plural(wait_days, 'day')}, "
                f"ask {best_via[0]} for an introduction"
            )
        return Advice("direct", reason + ".")
    outreach = outreach_status(
        attempted_on, replied_on=replied_on, today=today, wait_days=wait_days
    )
    since = attempted_on.isoformat()
    if outreach.status == "replied":
        assert replied_on is not None
        return Advice(
            "direct",
            f"{target} replied on {replied_on.isoformat()}: keep the conversation going directly.",
            outreach,
        )
    if outreach.status == "waiting":
        left = (outreach.intro_from - today).days
        return Advice(
            "direct",
            f"You reached out on {since}; give {target} {_plural(left, 'more day')} "
            "before asking for an introduction.",
            outreach,
        )
    waited = _plural(outreach.days_waiting, "day")
    if not best_via:
        return Advice(
            "direct",
            f"No reply in {waited} since {since}, and no mutual connection leads to {target}: "
            "try another channel.",
            outreach,
        )
    return Advice(
        "intro",
        f"No reply in {waited} since {since}: ask {best_via[0]} for an introduction "
        f"(via {describe_via(best_via)}).",
        outreach,
    )
