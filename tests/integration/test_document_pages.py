"""Issue 14, points 2–5 and 9: what a document must carry, editing a returned one,
deciding knowing what is decided, the reviewer's queue, the coordinating unit's head."""
import datetime as dt
import re

import pytest
import time_machine

from app.api.operations import create_token
from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.documents.models import TransitionLog
from app.extensions import db as _db
from app.outbox.models import OutboxMessage
from app.plans import operations as plan_ops
from tests.factories import login, ready, submit_through_pages, unit, user
from tests.htmlforms import form_with
from workflows.enums import DeliverableKind, DocState, MailKind, Role, Trigger, UnitKind


def _text(response):
    return response.get_data(as_text=True)


def _edit_form(client, doc):
    return form_with(_text(client.get(f"/documents/{doc.id}/edit")), "lock_version")["fields"]


@pytest.fixture
def health(world, db):
    """Sở Y tế, a department of the plan: tasks and budget, no households."""
    department = unit("Sở Y tế", UnitKind.DEPARTMENT, parent=world.province)
    plan_ops.assign_units(world.admin, world.plan, [department], "Bảo hiểm y tế cho hộ nghèo")
    head = user((Role.HEAD, department), name="Giám đốc Sở Y tế")
    assignment = next(a for a in world.plan.assignments if a.unit_id == department.id)
    return head, assignment


# --- 2. A report cannot be submitted empty --------------------------------------------------

