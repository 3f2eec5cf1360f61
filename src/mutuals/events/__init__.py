"""Speed-networking rotations: who sits with whom, round by round, and re-planning live."""

from mutuals.domain.schedule import Schedule, ScheduleStats
from mutuals.events.designs import best_design
from mutuals.events.layout import table_sizes
from mutuals.events.planner import plan_rotation
from mutuals.events.replan import replan
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
