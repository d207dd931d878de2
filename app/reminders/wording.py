"""What a reminder mail says (subject and body, in the mail language)."""
from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import reminders as rules
from workflows.enums import DocState

from ..labels import deliverable_label
from ..outbox.compose import absolute_url, mail_context, render


def reminder_mail(deliverable, reminder):
    """(subject, text, html) of the mail for the ``reminder`` ledger row of ``deliverable``."""
    context = reminder_context(deliverable, reminder.key, reminder.nominal_on, reminder.send_on)
    text, html = render("reminder", **context)
    return context["subject"], text, html


def reminder_context(deliverable, key, nominal_on, send_on):
    """What the reminder templates need; ``subject`` included (in the mail language)."""
    kind, _offset = rules.parse_key(key)
    days = (deliverable.due_on - send_on).days  # counted from the day the mail goes out
    doc = deliverable.document
    with mail_context():
        what = str(deliverable_label(deliverable))
        due = deliverable.due_on.strftime("%d/%m/%Y")
        if kind == rules.OVERDUE:
            subject = ngettext("Overdue by %(num)d day: %(what)s (due %(due)s)",
                               "Overdue by %(num)d days: %(what)s (due %(due)s)", -days, what=what, due=due)
        elif days == 0:
            subject = _("Due today: %(what)s (due %(due)s)", what=what, due=due)
        else:
            subject = ngettext("Reminder: %(what)s due %(due)s (%(num)d day left)",
                               "Reminder: %(what)s due %(due)s (%(num)d days left)", days, what=what, due=due)
    return dict(subject=subject, deliverable=deliverable, plan=deliverable.assignment.plan,
                unit=deliverable.assignment.unit, what=what, days=days, overdue=kind == rules.OVERDUE,
                returned=doc.state is DocState.RETURNED, escalated=kind == rules.OVERDUE,
                link=absolute_url("documents.view", document_id=doc.id))
