"""Speed-networking rotations: who sits with whom, round by round, and re-planning live."""

from typing import TYPE_CHECKING, Any

from mutuals.domain.schedule import Schedule, ScheduleStats
from mutuals.events.designs import best_design
from mutuals.events.layout import table_sizes
from mutuals.events.planner import plan_rotation
from mutuals.events.replan import replan

if TYPE_CHECKING:
    from mutuals.events.weights import PairWeights

__all__ = [
    "PairWeights",
    "Schedule",
    "ScheduleStats",
    "best_design",
    "plan_rotation",
    "replan",
    "table_sizes",
]


def __getattr__(name: str) -> Any:
    # Weights load NumPy and SciPy, which a plan without weights does not need.
    if name == "PairWeights":
        from mutuals.events.weights import PairWeights

        return PairWeights
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
