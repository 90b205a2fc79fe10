"""One date format (2024年3月8日) and one percentage format (82.6%) for pages, messages and reports."""

import datetime
import re
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from renda.core.formats import cn_date, cn_month, percent
from renda.suggestions.statistics import Rate

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime.date(2024, 3, 8), "2024年3月8日"),
        (datetime.date(2024, 12, 25), "2024年12月25日"),
        (datetime.datetime(2024, 3, 8, 9, 5), "2024年3月8日 09:05"),
        (None, ""),
        ("", ""),
    ],
)
def test_dates_are_written_without_zero_padding(value, text):
    assert cn_date(value) == text


def test_a_datetime_is_read_in_local_time_and_may_leave_out_the_time():
    late_utc = datetime.datetime(2024, 3, 7, 18, 30, tzinfo=datetime.UTC)  # 8 March 02:30 in Beijing
    assert cn_date(late_utc) == "2024年3月8日 02:30"
    assert cn_date(late_utc, time=False) == "2024年3月8日"
    assert cn_date(datetime.date(2024, 3, 8), time=False) == "2024年3月8日"
    assert cn_date(datetime.datetime(2024, 3, 8, 2, 30, tzinfo=SHANGHAI)) == "2024年3月8日 02:30"


def test_a_month_is_written_without_its_day():
    from django.template import Context, Template

    assert cn_month(datetime.date(2024, 3, 1)) == "2024年3月" and cn_month(None) == ""
    shown = Template('{{ d|cn_date:"month" }}').render(Context({"d": datetime.date(2024, 11, 1)}))
    assert shown == '<span class="text-nowrap">2024年11月</span>'


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [
        (76, 92, "82.6%"),
        (92, 92, "100%"),
        (49, 50, "98%"),
        (48, 49, "98%"),
        (1, 3, "33.3%"),
        (2, 3, "66.7%"),
        (1, 8, "12.5%"),
        (0, 5, "0%"),
        (3, 0, "—"),
        (3, None, "—"),
        (Decimal("1.5"), 2, "75%"),
    ],
)
def test_percentages_one_decimal_none_when_whole(numerator, denominator, text):
    assert percent(numerator, denominator) == text


def test_a_rate_prints_as_its_percentage():
    assert str(Rate(76, 92)) == "82.6%"
    assert str(Rate(0, 0)) == "—"


def test_the_date_filter_keeps_a_date_on_one_line():
    day = datetime.date(2024, 3, 8)
    assert render("{{ day|cn_date }}", day=day) == '<span class="text-nowrap">2024年3月8日</span>'
    moment = datetime.datetime(2024, 3, 7, 18, 30, tzinfo=datetime.UTC)
    assert render('{{ t|cn_date:"day" }}', t=moment) == '<span class="text-nowrap">2024年3月8日</span>'
    assert render("{{ t|cn_date }}", t=moment) == '<span class="text-nowrap">2024年3月8日 02:30</span>'


def test_no_date_renders_nothing_so_a_default_applies():
    assert render("{{ day|cn_date }}", day=None) == ""
    assert render('{{ day|cn_date|default:"—" }}', day=None) == "—"


def test_the_rate_tag_is_the_same_percentage():
    assert render("{% rate 76 92 %}") == "82.6%"
    assert render("{% rate 92 92 %}") == "100%"
    assert render("{% rate 1 0 %}") == "—"


ROOT = Path(__file__).resolve().parents[2]
# Writing a date any other way: a zero-padded strftime/f-string pattern, or Django's |date filter.
OTHER_DATE_OUTPUT = re.compile(r"""[:(\"']%Y年%m月|%m月%d日|\|date:|\{\{[^}]*\|date\b""")


def test_no_other_date_format_is_left_in_code_or_templates():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted([*ROOT.rglob("*.py"), *ROOT.rglob("*.html")])
        if "migrations" not in path.parts and path.name != "test_formats.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OTHER_DATE_OUTPUT.search(line) and "INPUT_FORMATS" not in line
    ]
    assert offenders == []
