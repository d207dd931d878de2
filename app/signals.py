"""What happened, announced: operations send these, each domain's ``notifications.py``
decides who is told what (mail queued, bell items) in the same transaction.

Blinker signals, as Flask's own. The sender is the object the event is about; the rest
travels as keyword arguments. A subscriber that fails makes the operation fail: what
must be told is part of what was done.
"""
from blinker import Namespace

_signals = Namespace()

#: A document moved. Sender: the Document; ``entry`` (its TransitionLog row), ``actor``.
document_submitted = _signals.signal("document-submitted")
document_returned = _signals.signal("document-returned")
document_approved = _signals.signal("document-approved")
document_reopened = _signals.signal("document-reopened")
document_withdrawn = _signals.signal("document-withdrawn")

#: A reminder came due and was recorded to be sent. Sender: the Deliverable; ``reminder``
#: (the ledger row), ``addressees`` (to/cc), ``told`` (users who see it in the bell), ``at``.
reminder_due = _signals.signal("reminder-due")

#: An account was created and needs its set-password link. Sender: the User; ``actor``.
account_created = _signals.signal("account-created")
#: An administrator reset a password. Sender: the User; ``actor``.
password_reset = _signals.signal("password-reset")