def test_an_empty_district_report_is_refused_with_each_missing_count_at_its_field(world, client):
    doc = world.document(DeliverableKind.ANNUAL)
    login(client, world.head)
    page = _text(client.get(f"/documents/{doc.id}"))
    assert "Mọi phép kiểm tra đều đạt" not in page and "Cần nhập" in page
    response = client.post(f"/documents/{doc.id}/edit", data={"lock_version": doc.lock_version,
                                                              "results": "Đã triển khai.", "submit": "1"})
    assert response.status_code == 422 and doc.state is DocState.DRAFT
    body = _text(response)
    assert "Vui lòng nhập đầy đủ các mục bắt buộc" in body
    for name in ("poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end", "households_end"):
        field = re.search(rf'<div class="field [^"]*has-error[^"]*">\s*<label for="{name}"', body)
        assert field, name
    secret = create_token(None, world.head, "kịch bản")[1]
    refused = client.post(f"/api/v1/documents/{doc.id}/transitions", json={"trigger": "submit"},
                          headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 422 and "poor_end" in str(refused.json["error"]["fields"])


def test_zero_is_a_figure(world, client):
    doc = world.document(DeliverableKind.ANNUAL)
    doc_ops.save_content(doc, world.head, ready(doc, figures={**ready(doc)["figures"], "poor_new": 0,
                                                             "poor_fell_back": 0, "poor_end": 88}), None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    assert doc.state is DocState.SUBMITTED


def test_a_department_reports_tasks_and_budget_without_a_household_table(health, client, db):
    head, assignment = health
    doc = next(d for d in assignment.deliverables if d.kind is DeliverableKind.SUBPLAN).document
    login(client, head)
    page = _text(client.get(f"/documents/{doc.id}/edit"))
    assert 'id="figures"' not in page and "Các mục có dấu *" not in page
    assert "ít nhất một dòng" in page
    fields = _edit_form(client, doc)
    response = client.post(f"/documents/{doc.id}/edit", data={**fields, "tasks": "Cấp thẻ BHYT.", "submit": "1"})
    assert response.status_code == 422 and "Nhập nguồn vốn của ít nhất một dòng" in _text(response)
    line = next(name for name in fields if name.startswith("budget-") and name.endswith("-allocated-central_recurrent"))
    response = client.post(f"/documents/{doc.id}/edit", data={**_edit_form(client, doc), "tasks": "Cấp thẻ BHYT.",
                                                              line: "0", "submit": "1"})
    assert response.status_code == 302 and response.location.endswith(f"/documents/{doc.id}/submit")


# --- 3. Editing a returned document ---------------------------------------------------------

@pytest.fixture
def returned(world):
    doc = world.document(DeliverableKind.SIX_MONTH)
    with time_machine.travel(dt.datetime(2026, 6, 10, 9, tzinfo=VN_TZ), tick=False):  # on time
        doc_ops.save_content(doc, world.staff, ready(doc), None)
        doc_ops.transition(doc, world.head, Trigger.SUBMIT)
        doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Bổ sung số hộ tái nghèo theo kết quả rà soát.")
    return doc


def test_the_return_stands_at_the_top_of_the_edit_page(world, returned, client):
    login(client, world.head)
    page = _text(client.get(f"/documents/{returned.id}/edit"))
    reason = page.index("Bổ sung số hộ tái nghèo theo kết quả rà soát.")
    assert reason < page.index('name="results"')
    assert world.reviewer.full_name in page[:reason]


def _below_the_plan(world, **extra):
    """Krông Nô's sub-plan plans to reduce 150 poor households where the plan asks 180: a warning."""
    plan_ops.set_target(world.admin, world.plan, world.district, households_start=19680, poor_start=851,
                        poor_reduction=180, households_end=19690, poor_end=671)
    doc = world.document(DeliverableKind.SUBPLAN)
    target = {"households_start": 19680, "poor_start": 851, "poor_reduction": 150, "households_end": 19690,
              "poor_end": 701}
    doc_ops.save_content(doc, world.head, ready(doc, target=target, **extra), None)
    return doc


def test_a_warning_stands_next_to_its_field(world, client):
    doc = _below_the_plan(world)
    login(client, world.head)
    page = _text(client.get(f"/documents/{doc.id}/edit"))
    warning = page.index('name="ack-poor_reduction_below_plan:poor_reduction"')
    assert page.index('name="poor_reduction"') < warning < page.index('name="poor_end"')
    assert warning < page.index('id="budget"')


def test_text_over_its_limit_is_refused_whole_never_cut(world, client):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    page = _text(client.get(f"/documents/{doc.id}/edit"))
    assert "maxlength" not in page and "Tối đa 20.000 ký tự" in page
    pasted = "Nội dung rất dài. " * 6000  # 108.000 characters
    response = client.post(f"/documents/{doc.id}/edit", data={**_edit_form(client, doc), "results": pasted})
    body = _text(response)
    assert response.status_code == 422 and "Không có gì bị cắt bớt" in body
    assert pasted.strip() in body  # given back whole
    _db.session.refresh(doc.current_version)
    assert not (doc.current_version.content or {}).get("results")


def test_the_edit_page_loads_its_script_from_this_site_only(world, client):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    page = _text(client.get(f"/documents/{doc.id}/edit"))
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/js/document-form.js" defer>']
    assert "data-label-unsaved" in page
    assert client.get("/static/js/document-form.js").status_code == 200


# --- 4. Deciding knows what is decided ------------------------------------------------------

def test_a_summary_comes_before_the_submission(world, client):
    doc = _below_the_plan(world, acknowledged={
        "poor_reduction_below_plan:poor_reduction": "Hai xã mới sáp nhập chưa rà soát xong."})
    login(client, world.head)
    page = _text(client.get(f"/documents/{doc.id}/submit"))
    assert doc.state is DocState.DRAFT
    for text in ("19.680", "851", "150", "Hai xã mới sáp nhập chưa rà soát xong.", "Nộp văn bản cho cơ quan thường trực?"):
        assert text in page, text
    response = client.post(f"/documents/{doc.id}/submit", data={"lock_version": doc.lock_version})
    assert response.status_code == 302 and doc.state is DocState.SUBMITTED


def test_the_message_after_a_decision_names_the_document(world, returned, client):
    doc_ops.save_content(returned, world.head, ready(returned, results="Đã bổ sung."), None)
    doc_ops.transition(returned, world.head, Trigger.SUBMIT)
    login(client, world.reviewer)
    response = client.post(f"/documents/{returned.id}/approve", data={"lock_version": returned.lock_version},
                           follow_redirects=True)
    assert "Đã duyệt: Báo cáo 6 tháng của Huyện Krông Nô" in _text(response)


def test_the_review_page_says_late_resubmitted_and_what_changed(world, returned, client):
    doc = returned
    due = doc.deliverable.due_on
    changed = ready(doc, results="Đã bổ sung số hộ tái nghèo theo kết quả rà soát.",
                    figures={**ready(doc)["figures"], "poor_fell_back": 3, "poor_end": 92})
    doc_ops.save_content(doc, world.head, changed, None)
    with time_machine.travel(dt.datetime.combine(due + dt.timedelta(days=3), dt.time(9), VN_TZ), tick=False):
        doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    login(client, world.reviewer)
    page = _text(client.get(f"/documents/{doc.id}"))
    assert "Nộp muộn 3 ngày" in page and "Nộp lại" in page
    changes = page[page.index("Những thay đổi kể từ khi bị trả lại"):]
    assert "Tái nghèo" in changes and "<ins>" in changes and "tái nghèo theo kết quả rà soát." in changes
    assert page.count('name="comment"') == 1  # one comment box for approve and return
    # The unit sees its own late submission on its to-do page.
    client.post("/logout")
    login(client, world.head)
    assert "Nộp muộn 3 ngày" in _text(client.get("/"))


# --- 5. The reviewer's queue ----------------------------------------------------------------

@pytest.fixture
def queue(world, returned, db):
    """Four submissions on 30/11/2026: two clean, one resubmitted, one with an explained warning."""
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=VN_TZ), tick=False):
        return _submit_four(world, returned)


