"""Property tests (hypothesis) for the figure parsers and checks: whatever is typed, a
number comes out or a clear refusal — never a crash, never a wrong number."""
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflows.checks import Finding
from workflows.figures import (ALLOCATED, CELLS, DISBURSED, TOTAL, TOTAL_ROW, Item, budget_totals, check_budget,
                               check_results, check_target)
from workflows.numbers import MAX_AMOUNT, NumberFormatError, parse_amount, parse_count, rate
from workflows.targets import parse_rate

# Bounded so the suite stays fast: a few hundred examples per property.
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def vn_grouped(n):
    return f"{n:,}".replace(",", ".")


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_a_count_reads_back_in_every_way_it_is_written(n):
    assert parse_count(str(n)) == n
    assert parse_count(vn_grouped(n)) == n
    assert parse_count(f"  {vn_grouped(n).replace('.', ' ')} ") == n


@FAST
@given(st.text(max_size=30))
def test_any_text_is_a_count_or_a_refusal(text):
    try:
        value = parse_count(text)
    except NumberFormatError:
        return
    assert isinstance(value, int) and value >= 0
    assert value == int("".join(ch for ch in text if ch.isdigit()))


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT - 1, places=3, allow_nan=False, allow_infinity=False)


@FAST
@given(amounts)
def test_an_amount_reads_back_written_the_vietnamese_or_the_plain_way(value):
    whole, _, decimals = f"{value:f}".partition(".")
    decimals = decimals.rstrip("0")
    vietnamese = vn_grouped(int(whole)) + (f",{decimals}" if decimals else "")
    assert parse_amount(vietnamese) == value
    assert parse_amount(whole + (f",{decimals}" if decimals else "")) == value
    if decimals and (len(decimals) != 3 or whole == "0"):
        # A spreadsheet's decimal point; "1.234" stays one thousand two hundred and
        # thirty-four, as a Vietnamese reader means it.
        assert parse_amount(f"{whole}.{decimals}") == value


@FAST
@given(st.one_of(st.text(max_size=30), st.from_regex(r"-?[0-9.,]{1,15}", fullmatch=True)))
def test_any_text_is_an_amount_or_a_refusal(text):
    try:
        value = parse_amount(text)
    except NumberFormatError:
        return
    assert isinstance(value, Decimal) and 0 <= value < MAX_AMOUNT
    assert value.as_tuple().exponent >= -3


@FAST
@given(st.one_of(st.text(max_size=20), st.from_regex(r"-?[0-9]{0,4}[.,]?[0-9]{0,4}%?", fullmatch=True)))
def test_any_text_is_a_rate_or_a_refusal(text):
    try:
        value = parse_rate(text)
    except ValueError:
        return
    assert 0 <= value <= 100 and value.as_tuple().exponent >= -2


@FAST
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_rate_of_a_part_is_a_percentage_with_two_decimals(part, whole):
    value = rate(min(part, whole), whole)
    if whole == 0:
        assert value is None
    else:
        assert 0 <= value <= 100 and value.as_tuple().exponent == -2


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))
RESULT_KEYS = ("households_end", "poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end",
               "near_poor_start", "near_poor_escaped", "near_poor_new", "near_poor_fell_back", "near_poor_end",
               "ethnic_poor_end")


@FAST
@given(st.fixed_dictionaries({k: counts for k in RESULT_KEYS}),
       st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)))
def test_the_checks_of_results_never_crash_and_name_a_known_field(figures, typed_rate):
    found = check_results({**figures, "poor_rate_end": typed_rate})
    assert all(isinstance(f, Finding) and f.field in (*RESULT_KEYS, "poor_rate_end") for f in found)


@FAST
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**6),
       st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_results_that_add_up_pass(households, start, new, fell_back):
    start = min(start, households)
    escaped = min(start, new + fell_back + start // 2)
    end = start - escaped + new + fell_back
    households = max(households, end)
    figures = {"households_end": households, "poor_start": start, "poor_escaped": escaped, "poor_new": new,
               "poor_fell_back": fell_back, "poor_end": end}
    assert check_results(figures) == []


@FAST
@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7),
       st.integers(min_value=0, max_value=10**7))
def test_a_target_row_that_holds_passes(households, poor, reduction):
    poor = min(poor, households)
    reduction = min(reduction, poor)
    row = {"households_start": households, "poor_start": poor, "poor_reduction": reduction,
           "households_end": households, "poor_end": poor - reduction}
    assert check_target(row, {"poor_start": poor, "poor_reduction": reduction}) == []


ITEMS = [Item(1, "DA1", children=[2, 3]), Item(2, "DA1.TDA1", parent=1), Item(3, "DA1.TDA2", parent=1),
         Item(4, "DA2")]
cell = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**8, places=3))


@FAST
@given(st.dictionaries(st.sampled_from(["1", "2", "3", "4", TOTAL_ROW]),
                       st.fixed_dictionaries({ALLOCATED: st.fixed_dictionaries({c: cell for c in (*CELLS, TOTAL)}),
                                              DISBURSED: st.fixed_dictionaries({c: cell for c in (*CELLS, TOTAL)})})))
def test_the_budget_checks_never_crash(lines):
    found = check_budget(lines, ITEMS, (ALLOCATED, DISBURSED))
    assert all(f.field.startswith("budget-") for f in found)


@FAST
@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=3), min_size=3, max_size=3))
def test_a_budget_built_to_add_up_passes(amounts):
    sub1, sub2, other = (Decimal(a) for a in amounts)
    lines = {"2": {ALLOCATED: {"central_recurrent": sub1}, DISBURSED: {"central_recurrent": sub1 / 2}},
             "3": {ALLOCATED: {"local_investment": sub2}},
             "4": {ALLOCATED: {"other": other, TOTAL: other}}}
    lines[TOTAL_ROW] = {ALLOCATED: {TOTAL: budget_totals(lines, ITEMS, ALLOCATED)[TOTAL]}}
    assert check_budget(lines, ITEMS, (ALLOCATED, DISBURSED)) == []
