"""The JSON API: tokens, the same permissions and operations as the pages, JSON errors."""
import pytest

from app.api.models import ApiToken
from app.api.operations import create_token
from app.budget.models import BudgetItem
from app.cli import token_command
from app.plans import operations as plan_ops
from tests.factories import login
from workflows.enums import DeliverableKind, DocState

REPORT = {"results": "Đã triển khai.", "figures": {"households_end": 19690, "poor_start": "851", "poor_escaped": 200,
                                                   "poor_new": 15, "poor_fell_back": 5, "poor_end": "671"}}


@pytest.fixture
def api(client):
    class Api:
        def __init__(self):
            self.token = None

        def as_(self, user):
            self.token = create_token(None, user, "kiểm thử")[1]
            return self

        def _headers(self):
            return {"Authorization": f"Bearer {self.token}"} if self.token else {}

        def get(self, path, **kw):
            return client.get(f"/api/v1{path}", headers=self._headers(), **kw)

        def put(self, path, body):
            return client.put(f"/api/v1{path}", json=body, headers=self._headers())

        def post(self, path, body):
            return client.post(f"/api/v1{path}", json=body, headers=self._headers())

    return Api()


def test_a_token_from_the_command_line_works_and_only_its_hash_is_kept(app, world, api, db):
    result = app.test_cli_runner().invoke(token_command, [world.head.email, "--name", "Báo cáo tự động"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    assert secret.startswith("gn_") and len(secret) > 40
    stored = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == world.head.id))
    assert stored.name == "Báo cáo tự động" and secret not in (stored.token_hash, stored.prefix)
    api.token = secret
    me = api.get("/me").get_json()
    assert me["email"] == world.head.email and me["roles"][0]["role"] == "head"
    assert app.test_cli_runner().invoke(token_command, ["khong-co@example.org"]).exit_code != 0


@pytest.mark.parametrize("header", [None, "Bearer gn_wrong", "Basic abc", "Bearer ", "bearer"])
def test_no_valid_token_no_data(client, world, header):
    response = client.get("/api/v1/plans", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_and_a_deactivated_user_are_refused(world, api, db):
    api.as_(world.head)
    assert api.get("/me").status_code == 200
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == world.head.id))
    from app.api.operations import revoke_token

    revoke_token(world.head, token)
    assert api.get("/me").status_code == 401
    api.as_(world.head)
    world.head.is_active_user = False
    db.session.commit()
    assert api.get("/me").status_code == 401


