"""The core story, through HTTP: draft → submit → return → resubmit → approve → locked."""
import re

import pytest

from app.documents.models import TransitionLog
from tests.factories import login, submit_through_pages
from workflows.enums import DeliverableKind, DocState, Trigger

SUBPLAN = {"tasks": "Rà soát hộ nghèo; hỗ trợ sinh kế.", "responsible": "Phòng LĐTBXH", "timeline": "Quý I–IV",
           "notes": "", "households_start": "19.680", "poor_start": "851", "poor_reduction": "180",
           "households_end": "19.690", "poor_end": "671", "near_poor_start": "", "near_poor_reduction": "",
           "near_poor_end": ""}


def _post_edit(client, doc, submit=False, **overrides):
    """The edit page saved; with ``submit``, on through the summary page to "Submit"."""
    if submit:
        return submit_through_pages(client, doc, {**SUBPLAN, **overrides})
    return client.post(f"/documents/{doc.id}/edit", data={**SUBPLAN, "lock_version": doc.lock_version, **overrides})


def _submitted_for_review(client, world, doc):
    """The unit head submits the document; the reviewer is logged in next."""
    login(client, world.head)
    _post_edit(client, doc, submit=True)
    client.post("/logout")
    login(client, world.reviewer)


def _move(client, doc, trigger, comment="", lock_version=None):
    return client.post(f"/documents/{doc.id}/{trigger}",
                       data={"comment": comment, "lock_version": lock_version or doc.lock_version})


def test_the_whole_story(client, world, db):
    doc = world.document()
    login(client, world.head)
    assert _post_edit(client, doc, submit=True).status_code == 302
    assert doc.state is DocState.SUBMITTED
    assert doc.current_version.content["target"]["households_start"] == 19680

    client.post("/logout")
    login(client, world.reviewer)
    queue = client.get("/review/").get_data(as_text=True)
    assert world.district.name in queue
    assert _move(client, doc, "return", "Thiếu phân công trách nhiệm.").status_code == 302
    assert doc.state is DocState.RETURNED

    client.post("/logout")
    login(client, world.head)
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "Thiếu phân công trách nhiệm." in page
    assert _post_edit(client, doc, submit=True, responsible="Phòng LĐTBXH, các xã").status_code == 302
    assert doc.state is DocState.SUBMITTED

    client.post("/logout")
    login(client, world.reviewer)
    assert _move(client, doc, "approve").status_code == 302
    assert doc.state is DocState.APPROVED and doc.approved_by_id == world.reviewer.id

    client.post("/logout")
    login(client, world.head)
    assert client.get(f"/documents/{doc.id}/edit").status_code == 302  # sent back to the read-only page
    response = _post_edit(client, doc, tasks="Sửa sau khi duyệt")
    assert response.status_code == 403
    assert doc.current_version.content["tasks"] == SUBPLAN["tasks"]
    log = db.session.scalars(db.select(TransitionLog).where(TransitionLog.document_id == doc.id)
                             .order_by(TransitionLog.id)).all()
    assert [(e.trigger, e.from_state, e.to_state) for e in log] == [
        (Trigger.SUBMIT, DocState.DRAFT, DocState.SUBMITTED),
        (Trigger.RETURN, DocState.SUBMITTED, DocState.RETURNED),
        (Trigger.SUBMIT, DocState.RETURNED, DocState.SUBMITTED),
        (Trigger.APPROVE, DocState.SUBMITTED, DocState.APPROVED),
    ]
    assert log[1].comment == "Thiếu phân công trách nhiệm." and log[1].actor_id == world.reviewer.id


