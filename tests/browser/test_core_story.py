"""A person's walk through the core story, in Vietnamese, in Chromium.

A unit head drafts and submits a sub-plan → a reviewer returns it with a reason →
the head sees the reason, fixes and resubmits → the reviewer approves → locked.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, World
from workflows.enums import DeliverableKind

REASON = "Chưa phân công trách nhiệm cho từng xã; đề nghị bổ sung."


@pytest.fixture(scope="module")
def story(live_app):
    with live_app.app_context():
        world = World()
        doc = world.document(DeliverableKind.SUBPLAN)
        return {"head": world.head.email, "reviewer": world.reviewer.email, "doc_id": doc.id,
                "unit": world.district.name}


def log_in(page, base, email):
    page.goto(f"{base}/login")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_draft_submit_return_fix_resubmit_approve(page, live_server, story, shoot):
    base, doc_url = live_server, f"{live_server}/documents/{story['doc_id']}"

    # The head sees what the unit owes and drafts the sub-plan.
    log_in(page, base, story["head"])
    expect(page.get_by_role("heading", name="Nội dung đơn vị phải nộp")).to_be_visible()
    shoot("01-todo")
    page.locator(f'a[href="/documents/{story["doc_id"]}/edit"]').click()
    page.locator("#tasks").fill("Rà soát hộ nghèo; hỗ trợ sinh kế cho 180 hộ.")
    page.locator("#households_start").fill("19.680")
    page.locator("#poor_start").fill("851")
    page.locator("#poor_reduction").fill("180")
    page.locator("#poor_end").fill("671")
    shoot("02-edit")
    page.locator('button[name="submit"]').click()
    # Before submitting, what goes: the figures, then the one button that submits.
    expect(page.get_by_role("heading", name="Nộp văn bản cho cơ quan thường trực?")).to_be_visible()
    expect(page.locator(".summary")).to_contain_text("19.680")
    shoot("02b-summary")
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect(page.locator(".doc-meta .badge")).to_have_text("Đã nộp")
    log_out(page)

    # The reviewer finds it in the queue and returns it with a reason.
    log_in(page, base, story["reviewer"])
    expect(page.get_by_role("heading", name=re.compile("chờ tôi thẩm định"))).to_be_visible()
    expect(page.locator(".queue-item", has_text=story["unit"])).to_be_visible()
    shoot("03-queue")
    page.locator(f'a[href="/documents/{story["doc_id"]}"]').first.click()
    expect(page.locator("textarea[name=comment]")).to_have_count(1)  # one box for approve and return
    page.locator("#decide button.danger").click()  # no reason yet: refused, nothing lost
    expect(page.locator(".flash-danger")).to_be_visible()
    expect(page.locator(".doc-meta .badge")).to_have_text("Đã nộp")
    page.locator("#comment-decide").fill(REASON)
    shoot("04-review")
    page.locator("#decide button.danger").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã trả lại")
    page.goto(doc_url)
    expect(page.locator(".doc-meta .badge")).to_have_text("Bị trả lại")
    log_out(page)

    # The head reads the reason, fixes the sub-plan and resubmits.
    log_in(page, base, story["head"])
    page.goto(doc_url)
    expect(page.locator("#return-reason")).to_contain_text(REASON)
    shoot("05-returned")
    page.locator(f'a[href="/documents/{story["doc_id"]}/edit"]').first.click()
    expect(page.locator("#return-reason")).to_contain_text(REASON)  # the reason stands on the edit page too
    page.locator("#responsible").fill("Phòng Lao động - TB&XH; UBND các xã")
    page.locator('button[name="submit"]').click()
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect(page.locator(".doc-meta .badge")).to_have_text("Đã nộp")
    log_out(page)

    # The reviewer approves.
    log_in(page, base, story["reviewer"])
    page.goto(doc_url)
    expect(page.locator("#review-facts")).to_contain_text("Nộp lại")
    expect(page.locator("#review-facts")).to_contain_text("Phòng Lao động - TB&XH; UBND các xã")
    page.locator("#decide button.primary").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã duyệt: Kế hoạch của đơn vị")
    page.goto(doc_url)
    expect(page.locator(".doc-meta .badge")).to_have_text("Đã duyệt")
    log_out(page)

    # The document is locked for the head.
    log_in(page, base, story["head"])
    page.goto(doc_url)
    expect(page.locator(".callout.success")).to_be_visible()
    expect(page.locator(f'a[href="/documents/{story["doc_id"]}/edit"]')).to_have_count(0)
    page.goto(f"{doc_url}/edit")
    expect(page.locator(".flash-warning")).to_be_visible()
    expect(page).to_have_url(doc_url)
    shoot("06-approved")
