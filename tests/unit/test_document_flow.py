"""Every (state, trigger, role) of the document workflow, legal and illegal."""
import itertools
from dataclasses import dataclass

import pytest

from workflows import document_flow
from workflows.document_flow import Actor, IllegalTransition, NotAllowed, ReasonRequired, allowed_triggers, fire
from workflows.enums import DocState, Trigger

D, S, R, A = DocState.DRAFT, DocState.SUBMITTED, DocState.RETURNED, DocState.APPROVED
SUBMITTER_ID = 7

# The specification, written out by hand rather than derived from the code under test.
LEGAL = {
    (D, Trigger.SUBMIT): S,
    (R, Trigger.SUBMIT): S,  # resubmission after a return
    (S, Trigger.WITHDRAW): D,
    (S, Trigger.APPROVE): A,
    (S, Trigger.RETURN): R,
    (A, Trigger.REOPEN): D,
}
ACTORS = {
    "head_who_submitted": Actor(user_id=SUBMITTER_ID, is_head_of_owner=True),
    "another_head": Actor(user_id=8, is_head_of_owner=True),
    "staff": Actor(user_id=9),
    "reviewer": Actor(user_id=10, is_reviewer=True),
    # The coordinating unit's own sub-plan: one person may be its head and a reviewer.
    "reviewer_who_submitted": Actor(user_id=SUBMITTER_ID, is_head_of_owner=True, is_reviewer=True),
    "outsider": Actor(user_id=11),
}
WHO = {
    Trigger.SUBMIT: {"head_who_submitted", "another_head", "reviewer_who_submitted"},
    Trigger.WITHDRAW: {"head_who_submitted", "reviewer_who_submitted"},
    Trigger.APPROVE: {"reviewer"},
    Trigger.RETURN: {"reviewer"},
    Trigger.REOPEN: {"reviewer", "reviewer_who_submitted"},
}

HEADS = {"head_who_submitted", "another_head", "reviewer_who_submitted"}
REVIEWERS = {"reviewer", "reviewer_who_submitted"}
#: Whose role could ever make the move (in the right state): the others are refused, not
#: told that the document is in the wrong state.
ROLE_CAN = {Trigger.SUBMIT: HEADS, Trigger.WITHDRAW: HEADS, Trigger.APPROVE: REVIEWERS, Trigger.RETURN: REVIEWERS,
            Trigger.REOPEN: REVIEWERS}


@dataclass
class Doc:
    state: DocState
    submitted_by_id: int | None = SUBMITTER_ID


CASES = list(itertools.product(DocState, Trigger, ACTORS))


@pytest.mark.parametrize(("state", "trigger", "role"), CASES, ids=[f"{s.value}-{t.value}-{r}" for s, t, r in CASES])
def test_every_state_trigger_role(state, trigger, role):
    doc = Doc(state)
    dest = LEGAL.get((state, trigger))
    if dest is None and role not in ROLE_CAN[trigger]:
        with pytest.raises(NotAllowed):
            fire(doc, trigger, ACTORS[role], comment="Lý do")
        assert doc.state is state
    elif dest is None:
        with pytest.raises(IllegalTransition):
            fire(doc, trigger, ACTORS[role], comment="Lý do")
        assert doc.state is state
    elif role not in WHO[trigger]:
        with pytest.raises(NotAllowed):
            fire(doc, trigger, ACTORS[role], comment="Lý do")
        assert doc.state is state
    else:
        assert fire(doc, trigger, ACTORS[role], comment="Lý do") == (state, dest)
        assert doc.state is dest


@pytest.mark.parametrize(("state", "role"), list(itertools.product(DocState, ACTORS)))
def test_offered_moves_are_exactly_the_legal_ones(state, role):
    expected = {t for (s, t) in LEGAL if s is state and role in WHO[t]}
    assert set(allowed_triggers(Doc(state), ACTORS[role])) == expected


@pytest.mark.parametrize(("trigger", "state"), [(Trigger.RETURN, S), (Trigger.REOPEN, A)])
@pytest.mark.parametrize("comment", [None, "", "   \n "])
def test_return_and_reopen_need_a_reason(trigger, state, comment):
    doc = Doc(state)
    with pytest.raises(ReasonRequired):
        fire(doc, trigger, ACTORS["reviewer"], comment=comment)
    assert doc.state is state


def test_nobody_approves_what_they_submitted():
    doc = Doc(S)
    with pytest.raises(NotAllowed, match="submitted yourself"):
        fire(doc, Trigger.APPROVE, ACTORS["reviewer_who_submitted"])


def test_errors_carry_a_sentence_and_the_state():
    with pytest.raises(IllegalTransition) as info:
        fire(Doc(A), Trigger.SUBMIT, ACTORS["head_who_submitted"])
    assert info.value.params == {"state": A}
    assert "approved" in str(info.value)


def test_one_machine_serves_every_document():
    docs = [Doc(D) for _ in range(3)]
    for doc in docs:
        fire(doc, Trigger.SUBMIT, ACTORS["another_head"])
    assert all(doc.state is S for doc in docs)
    assert document_flow.MACHINE.models == []  # no document was attached to the machine


def test_the_workflow_imports_no_framework():
    import sys

    import workflows.deadlines  # noqa: F401
    import workflows.numbers  # noqa: F401
    import workflows.reminders  # noqa: F401
    import workflows.rows  # noqa: F401
    import workflows.text  # noqa: F401

    for module in ("workflows.document_flow", "workflows.deadlines", "workflows.numbers", "workflows.enums",
                   "workflows.reminders", "workflows.rows", "workflows.text"):
        source = open(sys.modules[module].__file__, encoding="utf-8").read()
        assert "flask" not in source.lower() and "sqlalchemy" not in source.lower(), module