def test_staff_drafts_but_only_the_head_submits(client, world):
    doc = world.document()
    login(client, world.staff)
    page = client.get(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert 'name="submit"' not in page
    assert _post_edit(client, doc).status_code == 302
    assert _move(client, doc, "submit").status_code == 403
    assert doc.state is DocState.DRAFT


def test_returning_without_a_reason_is_refused_and_keeps_the_state(client, world):
    doc = world.document()
    _submitted_for_review(client, world, doc)
    response = _move(client, doc, "return", "   ")
    assert response.status_code == 422
    assert doc.state is DocState.SUBMITTED


def test_withdraw_before_review(client, world):
    doc = world.document()
    login(client, world.head)
    _post_edit(client, doc, submit=True)
    assert _move(client, doc, "withdraw").status_code == 302
    assert doc.state is DocState.DRAFT


def test_submitting_an_empty_document_names_the_missing_fields(client, world):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    response = _move(client, doc, "submit")
    assert response.status_code == 422
    assert doc.state is DocState.DRAFT


def test_bad_numbers_keep_what_was_typed(client, world):
    doc = world.document()
    login(client, world.head)
    response = _post_edit(client, doc, poor_start="8,51", tasks="Nội dung đã gõ")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Nội dung đã gõ" in body and 'value="8,51"' in body
    assert doc.current_version.content == {}


def test_a_stale_edit_is_refused_and_loses_nothing(client, world):
    doc = world.document()
    login(client, world.head)
    old_lock = doc.lock_version
    _post_edit(client, doc, tasks="Bản của người thứ nhất")
    response = _post_edit(client, doc, tasks="Bản của người thứ hai", lock_version=old_lock)
    assert response.status_code == 409
    assert "Bản của người thứ hai" in response.get_data(as_text=True)
    assert doc.current_version.content["tasks"] == "Bản của người thứ nhất"


def test_a_stale_approval_is_refused(client, world):
    doc = world.document()
    login(client, world.head)
    _post_edit(client, doc, submit=True)
    seen = doc.lock_version
    _move(client, doc, "withdraw")
    _post_edit(client, doc, submit=True)
    client.post("/logout")
    login(client, world.reviewer)
    response = _move(client, doc, "approve", lock_version=seen)
    assert response.status_code == 409
    assert doc.state is DocState.SUBMITTED


def test_a_second_approval_is_a_conflict_not_a_crash(client, world):
    doc = world.document()
    _submitted_for_review(client, world, doc)
    lock = doc.lock_version
    assert _move(client, doc, "approve", lock_version=lock).status_code == 302
    assert _move(client, doc, "approve", lock_version=lock).status_code == 409


def test_reopening_starts_a_new_version_and_keeps_the_approved_one(client, world):
    doc = world.document()
    _submitted_for_review(client, world, doc)
    _move(client, doc, "approve")
    assert _move(client, doc, "reopen", "").status_code == 422
    assert _move(client, doc, "reopen", "Công văn điều chỉnh chỉ tiêu số 12/SLĐTBXH").status_code == 302
    assert doc.state is DocState.DRAFT and doc.current_version_no == 2
    client.post("/logout")
    login(client, world.head)
    _post_edit(client, doc, poor_reduction="200", poor_end="651")
    first = client.get(f"/documents/{doc.id}/versions/1").get_data(as_text=True)
    assert re.search(r">\s*180\s*<", first) and not re.search(r">\s*200\s*<", first)
    assert doc.versions[0].approved_at is not None and doc.versions[0].content["target"]["poor_reduction"] == 180


def test_who_may_see_what(client, world):
    doc = world.document()
    other = world.document(assignment=next(a for a in world.plan.assignments if a.id != world.assignment.id))
    login(client, world.head)
    assert client.get(f"/documents/{doc.id}").status_code == 200
    assert client.get(f"/documents/{other.id}").status_code == 403
    assert client.get("/documents/999999").status_code == 404
    assert client.get("/plans/999999").status_code == 404
    assert client.get(f"/plans/{world.plan.id}/edit").status_code == 403
    client.post("/logout")
    login(client, world.outsider)
    assert client.get(f"/documents/{doc.id}").status_code == 403
    assert client.get(f"/plans/{world.plan.id}").status_code == 403
    client.post("/logout")
    login(client, world.observer)
    assert client.get(f"/documents/{other.id}").status_code == 200
    assert client.post(f"/documents/{doc.id}/submit", data={"lock_version": doc.lock_version}).status_code == 403


def test_pages_need_a_login(client, world):
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]



@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_history_cannot_be_rewritten(client, world, db, change):
    doc = world.document()
    login(client, world.head)
    _post_edit(client, doc, submit=True)
    entry = db.session.scalars(db.select(TransitionLog).where(TransitionLog.document_id == doc.id)).one()
    if change == "update":
        entry.comment = "sửa lịch sử"
    else:
        db.session.delete(entry)
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()


def test_an_edit_sent_after_the_submission_is_told_and_keeps_what_was_typed(client, world):
    doc = world.document()
    login(client, world.head)
    opened_at = doc.lock_version
    assert _post_edit(client, doc, submit=True).status_code == 302  # submitted (another tab, a colleague...)
    response = client.post(f"/documents/{doc.id}/edit", data={**SUBPLAN, "lock_version": opened_at,
                                                               "tasks": "Những gì tôi vừa gõ"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Những gì tôi vừa gõ" in page
    assert "Văn bản đã được người khác thay đổi sau khi bạn mở" in page
    assert doc.current_version.content["tasks"] == SUBPLAN["tasks"]
