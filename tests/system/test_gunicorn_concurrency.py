"""No lost update, no double transition: the app under gunicorn with several workers on
PostgreSQL, many conflicting requests at once, then the database is read back.

Every race here has one winner: two reviewers approving the same submission, a head's
edit racing their own submission, several saves of the same version. The losers get
409 with a JSON error, and afterwards every document's history is a legal path through
the workflow and its versions are numbered without gap or repeat.
"""
import concurrent.futures
import json
import os
import urllib.error
import urllib.request

import pytest

from app.api.operations import create_token
from app.documents.models import Document, DocumentVersion, TransitionLog
from app.extensions import db
from tests.conftest import migrated_app, scratch_database
from tests.system import gunicorn
from tests.factories import World, unit, user
from workflows.document_flow import TRANSITIONS
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind

WORKERS = 4
DISTRICTS = 6

pytestmark = pytest.mark.skipif(os.environ.get("TEST_DATABASE", "sqlite") != "postgresql",
                                reason="several gunicorn workers need a server database: PostgreSQL")

#: (state, trigger) → the state it leads to, from the workflow's own table.
LEGAL = {(source, t["trigger"]): t["dest"]
         for t in TRANSITIONS for source in (t["source"] if isinstance(t["source"], list) else [t["source"]])}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with scratch_database(tmp_path_factory, "gunicorn") as url:
        app = migrated_app(url)
        with app.app_context():
            world = World(year=2028)
            heads, documents = {}, []
            for n in range(DISTRICTS):
                district = unit(f"Huyện Thử {n}", UnitKind.DISTRICT, parent=world.province)
                from app.plans import operations as plan_ops

                plan_ops.assign_units(world.admin, world.plan, [district], "Nhiệm vụ")
                head = user((Role.HEAD, district))
                assignment = next(a for a in world.plan.assignments if a.unit_id == district.id)
                for deliverable in assignment.deliverables:
                    if deliverable.kind in (DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL):
                        documents.append(deliverable.document.id)
                        heads[deliverable.document.id] = head
            tokens = {"reviewer": create_token(None, world.reviewer, "t")[1],
                      "reviewer2": create_token(None, world.reviewer2, "t")[1]}
            tokens.update({doc_id: create_token(None, head, "t")[1] for doc_id, head in heads.items()})
            db.session.commit()  # what the requests would have committed
        with gunicorn.served(url, WORKERS, ready_path="/api/v1/openapi.json") as (port, _server):
            try:
                yield {"base": f"http://127.0.0.1:{port}/api/v1", "app": app, "tokens": tokens,
                       "documents": documents}
            finally:
                with app.app_context():
                    db.engine.dispose()


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def race(calls):
    """Start every call at once (as near as threads allow); answers in order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda c: call(*c), calls))


REPORT = {"results": "Đã triển khai.", "figures": {"households_end": 1000, "poor_start": 100, "poor_escaped": 30,
                                                   "poor_new": 2, "poor_fell_back": 1, "poor_end": 73}}


def test_conflicting_requests_have_one_winner_and_the_history_stays_legal(served):
    base, tokens, documents = served["base"], served["tokens"], served["documents"]
    saves_won = approvals_won = edits_vs_submits = 0
    for round_no, doc_id in enumerate(documents):
        token = tokens[doc_id]
        lock = call(base, token, "GET", f"/documents/{doc_id}")[1]["lock_version"]
        # 1. Five saves of the same version at once: one wins, the others are told.
        answers = race([(base, token, "PUT", f"/documents/{doc_id}/content",
                         {"lock_version": lock, "content": {**REPORT, "results": f"Bản {n}"}}) for n in range(5)])
        codes = sorted(code for code, _ in answers)
        assert codes == [200, 409, 409, 409, 409], answers
        assert all(body["error"]["code"] == "conflict" for code, body in answers if code == 409)
        saves_won += 1
        lock = next(body for code, body in answers if code == 200)["lock_version"]
        # 2. An edit racing the submission, both on the same version: exactly one lands.
        answers = race([(base, token, "PUT", f"/documents/{doc_id}/content",
                         {"lock_version": lock, "content": {**REPORT, "results": "Sửa vào phút chót"}}),
                        (base, token, "POST", f"/documents/{doc_id}/transitions",
                         {"trigger": "submit", "lock_version": lock})])
        assert sorted(code for code, _ in answers) == [200, 409], answers
        edits_vs_submits += 1
        state = call(base, token, "GET", f"/documents/{doc_id}")[1]
        if state["state"] == "draft":  # the edit won: submit now
            code, body = call(base, token, "POST", f"/documents/{doc_id}/transitions",
                              {"trigger": "submit", "lock_version": state["lock_version"]})
            assert code == 200, body
            state = body["document"]
        # 3. Two reviewers decide the same submission at once (approve / approve or
        #    approve / return): one decision stands.
        second = ("approve", "") if round_no % 2 else ("return", "Bổ sung số liệu.")
        answers = race([(base, tokens["reviewer"], "POST", f"/documents/{doc_id}/transitions",
                         {"trigger": "approve", "lock_version": state["lock_version"]}),
                        (base, tokens["reviewer2"], "POST", f"/documents/{doc_id}/transitions",
                         {"trigger": second[0], "comment": second[1], "lock_version": state["lock_version"]})])
        assert sorted(code for code, _ in answers) == [200, 409], answers
        approvals_won += 1
    assert saves_won == edits_vs_submits == approvals_won == len(documents)
    check_the_database(served["app"], documents)


def check_the_database(app, documents):
    with app.app_context():
        for doc_id in documents:
            doc = db.session.get(Document, doc_id)
            log = db.session.scalars(db.select(TransitionLog).where(TransitionLog.document_id == doc_id)
                                     .order_by(TransitionLog.id)).all()
            state = DocState.DRAFT
            for entry in log:
                assert entry.from_state is state, (doc_id, [(e.trigger, e.from_state, e.to_state) for e in log])
                assert LEGAL[(state, entry.trigger)] is entry.to_state
                state = entry.to_state
            assert state is doc.state
            assert [e.trigger for e in log].count(Trigger.APPROVE) <= 1
            numbers = db.session.scalars(db.select(DocumentVersion.number).where(
                DocumentVersion.document_id == doc_id).order_by(DocumentVersion.number)).all()
            assert numbers == list(range(1, len(numbers) + 1)) and doc.current_version_no == numbers[-1]
            assert doc.state in (DocState.APPROVED, DocState.RETURNED)
        db.session.rollback()
