"""Every table, imported in one place so Alembic and the app see the same metadata."""
from .auth.models import LoginSession, Membership, User  # noqa: F401
from .documents.models import Deliverable, Document, DocumentVersion, TransitionLog, VersionAuthor  # noqa: F401
from .plans.models import Assignment, Indicator, IndicatorAssignment, Plan, PlanBudgetLine, PlanTarget  # noqa: F401
from .units.models import Unit, UnitContact  # noqa: F401
from .outbox.models import OutboxMessage  # noqa: F401
from .notifications.models import Notification  # noqa: F401
from .reminders.models import Reminder, ReminderPolicy  # noqa: F401
from .budget.models import BudgetItem, Programme  # noqa: F401
from .api.models import ApiToken  # noqa: F401
from .audit.models import AuditEntry  # noqa: F401
from .audit import capture  # noqa: F401  (the session events that write it, for every audited model)
