"""The rules of a plan's schedule (``workflows.schedules``), checked against dates worked out by hand."""
import datetime as dt

from workflows import schedules
from workflows.enums import DeliverableKind as K

D = dt.date


def test_each_kind_covers_the_period_decree_09_gives_it():
    def period(kind, n=1, year=2027):
        p = schedules.period(schedules.Entry(kind, n, D(year, 12, 31)), year)
        return p.start_on, p.end_on

    assert period(K.SUBPLAN) == (D(2027, 1, 1), D(2027, 12, 31))
    assert period(K.QUARTERLY, 1) == (D(2026, 12, 15), D(2027, 3, 14))
    assert period(K.QUARTERLY, 2) == (D(2027, 3, 15), D(2027, 6, 14))
    assert period(K.QUARTERLY, 3) == (D(2027, 6, 15), D(2027, 9, 14))
    assert period(K.QUARTERLY, 4) == (D(2027, 9, 15), D(2027, 12, 14))
    assert period(K.SIX_MONTH) == (D(2026, 12, 15), D(2027, 6, 14))
    assert period(K.NINE_MONTH) == (D(2026, 12, 15), D(2027, 9, 14))
    assert period(K.ANNUAL) == (D(2026, 12, 15), D(2027, 12, 14))
    # The five-year review looks back over the programme's five years, this one included.
    assert period(K.FIVE_YEAR, year=2025) == (D(2020, 12, 15), D(2025, 9, 14))


def test_the_default_schedule_is_what_most_plans_ask():
    assert [(e.kind, e.due_on) for e in schedules.default_entries(2027)] == [
        (K.SUBPLAN, D(2027, 3, 31)), (K.SIX_MONTH, D(2027, 6, 15)), (K.ANNUAL, D(2027, 12, 15))]
    quarters = schedules.default_entries(2027, kinds=(K.QUARTERLY,))
    assert [(e.occurrence, e.due_on) for e in quarters] == [
        (1, D(2027, 3, 20)), (2, D(2027, 6, 20)), (3, D(2027, 9, 20)), (4, D(2027, 12, 20))]


def test_field_names_are_what_the_form_and_the_api_speak():
    assert [schedules.field_name(k, n) for k, n in schedules.slots()] == [
        "subplan_due_on", "quarterly_1_due_on", "quarterly_2_due_on", "quarterly_3_due_on", "quarterly_4_due_on",
        "six_month_due_on", "nine_month_due_on", "annual_due_on", "five_year_due_on"]


def test_a_schedule_must_ask_something_in_its_year_and_in_order():
    entry = schedules.Entry
    assert set(schedules.problems(2027, [])) == {"schedule"}
    assert set(schedules.problems(2027, [entry(K.ANNUAL, 1, D(2029, 1, 5))])) == {"annual_due_on"}
    assert schedules.problems(2027, [entry(K.ANNUAL, 1, D(2028, 1, 5))]) == {}  # early the next year is fine
    assert set(schedules.problems(2027, [entry(K.SIX_MONTH, 1, D(2027, 12, 20)),
                                         entry(K.ANNUAL, 1, D(2027, 12, 15))])) == {"annual_due_on"}
    assert set(schedules.problems(2027, [entry(K.QUARTERLY, 1, D(2027, 3, 20)), entry(K.QUARTERLY, 2, D(2027, 3, 1))])) \
        == {"quarterly_2_due_on"}
    # Nam Định: no sub-plan, reports by 10/6 and 10/12, a Q3 review and a five-year review.
    nam_dinh = [entry(K.SIX_MONTH, 1, D(2027, 6, 10)), entry(K.NINE_MONTH, 1, D(2027, 9, 30)),
                entry(K.ANNUAL, 1, D(2027, 12, 10)), entry(K.FIVE_YEAR, 1, D(2027, 10, 31))]
    assert schedules.problems(2027, nam_dinh) == {}
    # Due before their periods end: saved, with a warning each.
    assert [e.kind for e in schedules.too_close(2027, nam_dinh)] == [K.SIX_MONTH, K.ANNUAL]
