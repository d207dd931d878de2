"""The reminder calendar: days before, overdue cadence, weekend and Tết shifts, grace."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from workflows.reminders import BEFORE, OVERDUE, ReminderPolicy, schedule, send_day, verdict

VN = ZoneInfo("Asia/Ho_Chi_Minh")
POLICY = ReminderPolicy()


def days(reminders):
    return [(r.key, r.nominal_on, r.send_on) for r in reminders]


def test_default_calendar_for_a_six_month_report():
    # 15/6/2026 is a Monday.
    plan = schedule(dt.date(2026, 6, 15), POLICY, until=dt.date(2026, 6, 30))
    assert days(plan) == [
        ("before-7", dt.date(2026, 6, 8), dt.date(2026, 6, 8)),
        # "1 day before" is Sunday 14/6 and goes out on Friday 12/6, the day of "3 days
        # before": the unit gets one mail that day, the more urgent one.
        ("before-1", dt.date(2026, 6, 14), dt.date(2026, 6, 12)),
        ("before-0", dt.date(2026, 6, 15), dt.date(2026, 6, 15)),
        ("overdue-1", dt.date(2026, 6, 16), dt.date(2026, 6, 16)),
        ("overdue-8", dt.date(2026, 6, 23), dt.date(2026, 6, 23)),
        ("overdue-15", dt.date(2026, 6, 30), dt.date(2026, 6, 30)),
    ]
    assert [r.escalated for r in plan] == [False, False, False, True, True, True]


def test_the_sub_plan_deadline_on_a_tuesday():
    plan = schedule(dt.date(2026, 3, 31), POLICY, until=dt.date(2026, 3, 31))
    assert [(r.key, r.send_on) for r in plan] == [
        ("before-7", dt.date(2026, 3, 24)), ("before-3", dt.date(2026, 3, 27)),  # Sat 28/3 → Fri 27/3
        ("before-1", dt.date(2026, 3, 30)), ("before-0", dt.date(2026, 3, 31))]


def test_tet_moves_reminders_before_the_holiday():
    # Due 24/2/2026, right after Tết (16-20/2 plus two weekends). "7 days before" (17/2)
    # and "3 days before" (21/2) both fall back to Friday 13/2: one mail, the later one.
    plan = schedule(dt.date(2026, 2, 24), POLICY, until=dt.date(2026, 2, 24))
    assert days(plan) == [("before-3", dt.date(2026, 2, 21), dt.date(2026, 2, 13)),
                          ("before-1", dt.date(2026, 2, 23), dt.date(2026, 2, 23)),
                          ("before-0", dt.date(2026, 2, 24), dt.date(2026, 2, 24))]


def test_an_overdue_notice_never_goes_out_before_the_deadline():
    # Due Friday 19/6; "overdue 1" nominally Saturday 20/6 would shift back to Friday.
    plan = schedule(dt.date(2026, 6, 19), POLICY, until=dt.date(2026, 6, 22))
    overdue = [r for r in plan if r.kind == OVERDUE]
    assert [(r.nominal_on, r.send_on) for r in overdue] == [(dt.date(2026, 6, 20), dt.date(2026, 6, 22))]


def test_send_day_is_the_working_day_at_or_before():
    assert send_day(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)
    assert send_day(dt.date(2026, 11, 22)) == dt.date(2026, 11, 20)
    assert send_day(dt.date(2026, 9, 2)) == dt.date(2026, 8, 28)  # National Day holidays 31/8-2/9


@pytest.mark.parametrize(("now", "expected"), [
    (dt.datetime(2026, 6, 12, 7, 59, tzinfo=VN), "wait"),
    (dt.datetime(2026, 6, 12, 8, 0, tzinfo=VN), "send"),
    (dt.datetime(2026, 6, 14, 8, 0, tzinfo=VN), "send"),  # down for two days: still sent
    (dt.datetime(2026, 6, 14, 8, 1, tzinfo=VN), "skip"),  # longer: recorded as skipped
])
def test_grace_period_after_downtime(now, expected):
    reminder = next(r for r in schedule(dt.date(2026, 6, 15), POLICY, dt.date(2026, 6, 15)) if r.key == "before-1")
    assert verdict(reminder, POLICY, now, VN) == expected


def test_policies_are_per_plan_and_checked():
    plan = schedule(dt.date(2026, 12, 15), ReminderPolicy(days_before=(10, 2), overdue_every=3, send_hour=14),
                    until=dt.date(2026, 12, 22))
    assert [r.key for r in plan] == ["before-10", "before-2", "overdue-1", "overdue-4", "overdue-7"]
    assert all(r.kind in (BEFORE, OVERDUE) for r in plan)
    for bad in ({"days_before": (3, 3)}, {"days_before": (-1,)}, {"overdue_every": 0}, {"send_hour": 24},
                {"first_overdue_after": 0}, {"grace_days": -1}):
        with pytest.raises(ValueError):
            ReminderPolicy(**bad)


def test_addressees_before_and_after_escalation():
    from workflows.reminders import addressees

    plain = addressees(False, ["vp@x.vn"], ["Staff@x.vn"], ["head@x.vn"], ["rev@l.vn"])
    assert plain.to == ("vp@x.vn", "Staff@x.vn") and plain.cc == ()
    escalated = addressees(True, ["vp@x.vn"], ["staff@x.vn"], ["head@x.vn", "STAFF@x.vn"], ["rev@l.vn"])
    assert escalated.to == ("vp@x.vn", "staff@x.vn")
    assert escalated.cc == ("head@x.vn", "rev@l.vn")  # the staff member is not named twice


def test_a_unit_without_contacts_or_staff_reaches_its_head():
    from workflows.reminders import addressees

    assert addressees(False, [], [], ["head@x.vn"], ["rev@l.vn"]).to == ("head@x.vn",)
    nobody = addressees(False, [], [], [], ["rev@l.vn"])
    assert nobody.to == () and nobody.cc == ()


def test_find_tells_whether_a_queued_reminder_still_stands():
    from workflows.reminders import find

    due = dt.date(2026, 6, 15)
    assert find(due, POLICY, "before-3", dt.date(2026, 6, 12)) is None  # merged into before-1
    assert find(due, POLICY, "before-1", dt.date(2026, 6, 14)).send_on == dt.date(2026, 6, 12)
    assert find(due, POLICY, "overdue-8", dt.date(2026, 6, 23)).escalated
    # The due date moved to 30/6: the reminders of 15/6 are gone.
    assert find(dt.date(2026, 6, 30), POLICY, "before-0", dt.date(2026, 6, 15)) is None


@pytest.mark.parametrize("attempts, minutes", [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (40, 60)])
def test_retry_delay_doubles_up_to_an_hour(attempts, minutes):
    from workflows.reminders import retry_delay

    assert retry_delay(attempts) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("kwargs", [dict(days_before=()), dict(days_before=(31,)), dict(grace_days=8),
                                    dict(overdue_every=0), dict(send_hour=24)])
def test_policy_bounds(kwargs):
    with pytest.raises(ValueError):
        ReminderPolicy(**kwargs)


def test_an_overdue_notice_moved_before_a_holiday_is_due_on_its_send_day():
    # Weekly notices of a sub-plan due 31/3/2026 fall on Wednesdays; Wednesday 2/9/2026
    # is National Day (31/8 and 1/9 are holidays too): the notice goes out Friday 28/8.
    plan = schedule(dt.date(2026, 3, 31), POLICY, until=dt.date(2026, 8, 28))
    last = plan[-1]
    assert (last.key, last.nominal_on, last.send_on) == ("overdue-155", dt.date(2026, 9, 2), dt.date(2026, 8, 28))
    assert schedule(dt.date(2026, 3, 31), POLICY, until=dt.date(2026, 8, 27))[-1].key == "overdue-148"
