"""Connecting: the tie graph, mutual connections, warm-intro paths, people you may know, advice.

Pure: plain arrays and values in, plain values out; no database, file, socket or clock. A service
builds a ``TieGraph`` from ties (strengths in (0, 1]), then asks it:

- ``best_path(graph, me, target, max_hops=3)`` and ``best_paths(..., k=3)``: the strongest simple
  paths, scored by the product of tie strengths;
- ``mutual_connections(graph, a, b)``: the people both know, with both strengths;
- ``suggest(graph, me, name_of=..., interest=...)``: second-degree people by resource allocation
  and mutual interest, each with its reason;
- ``advise(target, connected=..., attempted_on=..., replied_on=..., today=..., best_via=...)`` and
  ``outreach_status(...)``: direct first, an introduction after the waiting period;
- ``resolve_people(records)``: the same person across shares, by LinkedIn URL, email, name+company.
"""

from mutuals.connecting.advice import (
    ADVICE,
    DEFAULT_WAIT_DAYS,
    OUTREACH_STATUSES,
    Advice,
    AdviceKind,
    Outreach,
    OutreachStatus,
    advise,
    describe_via,
    outreach_status,
)
from mutuals.connecting.graph import TieGraph
from mutuals.connecting.identity import (
    KEY_SEP,
    PersonRecord,
    name_company_key,
    person_key,
    resolve_keyed,
    resolve_people,
    split_person_key,
    url_key,
)
from mutuals.connecting.mutual import Mutual, mutual_connections
from mutuals.connecting.paths import DEFAULT_MAX_HOPS, Path, best_path, best_paths, path_strength
from mutuals.connecting.strength import MIN_TIE, tie_strength, tie_strengths
from mutuals.connecting.suggest import Interest, Suggestion, TwoHop, explain, suggest, two_hop

__all__ = [
    "ADVICE",
    "DEFAULT_MAX_HOPS",
    "DEFAULT_WAIT_DAYS",
    "KEY_SEP",
    "MIN_TIE",
    "OUTREACH_STATUSES",
    "Advice",
    "AdviceKind",
    "Interest",
    "Mutual",
    "Outreach",
    "OutreachStatus",
    "Path",
    "PersonRecord",
    "Suggestion",
    "TieGraph",
    "TwoHop",
    "advise",
    "best_path",
    "best_paths",
    "describe_via",
    "explain",
    "mutual_connections",
    "name_company_key",
    "outreach_status",
    "path_strength",
    "person_key",
    "resolve_keyed",
    "resolve_people",
    "split_person_key",
    "suggest",
    "tie_strength",
    "tie_strengths",
    "two_hop",
    "url_key",
]
