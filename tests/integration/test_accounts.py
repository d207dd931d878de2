"""A person's own account: their page, changing their password, a link when they forgot it,
and the language they chose, kept from one login to the next."""
import datetime as dt
import re

import time_machine

from app.api.operations import create_token, revoke_token
from app.auth import operations
from app.auth.models import LoginSession
from app.auth.tokens import make_token
from app.outbox.delivery import deliver_pending
from tests.factories import PASSWORD, login

NEW_PASSWORD = "mat-khau-moi-2027"


def _text(response):
    return response.get_data(as_text=True)


def _live_logins(db, user):
    return db.session.scalar(db.select(db.func.count()).select_from(LoginSession)
                             .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)))


def _change(client, current, new=NEW_PASSWORD, confirm=None):
    return client.post("/account/password", data={"current_password": current, "password": new,
                                                  "confirm": new if confirm is None else confirm})


# --- The own page ------------------------------------------------------------------------------

def test_the_name_in_the_header_opens_the_own_page(client, world):
    login(client, world.head)
    home = _text(client.get("/"))
    assert re.search(r'<a class="who" href="/account/"[^>]*>Phạm Văn Hùng</a>', home)
    page = client.get("/account/")
    assert page.status_code == 200
    body = _text(page)
    assert "Tài khoản của tôi" in body and world.head.email in body
    assert re.search(r"<td>Thủ trưởng đơn vị</td><td>Huyện Krông Nô</td>", body)  # their role
    for way in ('action="/account/password"', 'href="/calendar"', 'href="/account/tokens"',
                'action="/lang/en"'):
        assert way in body, way
    assert "<script" not in body.lower() and "onclick=" not in body.lower()


def test_the_calendar_and_token_pages_lead_back_and_need_no_script(client, world):
    login(client, world.head)
    client.post("/calendar")  # make the address: the page then shows it
    for path in ("/calendar", "/account/tokens"):
        body = _text(client.get(path))
        assert 'href="/account/"' in body, path
        assert "<script" not in body.lower() and "onclick=" not in body.lower(), path
    assert "readonly" in _text(client.get("/calendar"))


def test_the_own_page_counts_the_live_api_tokens(client, world):
    create_token(None, world.head, "Báo cáo tự động")
    revoked = create_token(None, world.head, "Cũ")[0]
    revoke_token(world.head, revoked)
    login(client, world.head)
    assert "1 khóa đang dùng được" in _text(client.get("/account/"))


# --- Changing the password ---------------------------------------------------------------------

