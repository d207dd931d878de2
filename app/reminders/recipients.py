"""Who a reminder is written to, and who sees it in the application."""
from workflows import reminders as rules
from workflows.enums import Role

from ..auth.models import Membership, User
from ..extensions import db
from ..units.models import UnitContact


class People:
    """Who is who in the units a sweep writes to (loaded once per unit)."""

    def __init__(self):
        self._units = {}
        self._users = {}

    def _load(self, unit_id):
        if unit_id not in self._units:
            contacts = db.session.scalars(db.select(UnitContact.email).where(UnitContact.unit_id == unit_id)
                                          .order_by(UnitContact.id)).all()
            members = db.session.execute(
                db.select(User, Membership.role).join(Membership, Membership.user_id == User.id)
                .where(Membership.unit_id == unit_id, User.is_active_user.is_(True)).order_by(User.id)).all()
            by_role = {}
            for user, role in members:
                by_role.setdefault(role, []).append(user)
                self._users[user.email.lower()] = user
            self._units[unit_id] = (contacts, by_role)
        return self._units[unit_id]

    def addressees(self, deliverable, escalated):
        contacts, members = self._load(deliverable.assignment.unit_id)
        _, coordinators = self._load(deliverable.assignment.plan.coordinating_unit_id)
        emails = lambda users: [u.email for u in users]  # noqa: E731
        # Reviewers who chose the daily digest find overdue deliverables there, not in a copy of each notice.
        reviewers = [u for u in coordinators.get(Role.REVIEWER, []) if not u.wants_digest]
        return rules.addressees(escalated, contacts, emails(members.get(Role.STAFF, [])),
                                emails(members.get(Role.HEAD, [])), emails(reviewers))

    def users_among(self, addressees):
        return [self._users[a.lower()] for a in [*addressees.to, *addressees.cc] if a.lower() in self._users]

    def told(self, deliverable, addressees, escalated):
        """Who sees the reminder in the application: those it is mailed to, and, when it is
        escalated, the reviewers who get the digest instead of the copy."""
        users = self.users_among(addressees)
        if escalated:
            _, coordinators = self._load(deliverable.assignment.plan.coordinating_unit_id)
            users += [u for u in coordinators.get(Role.REVIEWER, []) if u.wants_digest]
        return users
