"""Dates: single strings, scanning, financial years."""

import pytest

from paperfinder.recognise.dates import financial_years, find_dates, parse_date


@pytest.mark.parametrize(
    "text,iso",
    [
        ("30 December 2020", "2020-12-30"),
        ("Monday 21 November 2016", "2016-11-21"),
        ("3 NOVEMBER 2014", "2014-11-03"),
        ("13th June 2016", "2016-06-13"),
        ("04/01/2021", "2021-01-04"),  # UK: day first
        ("21st November, 2016", "2016-11-21"),
        ("MONDAY, 15TH JUNE, 2015", "2015-06-15"),
        ("November 21, 2016", "2016-11-21"),
        ("2021-01-04", "2021-01-04"),
        ("Wednesday, 5th of April 2018", "2018-04-05"),
        ("the 3rd day of March 2015", "2015-03-03"),
        ("12.05.2016", "2016-05-12"),
        ("dated 5 April 2018", "2018-04-05"),
        ("2nd. May 2014", "2014-05-02"),  # a typed point after the ordinal
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["June 2017", "2020/21", "31 February 2020", "", "n/a", "Year 1", "1.2.10"])
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_find_dates_kinds_and_offsets():
    text = "Cabinet on Monday 21 November 2016 agreed £0.5m for 2020/21; review in June 2017."
    found = find_dates(text)
    assert [(d.surface, d.iso, d.kind) for d in found] == [
        ("Monday 21 November 2016", "2016-11-21", "day"),
        ("2020/21", "2020-04-01", "financial_year"),
        ("June 2017", "2017-06", "month"),
    ]
    for d in found:
        start, end, surface, iso = d  # still a plain 4-tuple
        assert text[start:end] == surface
    assert found[1].end_iso == "2021-03-31"


def test_financial_years():
    text = "between 2013/2014 and 2015/2016, 2014-15, FY2020/21 and 2016/17 - 2019/20; not 2020/22"
    assert [(d.surface, d.iso) for d in financial_years(text)] == [
        ("2013/2014", "2013-04-01"),
        ("2015/2016", "2015-04-01"),
        ("2014-15", "2014-04-01"),
        ("FY2020/21", "2020-04-01"),
        ("2016/17", "2016-04-01"),
        ("2019/20", "2019-04-01"),
    ]


def test_filters_and_non_dates():
    text = "para 1.2.10, 583 practitioners, may 2017 (a verb), 21-23 November 2016"
    found = find_dates(text)
    assert [d.surface for d in found] == ["23 November 2016"]
    assert find_dates("in 2020/21 and June 2017", financial=False, months=False) == []


def test_wrapped_date_and_markup_free_text():
    assert [d.iso for d in find_dates("held on\n15th June,\n2015")] == ["2015-06-15"]


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Cofnodion y cyfarfod nos Lun, 4 Medi 2017", "2017-09-04"),  # Welsh month
        ("Nos Fercher, 11eg HYDREF 2017.", "2017-10-11"),  # Welsh ordinal, in capitals
        ("Neuadd y Pentref 5ed o Dachwedd 2013", "2013-11-05"),  # "o" and a mutated month
        ("Miontuairiscí 4ú Meán Fómhair 2019", "2019-09-04"),  # Irish month of two words
        ("cruinniú 12 Marta 2020", "2020-03-12"),  # Irish month written without its accent
        ("meets in regular session this eleventh day of April 2012, in", "2012-04-11"),  # day in words
        ("WITNESS our signatures this twenty-first day of June, 1968.", "1968-06-21"),
    ],
)
def test_dates_in_welsh_irish_and_words(text, iso):
    assert [d.iso for d in find_dates(text) if d.kind == "day"] == [iso]


def test_month_names_need_a_word_boundary():
    assert find_dates("10 Marchx 2019") == []
    assert [d.iso for d in find_dates("Medi 2017")] == ["2017-09"]


def test_a_weekday_run_into_its_day():
    # a page lost the space between the weekday and the day: still the day's date
    assert [d.iso for d in find_dates("held at the Parish Hall on Tuesday26th September 2017, directly")] == ["2017-09-26"]
    # other letters run into a number are no date's day
    assert [d.iso for d in find_dates("ref abc26th September 2017")] == ["2017-09"]


def test_year_less_days_read_day_month_and_weekday():
    from paperfinder.recognise.dates import year_less_days

    days = year_less_days("The next meeting is to be held on Thursday 18th May at 7pm; the fete on the 8th of November.")
    assert [(d.weekday, d.day, d.month) for d in days] == [("Thursday", 18, 5), (None, 8, 11)]
    text = "DUFFERIN COUNTY COUNCIL Thursday, February 11, :00 p.m."
    (d,) = year_less_days(text)
    assert (text[d.start:d.end], d.day, d.month) == ("Thursday, February 11", 11, 2)


def test_year_less_days_leave_dated_days_times_and_the_before_a_day():
    from paperfinder.recognise.dates import year_less_days

    assert year_less_days("held on 11 June 2019, again on June 11, 2019 and June 12,2019") == []
    assert year_less_days("doors open June 12:30") == []
    text = "visited us on the 3rd May."
    (d,) = year_less_days(text)
    assert text[d.start:d.end] == "3rd May"


def test_month_first_reading_takes_a_two_figure_year():
    from paperfinder.recognise.dates import month_first_reading

    assert month_first_reading("05/02/06", "2006-02-05") == "2006-05-02"
    assert month_first_reading("05/02/2006", "2006-02-05") == "2006-05-02"
    assert month_first_reading("5 February 2006", "2006-02-05") == "2006-02-05"