def test_changing_the_password_ends_the_other_logins_and_keeps_this_one(app, client, world, db):
    phone = app.test_client()
    login(phone, world.head)
    login(client, world.head)
    old_link = make_token(world.head)  # mailed by an administrator earlier, never used
    secret = create_token(None, world.head, "Kịch bản báo cáo")[1]
    assert _live_logins(db, world.head) == 2

    changed = _change(client, PASSWORD)
    assert changed.status_code == 302 and changed.location.endswith("/account/")
    assert "Các phiên đăng nhập khác của bạn đã kết thúc" in _text(client.get("/account/"))

    # This browser goes on; the phone is sent to the login page.
    assert client.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302 and "/login" in phone.get("/account/").location
    assert _live_logins(db, world.head) == 1
    # The old set-password link died with the old password; the API token lives on.
    assert client.get(f"/password/{old_link}").status_code == 404
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    # Only the new password opens the account now.
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": world.head.email, "password": PASSWORD}).status_code == 200
    login(fresh, world.head, NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing(app, client, world, db):
    phone = app.test_client()
    login(phone, world.head)
    login(client, world.head)
    refused = _change(client, "khong-phai-mat-khau")
    assert refused.status_code == 422
    assert "Mật khẩu hiện tại không đúng" in _text(refused)
    assert phone.get("/account/").status_code == 200  # nobody was logged out
    login(app.test_client(), world.head, PASSWORD)  # the password is what it was


def test_the_new_password_is_checked_before_anything_changes(client, world):
    login(client, world.head)
    for new, confirm, message in [("ngan", None, "ít nhất 10 ký tự"),
                                  (NEW_PASSWORD, NEW_PASSWORD + "x", "Hai mật khẩu không khớp nhau"),
                                  (PASSWORD, None, "Mật khẩu mới phải khác mật khẩu hiện tại")]:
        refused = _change(client, PASSWORD, new, confirm)
        assert refused.status_code == 422, message
        assert message in _text(refused), _text(refused)
    missing = client.post("/account/password", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert missing.status_code == 422 and "Vui lòng nhập mật khẩu hiện tại" in _text(missing)
    login(client, world.head, PASSWORD)


def test_wrong_current_passwords_are_throttled_like_failed_logins(throttled_app, world):
    client = throttled_app(LOGIN_RATE_LIMIT="3 per minute").test_client()
    login(client, world.head)
    # A mistyped repetition is no guess at the password: it does not count.
    for _ in range(2):
        assert _change(client, PASSWORD, confirm="khac-han-mat-khau").status_code == 422
    for _ in range(3):
        assert _change(client, "doan-mo-mat-khau").status_code == 422
    refused = _change(client, PASSWORD)  # even the right one, for now
    assert refused.status_code == 429
    assert "Nhập sai mật khẩu quá nhiều lần" in _text(refused)
    assert world.head.check_password(PASSWORD)  # unchanged


# --- Forgot password ---------------------------------------------------------------------------

def _ask_link(client, email, **kw):
    return client.post("/forgot-password", data={"email": email}, **kw)


def _link(mail):
    return re.search(r"http://\S+/password/\S+", mail.text).group(0)


def test_a_forgotten_password_link_arrives_by_mail_and_works_once(app, client, world, db, smtp):
    elsewhere = app.test_client()
    login(elsewhere, world.head)  # still logged in at the office
    page = _text(client.get("/login"))
    assert 'href="/forgot-password"' in page and "Quên mật khẩu?" in page

    asked = _ask_link(client, world.head.email.upper())
    assert asked.status_code == 302 and asked.location.endswith("/login")
    assert "đường dẫn để đặt mật khẩu mới đã được gửi" in _text(client.get("/login"))
    assert deliver_pending().sent == 1
    [mail] = smtp.messages()
    assert mail.rcpt_tos == [world.head.email] and mail.subject == "Đặt mật khẩu mới"
    assert "trong vòng 2 giờ" in mail.text and "mật khẩu hiện tại vẫn dùng được" in mail.text
    link = _link(mail)
    assert link in mail.html

    # Until the link is used, the password the user may still remember keeps working.
    login(app.test_client(), world.head, PASSWORD)
    path = link.split("127.0.0.1:5000", 1)[1]
    assert client.get(path).status_code == 200
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get("/account/").status_code == 200  # logged in by the link

    assert app.test_client().get(path).status_code == 404  # once only
    assert elsewhere.get("/account/").status_code == 302  # the other logins ended
    assert app.test_client().post("/login", data={"email": world.head.email,
                                                  "password": PASSWORD}).status_code == 200
    login(app.test_client(), world.head, NEW_PASSWORD)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, world, db, smtp):
    operations.update_user(world.admin, world.staff, world.staff.full_name, world.staff.email, False)
    answers = []
    for email in (world.head.email, "khong-ai@example.org", world.staff.email):  # staff: deactivated
        asked = _ask_link(client, email)
        # The page as shown, but for its form token (signed with the second it was made in).
        page = re.sub(r'name="csrf_token" value="[^"]*"', "", _text(client.get(asked.location)))
        answers.append((asked.status_code, asked.location, page))
    assert answers[0] == answers[1] == answers[2]
    deliver_pending()
    assert [m.rcpt_tos for m in smtp.messages()] == [[world.head.email]]


def test_an_unknown_email_costs_the_same_work_as_a_known_one(client, world, monkeypatch):
    """The mail is composed either way (for a stand-in when nobody has the email): the time
    the answer takes does not tell who has an account."""
    composed = []
    real = operations.render
    monkeypatch.setattr(operations, "render", lambda name, **kw: composed.append(name) or real(name, **kw))
    _ask_link(client, world.head.email)
    _ask_link(client, "khong-ai@example.org")
    assert composed == ["forgotten_password", "forgotten_password"]


def test_a_forgotten_password_link_lives_two_hours(app, client, world, smtp):
    asked_at = dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.timezone.utc)
    with time_machine.travel(asked_at, tick=False):
        _ask_link(client, world.head.email)
    deliver_pending(asked_at)
    path = _link(smtp.messages()[0]).split("127.0.0.1:5000", 1)[1]
    with time_machine.travel(asked_at + dt.timedelta(hours=1, minutes=59), tick=False):
        assert app.test_client().get(path).status_code == 200
    with time_machine.travel(asked_at + dt.timedelta(hours=2, minutes=1), tick=False):
        expired = app.test_client().get(path)
        assert expired.status_code == 404 and 'href="/forgot-password"' in _text(expired)


