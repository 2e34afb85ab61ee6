"""The one database schema of planwatch. Split by subject; import models from here."""

from .changes import ObjectChange
from .org import Department, Membership, Region, Role
from .plan import Area, Indicator, Observation, Plan, Target
from .projects import Project, ProjectUpdate
from .reports import ReportText
from .tasks import ReportingRound, RoundStatus, Submission, SubmissionStatus, Task, TaskCoDepartment
from .warnings import WarningRecord, WarningRule

__all__ = [
    "Area",
    "Department",
    "Indicator",
    "Membership",
    "ObjectChange",
    "Observation",
    "Plan",
    "Project",
    "ProjectUpdate",
    "Region",
    "ReportText",
    "ReportingRound",
    "Role",
    "RoundStatus",
    "Submission",
    "SubmissionStatus",
    "Target",
    "Task",
    "TaskCoDepartment",
    "WarningRecord",
    "WarningRule",
]