def _submit_four(world, returned):
    other = next(a for a in world.plan.assignments if a.unit_id == world.other_district.id)
    clean = []
    # Cư Jút's annual report on the plan's target for it (set below): clean.
    on_target = {"households_end": 22200, "poor_start": 1183, "poor_escaped": 480, "poor_new": 0,
                 "poor_fell_back": 0, "poor_end": 703}
    for assignment, head, figures in ((world.assignment, world.head, None), (other, world.other_head, on_target)):
        doc = next(d for d in assignment.deliverables if d.kind is DeliverableKind.ANNUAL).document
        doc_ops.save_content(doc, head, ready(doc, **({"figures": figures} if figures else {})), None)
        doc_ops.transition(doc, head, Trigger.SUBMIT)
        clean.append(doc)
    doc_ops.save_content(returned, world.head, ready(returned, results="Đã bổ sung."), None)
    doc_ops.transition(returned, world.head, Trigger.SUBMIT)
    plan_ops.set_target(world.admin, world.plan, world.other_district, households_start=22180, poor_start=1183,
                        poor_reduction=480, households_end=22200, poor_end=703)
    warned = next(d for d in other.deliverables if d.kind is DeliverableKind.SUBPLAN).document
    low = {"households_start": 22180, "poor_start": 1183, "poor_reduction": 400, "households_end": 22200,
           "poor_end": 783}
    doc_ops.save_content(warned, world.other_head, ready(warned, target=low, acknowledged={
        "poor_reduction_below_plan:poor_reduction": "Thiếu vốn."}), None)
    doc_ops.transition(warned, world.other_head, Trigger.SUBMIT)
    return clean, returned, warned


def _queue_ids(client, query=""):
    return [int(i) for i in re.findall(r'href="/documents/(\d+)"', _text(client.get(f"/review/{query}")))[::2]]


def test_the_queue_filters_by_kind_unit_resubmitted_and_findings(world, queue, client):
    clean, resubmitted, warned = queue
    login(client, world.reviewer)
    everything = set(_queue_ids(client))
    assert everything == {d.id for d in (*clean, resubmitted, warned)}
    assert set(_queue_ids(client, "?kind=annual")) == {d.id for d in clean}
    assert set(_queue_ids(client, f"?unit={world.other_district.id}")) == {clean[1].id, warned.id}
    assert set(_queue_ids(client, "?resubmitted=1")) == {resubmitted.id}
    assert set(_queue_ids(client, "?findings=1")) == {warned.id}
    # On 30/11 the six-month report and the sub-plan came after their due dates; the annual ones did not.
    assert set(_queue_ids(client, "?late=1")) == {resubmitted.id, warned.id}


def test_clean_documents_are_approved_together_each_on_its_own_and_a_changed_one_is_refused(world, queue, client):
    clean, resubmitted, warned = queue
    login(client, world.reviewer)
    page = _text(client.get("/review/"))
    picks = re.findall(r'name="doc" value="([\d:]+)"', page)
    assert f"{warned.id}:{warned.lock_version}" not in picks  # a document with findings is decided alone
    stale = f"{resubmitted.id}:{resubmitted.lock_version}"
    doc_ops.transition(resubmitted, world.head, Trigger.WITHDRAW)  # it changes meanwhile
    _db.session.commit()
    response = client.post("/review/approve", data={"doc": [*(f"{d.id}:{d.lock_version}" for d in clean), stale]},
                           follow_redirects=True)
    body = _text(response)
    assert all(d.state is DocState.APPROVED for d in clean) and resubmitted.state is DocState.DRAFT
    assert "Đã duyệt 2 văn bản." in body and "Chưa duyệt: Huyện Krông Nô – Báo cáo 6 tháng" in body
    for doc in clean:
        moves = [e.trigger for e in _db.session.scalars(_db.select(TransitionLog).where(
            TransitionLog.document_id == doc.id).order_by(TransitionLog.id))]
        assert moves == [Trigger.SUBMIT, Trigger.APPROVE]
    told = _db.session.scalars(_db.select(OutboxMessage.deliverable_id).where(OutboxMessage.kind == MailKind.APPROVED))
    assert {d.deliverable.id for d in clean} <= set(told)


# --- 9. The head of the coordinating unit signs the consolidated report ---------------------

def test_the_coordinating_units_head_reaches_the_dashboard_and_the_consolidation(world, client):
    director = user((Role.HEAD, world.labour), name="Giám đốc Sở Lao động")
    login(client, director)
    for path in (f"/plans/{world.plan.id}/dashboard", f"/plans/{world.plan.id}/consolidation",
                 f"/plans/{world.plan.id}/consolidation.docx", f"/documents/{world.document().id}"):
        assert client.get(path).status_code == 200, path
    assert "Tổng hợp số liệu" in _text(client.get(f"/plans/{world.plan.id}"))


def test_submitting_through_the_pages_is_the_head_s(world, client):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.staff)
    response = submit_through_pages(client, doc, ready(doc)["figures"] | {"results": "x"})
    assert doc.state is DocState.DRAFT and response.status_code in (403, 422)