def test_a_script_submits_and_a_reviewer_approves_through_the_api(world, api, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    api.as_(world.head)
    read = api.get(f"/documents/{doc.id}").get_json()
    assert read["state"] == "draft" and read["deliverable"]["kind"] == "six_month"
    item = db.session.scalar(db.select(BudgetItem).where(BudgetItem.code == "DA4.TDA3"))
    body = {"lock_version": read["lock_version"], "content": {
        **REPORT, "budget": {str(item.id): {"allocated": {"central_recurrent": "1.200,5"},
                                            "disbursed": {"central_recurrent": 600}}}}}
    saved = api.put(f"/documents/{doc.id}/content", body)
    assert saved.status_code == 200, saved.get_json()
    saved = saved.get_json()
    assert saved["content"]["figures"]["poor_start"] == 851
    assert saved["content"]["budget"][str(item.id)]["allocated"]["central_recurrent"] == "1200.5"
    assert saved["findings"] == []
    moved = api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit", "lock_version": saved["lock_version"]})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["document"]["state"] == "submitted"

    api.as_(world.reviewer)
    queue = api.get(f"/plans/{world.plan.id}/deliverables?per_page=100").get_json()
    assert any(d["document_id"] == doc.id and d["state"] == "submitted" for d in queue["items"])
    approved = api.post(f"/documents/{doc.id}/transitions", {"trigger": "approve"})
    assert approved.status_code == 200
    assert doc.state is DocState.APPROVED
    history = api.get(f"/documents/{doc.id}/history").get_json()["items"]
    assert [(h["trigger"], h["to_state"]) for h in history] == [("submit", "submitted"), ("approve", "approved")]
    again = api.post(f"/documents/{doc.id}/transitions", {"trigger": "approve"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"
    consolidated = api.get(f"/plans/{world.plan.id}/consolidation").get_json()
    assert consolidated["budget_total"]["allocated"]["total"] == 1200.5
    assert consolidated["budget_total"]["disbursement_rate"] == 49.98
    completeness = api.get(f"/plans/{world.plan.id}/completeness").get_json()
    assert completeness["overall"]["expected"] >= 0 and completeness["units"]


def test_the_consolidation_carries_near_poor_households_and_their_rates(world, api, db):
    """Krông Nô's targets and report give near-poor households; Cư Jút has neither targets
    nor a report: the totals are Krông Nô's, and say how many units they stand on."""
    plan_ops.set_target(world.admin, world.plan, world.district, households_start=19680, poor_start=851,
                        poor_reduction=180, households_end=19690, poor_end=671, near_poor_start=1020,
                        near_poor_end=950, near_poor_reduction=70)
    db.session.commit()
    doc = world.document(DeliverableKind.SIX_MONTH)
    api.as_(world.head)
    figures = {**REPORT["figures"], "near_poor_start": 1020, "near_poor_escaped": 100, "near_poor_new": 40,
               "near_poor_end": "960"}
    saved = api.put(f"/documents/{doc.id}/content", {"lock_version": api.get(f"/documents/{doc.id}").get_json()[
        "lock_version"], "content": {**REPORT, "figures": figures}}).get_json()
    assert saved["findings"] == []
    assert api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit"}).status_code == 200
    api.as_(world.reviewer)
    assert api.post(f"/documents/{doc.id}/transitions", {"trigger": "approve"}).status_code == 200

    c = api.get(f"/plans/{world.plan.id}/consolidation").get_json()
    assert (c["target_total"]["near_poor_start"], c["target_total"]["near_poor_end"]) == (1020, 950)
    assert c["target_total"]["households_start_near_poor"] == 19680  # what the near-poverty rate is over
    assert (c["rate_start"], c["rate_target"], c["points_target"]) == (4.32, 3.41, 0.91)
    assert (c["near_rate_start"], c["near_rate_target"], c["near_points_target"]) == (5.18, 4.82, 0.36)
    assert (c["results_total"]["near_poor_end"], c["near_rate_latest"]) == (960, 4.88)  # 960 of 19.690
    assert c["covered_rates"]["near_rate_start"] == 5.18 and c["covered_rates"]["near_rate_latest"] == 4.88
    assert c["near_poor_coverage"] == {"targets": {"units": 1, "of": 1, "is_partial": False},
                                       "results": {"units": 1, "of": 1, "is_partial": False}}
    [krong_no] = [u for u in c["units"] if u["unit"]["id"] == world.district.id]
    assert (krong_no["near_rate_start"], krong_no["near_points_target"], krong_no["near_rate_latest"]) == (
        5.18, 0.36, 4.88)
    spec = api.get("/openapi.json").get_json()["components"]["schemas"]["Consolidation"]
    assert {"near_rate_start", "near_points_target", "near_poor_coverage"} <= set(spec["required"])


def test_a_stale_lock_version_is_a_conflict_and_nothing_is_written(world, api):
    doc = world.document(DeliverableKind.SIX_MONTH)
    api.as_(world.head)
    version = api.get(f"/documents/{doc.id}").get_json()["lock_version"]
    assert api.put(f"/documents/{doc.id}/content", {"lock_version": version, "content": REPORT}).status_code == 200
    stale = api.put(f"/documents/{doc.id}/content",
                    {"lock_version": version, "content": {**REPORT, "results": "Bản cũ"}})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "conflict"
    assert doc.current_version.content["results"] == REPORT["results"]
    move = api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit", "lock_version": version})
    assert move.status_code == 409
    assert doc.state is DocState.DRAFT


def test_bad_content_is_refused_field_by_field(world, api, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    api.as_(world.head)
    version = doc.lock_version
    bad = api.put(f"/documents/{doc.id}/content", {"lock_version": version, "content": {
        "results": "x", "figures": {"poor_end": "6,7", "poor_rate_end": True, "bogus": 1},
        "budget": {"999999": {"allocated": {"other": 1}}, "total": {"allocated": {"other": "12,3456"}}},
        "surprise": "?"}})
    assert bad.status_code == 422
    fields = bad.get_json()["error"]["fields"]
    assert fields["content.figures.poor_end"] == "Nhập số hộ là số nguyên, ví dụ 13.342."
    assert "content.budget.total.allocated.other" in fields
    for path in ("content.figures.poor_rate_end", "content.figures.bogus", "content.budget.999999", "content.surprise"):
        assert fields[path] == "Trường không hợp lệ.", path
    assert doc.current_version.content == {}
    for body in ([], {"content": {}}, {"lock_version": "1", "content": {}}, {"lock_version": 1, "content": []}):
        response = api.put(f"/documents/{doc.id}/content", body)
        assert response.status_code in (400, 422) and "error" in response.get_json()
    not_json = api.put(f"/documents/{doc.id}/content", None)
    assert not_json.status_code == 400


def test_submission_runs_the_same_checks_as_the_page(world, api):
    doc = world.document(DeliverableKind.SIX_MONTH)
    api.as_(world.head)
    saved = api.put(f"/documents/{doc.id}/content", {"lock_version": doc.lock_version, "content": {
        **REPORT, "figures": {**REPORT["figures"], "poor_end": 700}}}).get_json()
    assert [f["code"] for f in saved["findings"]] == ["poor_end_flow"]
    refused = api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit"})
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "invalid" and "poor_end" in error["fields"]
    assert doc.state is DocState.DRAFT


def test_the_api_has_the_permissions_of_the_pages(world, api, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    other = world.document(DeliverableKind.SIX_MONTH, next(a for a in world.plan.assignments
                                                             if a.unit_id == world.other_district.id))
    api.as_(world.head)
    assert api.get(f"/documents/{other.id}").status_code == 403
    assert api.put(f"/documents/{other.id}/content", {"lock_version": other.lock_version, "content": REPORT}
                   ).status_code == 403
    assert api.get(f"/plans/{world.plan.id}/consolidation").status_code == 403
    api.as_(world.staff)
    assert api.put(f"/documents/{doc.id}/content", {"lock_version": doc.lock_version, "content": REPORT}
                   ).status_code == 200
    assert api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit"}).status_code == 403
    api.as_(world.head)
    assert api.post(f"/documents/{doc.id}/transitions", {"trigger": "submit"}).status_code == 200
    assert api.post(f"/documents/{doc.id}/transitions", {"trigger": "approve"}).status_code == 403
    api.as_(world.reviewer)
    assert api.put(f"/documents/{doc.id}/content", {"lock_version": doc.lock_version, "content": REPORT}
                   ).status_code == 403  # submitted: nobody edits it now
    api.as_(world.outsider)
    assert api.get(f"/plans/{world.plan.id}").status_code == 403
    assert api.get("/plans").get_json()["items"] == []
    assert api.get(f"/documents/{doc.id}").status_code == 403
    assert api.get("/documents/99999999").status_code == 404
    assert api.get("/documents/99999999").get_json()["error"]["code"] == "not_found"


def test_lists_are_paginated(world, api):
    api.as_(world.reviewer)
    first = api.get(f"/plans/{world.plan.id}/deliverables?per_page=2&page=1").get_json()
    assert len(first["items"]) == 2 and first["total"] == 6 and first["per_page"] == 2
    last = api.get(f"/plans/{world.plan.id}/deliverables?per_page=4&page=2").get_json()
    assert len(last["items"]) == 2
    assert api.get(f"/plans/{world.plan.id}/deliverables?per_page=4&page=9").get_json()["items"] == []
    for query in ("per_page=0", "per_page=101", "page=0", "page=abc"):
        response = api.get(f"/plans?{query}")
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request", query


def test_unknown_paths_and_methods_answer_json(world, api):
    api.as_(world.head)
    missing = api.get("/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = api.post("/me", {})
    assert wrong.status_code == 405 and wrong.get_json()["error"]["code"] == "method_not_allowed"


def test_the_openapi_document_and_its_page(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and "/documents/{document_id}/transitions" in spec["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "/api/v1/documents/{document_id}/transitions" in text and "TransitionRequest" in text


def test_users_create_and_revoke_their_tokens_in_their_profile(client, world, db):
    login(client, world.head)
    page = client.post("/account/tokens", data={"name": "Kết nối hệ thống huyện"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == world.head.id))
    assert token.name == "Kết nối hệ thống huyện" and f"{token.prefix}" in text
    secret = text.split('<pre class="code token">')[1].split("</pre>")[0]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert "gn_" not in client.get("/account/tokens").get_data(as_text=True).replace(token.prefix, "")
    assert client.post("/account/tokens", data={"name": ""}).status_code == 422
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    client.post("/logout")
    login(client, world.other_head)
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
