"""The audit log: who changed what, when, from what to what, for everything but documents
(whose moves have their own history, ``TransitionLog``).

Nothing in the operations writes it: ``capture`` listens to the session and records every
row of an audited model (``registry``) as it is inserted, updated or deleted, with the
person acting (``actor``). The database refuses to change or delete an entry once written.
"""
