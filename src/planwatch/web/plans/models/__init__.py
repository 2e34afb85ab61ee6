"""The one database schema of planwatch. Split by subject; import models from here."""

from .accounts import Account
from .adjustments import TargetAdjustment
from .changes import ObjectChange
from .evidence import Attachment, AttachmentKind, Comment
from .notifications import Notification, NotificationKind, ReminderLog
from .org import Department, Membership, Region, Role
from .plan import Area, Indicator, Observation, Plan, Target
from .projects import Project, ProjectUpdate, UpdateStatus
from .reports import ReportText
from .tasks import ReportingRound, RoundStatus, Submission, SubmissionStatus, Task, TaskCoDepartment
from .warnings import WarningRecord, WarningRule

__all__ = [
    "Account",
    "Area",
    "Attachment",
    "AttachmentKind",
    "Comment",
    "Department",
    "Indicator",
    "Membership",
    "Notification",
    "NotificationKind",
    "ObjectChange",
    "Observation",
    "Plan",
    "Project",
    "ProjectUpdate",
    "Region",
    "ReminderLog",
    "ReportText",
    "ReportingRound",
    "Role",
    "RoundStatus",
    "Submission",
    "SubmissionStatus",
    "Target",
    "TargetAdjustment",
    "Task",
    "TaskCoDepartment",
    "UpdateStatus",
    "WarningRecord",
    "WarningRule",
]
