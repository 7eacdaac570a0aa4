"""`qlmatrix.schedule`: the dates a cadence and due point give, phrase by phrase, never invented."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qlmatrix.cadence import Cadence
from qlmatrix.schedule import NO_TIMING, due_dates

YEAR_2022 = date(2022, 1, 1), date(2022, 12, 31)
ISSUED = date(2022, 3, 15)


def dates(cadence: str | None, due: str | None = None, start=YEAR_2022[0], end=YEAR_2022[1], issued=None):
    timing = due_dates(Cadence.parse(cadence) if cadence else None, Cadence.parse(due) if due else None,
                       start, end, issued)
    assert timing.dated, timing.reason
    return [day.isoformat() for day in timing.dates]


def reason(cadence: str | None, due: str | None = None, issued=None):
    timing = due_dates(Cadence.parse(cadence) if cadence else None, Cadence.parse(due) if due else None,
                       *YEAR_2022, issued)
    assert not timing.dates and timing.reason is not None
    return timing.reason


@pytest.mark.parametrize(("phrase", "expected"), [
    ("每半年至少一次", ["2022-06-30", "2022-12-31"]),
    ("每半年至少专题研究一次", ["2022-06-30", "2022-12-31"]),
    ("每年底", ["2022-12-31"]),
    ("每年", ["2022-12-31"]),
    ("每年12月31日前", ["2022-12-31"]),
    ("每年6月底前", ["2022-06-30"]),
    ("每季度最后一个月的30日前", ["2022-03-30", "2022-06-30", "2022-09-30", "2022-12-30"]),
    ("每季度首月10日前", ["2022-01-10", "2022-04-10", "2022-07-10", "2022-10-10"]),
    ("每季度", ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]),
    ("2022年6月底前", ["2022-06-30"]),
    ("2022年9月15日前", ["2022-09-15"]),
    ("2023年6月底前", []),  # outside the range: nothing in 2022, and no reason either
])
def test_phrases_from_the_seeds_and_the_issue(phrase, expected):
    assert dates(phrase) == expected


def test_monthly_on_a_day_held_to_the_months_length():
    found = dates("每月30日前")
    assert found[0] == "2022-01-30" and found[1] == "2022-02-28" and len(found) == 12


def test_weekly_falls_on_sundays():
    found = dates("每周", start=date(2022, 3, 1), end=date(2022, 3, 31))
    assert found == ["2022-03-06", "2022-03-13", "2022-03-20", "2022-03-27"]


def test_end_of_the_five_year_plan():
    assert dates("到“十四五”末", start=date(2021, 1, 1), end=date(2030, 12, 31)) == ["2025-12-31"]
    assert dates(None, "“十三五”末", start=date(2015, 1, 1), end=date(2030, 12, 31)) == ["2020-12-31"]


def test_recurring_until_the_end_of_the_five_year_plan_stops_there():
    found = dates("每年", "到“十四五”末", start=date(2022, 1, 1), end=date(2027, 12, 31))
    assert found == ["2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"]


@pytest.mark.parametrize("phrase", ["定期", "常态化", "长期坚持"])
def test_vague_words_have_no_date(phrase):
    assert reason(phrase).zh == f"频次模糊（{phrase}），不生成日期"


def test_nothing_given_and_nothing_understood():
    assert reason(None) == NO_TIMING
    assert "无法" in reason("随时").zh
    assert "无法" in reason(None, "30日前").zh  # a day, of which month?


@pytest.mark.parametrize(("phrase", "expected"), [
    ("明年年底", "2023-12-31"),
    ("次年1月底前", "2023-01-31"),
    ("年底前", "2022-12-31"),
    ("当年6月底前", "2022-06-30"),
    ("2023年底前", "2023-12-31"),
])
def test_relative_dates_count_from_the_issue_date(phrase, expected):
    assert dates(phrase, start=date(2022, 1, 1), end=date(2024, 12, 31), issued=ISSUED) == [expected]


def test_relative_date_without_an_issue_date_says_so():
    assert "--issued" in reason("明年年底").en
    assert "发文日期" in reason(None, "年底前").zh


def test_nothing_falls_due_before_the_issue_date():
    assert dates("每季度", issued=ISSUED) == ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]
    assert dates("每季度", issued=date(2022, 4, 1)) == ["2022-06-30", "2022-09-30", "2022-12-31"]


def test_due_point_wins_over_the_cadences_own_period_end():
    assert dates("每年", "年底前") == ["2022-12-31"]
    assert dates("每半年", "每季度最后一个月的30日前") == ["2022-06-30", "2022-12-30"]


def test_cadence_reads_the_new_structure():
    assert Cadence.parse("每半年至少专题研究一次").min_count == 1
    assert (Cadence.parse("明年年底").year_offset, Cadence.parse("2023年底前").year) == (1, 2023)
    assert Cadence.parse("每季度最后一个月的30日前").month_in_period == "last"
    assert Cadence.parse("每季度首月10日前").month_in_period == "first"
    assert Cadence.parse("每年") == Cadence.parse(" 每年 ")  # equality is still the text


@given(st.sampled_from(["每年", "每半年", "每季度", "每月", "每周", "每季度最后一个月的30日前", "每月5日前"]),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)), st.integers(0, 800))
def test_recurring_dates_lie_in_the_range_in_order(phrase, start, length):
    from datetime import timedelta

    end = start + timedelta(days=length)
    found = due_dates(Cadence.parse(phrase), None, start, end).dates
    assert all(start <= day <= end for day in found)
    assert list(found) == sorted(set(found))
