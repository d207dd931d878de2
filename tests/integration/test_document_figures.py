"""Figures inside sub-plans and reports: checks next to the fields, errors blocking
submission, warnings explained, the reviewer seeing every result."""
from decimal import Decimal

from app.budget.models import BudgetItem
from app.plans import operations as plan_ops
from tests.factories import login, submit_through_pages
from workflows.enums import DeliverableKind, DocState

SUBPLAN = {"tasks": "Rà soát hộ nghèo; hỗ trợ sinh kế.", "responsible": "Phòng LĐTBXH", "timeline": "Quý I–IV",
           "households_start": "19.680", "poor_start": "851", "poor_rate_start": "4,32", "poor_reduction": "180",
           "households_end": "19.690", "poor_end": "671", "poor_rate_end": "3,41"}
REPORT = {"results": "Đã triển khai các nhiệm vụ.", "households_end": "19.690", "poor_start": "851",
          "poor_escaped": "200", "poor_new": "15", "poor_fell_back": "5", "poor_end": "671",
          "near_poor_start": "900", "near_poor_escaped": "100", "near_poor_new": "40", "near_poor_fell_back": "0",
          "near_poor_end": "840", "ethnic_poor_end": "300"}


def item(db, code):
    return db.session.scalar(db.select(BudgetItem).where(BudgetItem.code == code))


def cell(db, code, measure, column):
    key = "total" if code == "total" else item(db, code).id
    return f"budget-{key}-{measure}-{column}"


def post(client, doc, data, submit=False):
    """Save the edit page; with ``submit``, go on through the summary page and submit."""
    if submit:
        return submit_through_pages(client, doc, data)
    return client.post(f"/documents/{doc.id}/edit", data={**data, "lock_version": doc.lock_version})


def test_a_subplan_submits_when_its_figures_hold(client, world, db):
    doc = world.document()
    login(client, world.head)
    response = post(client, doc, SUBPLAN, submit=True)
    assert response.status_code == 302, response.get_data(as_text=True)
    target = doc.current_version.content["target"]
    assert target["poor_start"] == 851 and target["poor_rate_start"] == "4.32"
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "4,32" in page and "Mọi phép kiểm tra đều đạt" in page


def test_a_wrong_end_count_blocks_submission_and_is_named_next_to_the_field(client, world, db):
    doc = world.document()
    login(client, world.head)
    response = post(client, doc, {**SUBPLAN, "poor_end": "700"}, submit=True)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "851 − 180 = 671, không phải 700." in page
    assert doc.state is DocState.DRAFT
    # The draft itself was kept: nothing typed is lost.
    assert doc.current_version.content["target"]["poor_end"] == 700
    # Saving a draft with a failing check is allowed, and says so.
    response = post(client, doc, {**SUBPLAN, "poor_end": "700"})
    assert response.status_code == 302
    assert "chưa đạt" in client.get(response.location).get_data(as_text=True)


def test_a_warning_is_explained_before_submission_and_the_reviewer_reads_it(client, world, db):
    plan_ops.set_target(world.admin, world.plan, world.district, households_start=19680, poor_start=851,
                        poor_reduction=200, households_end=19690, poor_end=651)
    doc = world.document()
    login(client, world.head)
    response = post(client, doc, SUBPLAN, submit=True)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Kế hoạch yêu cầu giảm ít nhất 200 hộ nghèo, không phải 180." in page
    assert "Sửa số liệu hoặc giải trình cảnh báo này." in page
    assert doc.state is DocState.DRAFT
    note = "Huyện đề nghị điều chỉnh do 20 hộ đã chuyển đi nơi khác."
    response = post(client, doc, {**SUBPLAN, "ack-poor_reduction_below_plan:poor_reduction": note}, submit=True)
    assert response.status_code == 302
    assert doc.state is DocState.SUBMITTED
    client.post("/logout")
    login(client, world.reviewer)
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "Kế hoạch yêu cầu giảm ít nhất 200 hộ nghèo" in page and note in page


def test_a_typed_rate_far_from_the_counts_is_a_warning(client, world, db):
    doc = world.document()
    login(client, world.head)
    response = post(client, doc, {**SUBPLAN, "poor_rate_start": "4,52"}, submit=True)
    assert response.status_code == 422
    assert "Tỷ lệ đã nhập (4,52%) khác tỷ lệ tính từ số hộ (4,32%)." in response.get_data(as_text=True)


def test_report_results_must_add_up(client, world, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    response = post(client, doc, {**REPORT, "poor_end": "680"}, submit=True)
    assert response.status_code == 422
    assert ("Đầu năm 851, thoát nghèo 200, phát sinh 15, tái nghèo 5: còn lại 671 hộ nghèo, không phải 680."
            in response.get_data(as_text=True))
    assert post(client, doc, REPORT, submit=True).status_code == 302
    assert doc.state is DocState.SUBMITTED
    assert doc.current_version.content["figures"]["poor_escaped"] == 200
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "3,41%" in page  # 671 / 19.690, computed


def test_budget_parts_must_add_up_before_submission(client, world, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    budget = {
        cell(db, "DA3.TDA1", "allocated", "central_recurrent"): "1.200",
        cell(db, "DA3.TDA2", "allocated", "central_recurrent"): "300,5",
        cell(db, "DA3", "allocated", "central_recurrent"): "1.400",  # the sub-projects make 1.500,5
        cell(db, "DA3.TDA1", "disbursed", "central_recurrent"): "1.250",  # more than allocated
        cell(db, "total", "allocated", "total"): "1.500,5",
    }
    response = post(client, doc, {**REPORT, **budget}, submit=True)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "các tiểu dự án cộng lại được 1.500,5, không phải 1.400" in page
    assert "đã giải ngân (1.250) vượt số được phân bổ (1.200)" in page
    assert "các dòng cộng lại được 1.400, không phải 1.500,5" in page
    assert doc.state is DocState.DRAFT
    fixed = {**budget, cell(db, "DA3", "allocated", "central_recurrent"): "",
             cell(db, "DA3.TDA1", "disbursed", "central_recurrent"): "900"}
    assert post(client, doc, {**REPORT, **fixed}, submit=True).status_code == 302
    stored = doc.current_version.content["budget"]
    assert stored[str(item(db, "DA3.TDA2").id)]["allocated"]["central_recurrent"] == "300.5"
    assert Decimal(stored["total"]["allocated"]["total"]) == Decimal("1500.5")
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "1.500,5" in page and "59,98%" in page  # 900 of 1.500,5 disbursed


def test_bad_numbers_are_refused_and_nothing_is_saved(client, world, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    response = post(client, doc, {**REPORT, "poor_end": "6,7", "poor_rate_end": "abc",
                                  cell(db, "DA2", "allocated", "other"): "12,3456"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nhập số hộ là số nguyên" in page
    assert "Nhập tỷ lệ phần trăm" in page
    assert "Nhập số tiền bằng triệu đồng" in page
    assert 'value="12,3456"' in page  # what was typed is kept
    assert doc.current_version.content == {}


def test_a_retired_project_keeps_its_figures(client, world, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    login(client, world.head)
    field = cell(db, "DA2", "allocated", "other")
    assert post(client, doc, {**REPORT, field: "75"}).status_code == 302
    item(db, "DA2").is_active = False
    db.session.commit()
    page = client.get(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert f'name="{field}"' in page and 'value="75"' in page
    assert f'name="{cell(db, "DA2", "disbursed", "other")}"' in page