def test_a_password_change_kills_a_forgotten_password_link(client, world, smtp):
    _ask_link(client, world.head.email)
    deliver_pending()
    path = _link(smtp.messages()[0]).split("127.0.0.1:5000", 1)[1]
    login(client, world.head)
    assert _change(client, PASSWORD).status_code == 302  # remembered it after all
    assert client.get(path).status_code == 404


def test_a_mailed_link_never_follows_the_address_the_visitor_used(app, client, world, smtp, monkeypatch):
    """Without BASE_URL, links made in a request follow its Host header, which the visitor
    chooses: a stranger asking for someone's link must not have it point to their host."""
    monkeypatch.setitem(app.config, "BASE_URL", None)
    _ask_link(client, world.head.email, headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    deliver_pending()
    link = _link(smtp.messages()[0])
    assert "evil.example" not in smtp.messages()[0].text
    assert link.startswith(app.config["DEFAULT_BASE_URL"] + "/password/"), link


def test_password_links_are_throttled_per_email_and_per_address(throttled_app, world):
    app = throttled_app(PASSWORD_LINK_RATE_LIMIT="2 per hour", PASSWORD_LINK_RATE_LIMIT_PER_ADDRESS="4 per hour")
    client = app.test_client()
    # One mailbox is not flooded, from wherever it is asked, however the email is spelt.
    asks = [(world.head.email, "203.0.113.1"), (world.head.email.upper(), "203.0.113.2"),
            (f" {world.head.email} ", "203.0.113.3")]
    codes = [_ask_link(client, email, environ_base={"REMOTE_ADDR": a}).status_code for email, a in asks]
    assert codes == [302, 302, 429]
    refused = _ask_link(client, world.head.email, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert "Đã yêu cầu đường dẫn đặt mật khẩu quá nhiều lần" in _text(refused)
    # One machine cannot try email after email.
    codes = [_ask_link(client, f"nguoi{i}@example.org", environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code
             for i in range(6)]
    assert codes == [302] * 4 + [429] * 2
    # Someone else, elsewhere, is not held up by either.
    assert app.test_client().post("/forgot-password", data={"email": "x@example.org"}).status_code == 302


def test_a_logged_in_user_asking_for_a_link_is_sent_to_their_page(client, world):
    login(client, world.head)
    answer = client.get("/forgot-password")
    assert answer.status_code == 302 and answer.location.endswith("/account/")


# --- Language ----------------------------------------------------------------------------------

def test_the_chosen_language_persists_across_logins(app, client, world, db):
    login(client, world.head)
    assert 'lang="vi"' in _text(client.get("/account/"))
    client.post("/lang/en", data={"next": "/account/"})  # the switch in the header
    assert world.head.locale == "en"
    client.post("/logout")
    assert "Log in" in _text(client.get("/login"))  # this browser keeps it after logging out

    # Another computer: Vietnamese for a stranger, English once the user logs in.
    office = app.test_client()
    assert 'lang="vi"' in _text(office.get("/login"))
    login(office, world.head)
    page = _text(office.get("/account/"))
    assert 'lang="en"' in page and "My account" in page

    # Back to Vietnamese from the own page; the next login speaks it too.
    assert 'action="/lang/vi"' in page
    office.post("/lang/vi", data={"next": "/account/"})
    assert world.head.locale == "vi"
    home = app.test_client()
    home.post("/lang/en", data={"next": "/login"})  # a visitor's choice at the login page...
    login(home, world.head)
    assert 'lang="vi"' in _text(home.get("/account/"))  # ...gives way to the user's own


def test_a_visitors_choice_does_not_touch_anyone(client, world, db):
    client.post("/lang/en", data={"next": "/login"})
    assert "Log in" in _text(client.get("/login"))
    login(client, world.staff)  # has never chosen: the browser's choice goes on
    assert 'lang="en"' in _text(client.get("/account/"))
    assert world.staff.locale is None
