"""A partial consolidation never reads as a result (issue 14, point 1).

With some of the districts reported, the total of results covers those districts only,
says so (units and households), stands beside the start and target of the same units,
and the plan's total stays "not yet known" — on the page, the dashboard, the roll-up
across plans and the API alike.
"""
import pytest

from app.api.operations import create_token
from app.figures.consolidation import consolidate
from app.figures.rollup import rollup_for
from tests.factories import login
from tests.integration.test_consolidation import (YEAR, annual, import_appendix, province,  # noqa: F401
                                                   report, submit_and_approve)
from tests.province import APPENDIX

TARGETS = {row[0]: row for row in APPENDIX[:-1]}  # district name → its appendix row


def approve_annual(client, place, name):
    submit_and_approve(client, place, annual(place, name), place["heads"][name], report(TARGETS[name]))


@pytest.fixture
def two_of_eight(province, client, tmp_path):  # noqa: F811
    import_appendix(client, province, tmp_path)
    for name in list(TARGETS)[:2]:
        approve_annual(client, province, name)
    return province


def test_the_total_covers_the_reported_units_beside_their_own_start_and_target(two_of_eight):
    c = consolidate(two_of_eight["plan"])
    first, second = list(TARGETS.values())[:2]
    assert (c.coverage.expected, c.coverage.reported, c.is_partial) == (8, 2, True)
    assert c.covered_target["poor_start"] == first[2] + second[2]  # not the province's
    assert c.covered_target["households_start"] == first[1] + second[1] == c.coverage.households_covered
    assert c.coverage.households_expected == sum(row[1] for row in TARGETS.values())
    assert c.results_total["poor_end"] == sum(int(report(r)["poor_end"]) for r in (first, second))
    assert c.covered_rate_start != c.rate_start  # like with like: the two districts' own start


def test_the_page_says_partial_and_leaves_the_plans_total_unknown(two_of_eight, client):
    login(client, two_of_eight["reviewer"])
    page = client.get(f"/plans/{two_of_eight['plan'].id}/consolidation").get_data(as_text=True)
    assert "Số liệu chưa đầy đủ" in page and "2/8 đơn vị đã có báo cáo" in page
    assert "Các đơn vị đã báo cáo (2/8)" in page and "chưa đủ số liệu" in page
    dashboard = client.get(f"/plans/{two_of_eight['plan'].id}/dashboard").get_data(as_text=True)
    assert "Số liệu chưa đầy đủ" in dashboard


def test_the_rollup_and_the_api_carry_the_same_coverage(two_of_eight, client, db):
    plan = two_of_eight["plan"]
    c = consolidate(plan)
    [line] = rollup_for(two_of_eight["observer"], YEAR).lines
    assert line.coverage == c.coverage and line.results == c.results_total
    assert line.covered_target == {k: v for k, v in c.covered_target.items() if v is not None}
    login(client, two_of_eight["observer"])
    page = client.get(f"/rollup?year={YEAR}").get_data(as_text=True)
    assert "2/8" in page and "tạm tính" in page
    secret = create_token(None, two_of_eight["reviewer"], "kịch bản")[1]
    body = client.get(f"/api/v1/plans/{plan.id}/consolidation", headers={"Authorization": f"Bearer {secret}"}).json
    assert body["coverage"] == {"units_expected": 8, "units_reported": 2, "is_partial": True,
                                "households_expected": c.coverage.households_expected,
                                "households_covered": c.coverage.households_covered}
    assert body["covered_target_total"]["poor_start"] == c.covered_target["poor_start"]


def test_complete_once_every_district_has_reported(two_of_eight, client):
    for name in list(TARGETS)[2:]:
        approve_annual(client, two_of_eight, name)
    c = consolidate(two_of_eight["plan"])
    assert (c.coverage.reported, c.is_partial) == (8, False)
    assert c.covered_target == {k: v for k, v in c.target_total.items()}
    login(client, two_of_eight["reviewer"])
    page = client.get(f"/plans/{two_of_eight['plan'].id}/consolidation").get_data(as_text=True)
    assert "Số liệu chưa đầy đủ" not in page and "chưa đủ số liệu" not in page
