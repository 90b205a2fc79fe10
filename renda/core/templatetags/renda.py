"""Formatting at the edge: dates as 2024年3月8日, money in 元/万元, rates from numerator/denominator.

The date and percentage filters call renda.core.formats, which service messages and reports use too."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from renda.core import formats

register = template.Library()


@register.filter
def cn_date(value, part: str = "") -> str:
    """The date as formats.cn_date writes it, kept on one line (a date never breaks inside a line);
    `|cn_date:"day"` leaves out a datetime's time of day, `|cn_date:"month"` gives the month alone (2024年3月)."""
    text = formats.cn_month(value) if part == "month" else formats.cn_date(value, time=part != "day")
    return format_html('<span class="text-nowrap">{}</span>', text) if text else ""


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f} 元"


@register.filter
def wan_yuan(value) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value) / 10000:,.2f} 万元"


@register.simple_tag
def rate(numerator, denominator) -> str:
    """A percentage from a stored numerator and denominator (formats.percent): 82.6%, 100%, —."""
    return formats.percent(numerator, denominator)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("core/_sort_header.html", takes_context=True)
def sort_header(context, key: str, label: str) -> dict:
    """A column header that toggles ?sort=key / ?sort=-key and shows the direction."""
    current = context.get("sort", "")
    direction = "asc" if current == key else "desc" if current == f"-{key}" else ""
    target = f"-{key}" if current == key else key
    params = context["request"].GET.copy()
    params["sort"] = target
    params.pop("page", None)
    return {"label": label, "direction": direction, "href": f"?{params.urlencode()}"}


URGENCY = {"ok": ("success", "正常"), "soon": ("warning", "临近期限"), "overdue": ("danger", "已超期")}


@register.simple_tag
def urgency_badge(due) -> str:
    """The traffic light of a deadline (core.todos.urgency_of): 正常 / 临近期限 / 已超期 in words, with the date."""
    from renda.core.todos import urgency_of

    if not due:
        return ""
    colour, label = URGENCY[urgency_of(due)]
    return format_html('<span class="badge text-bg-{}">{}</span> {}', colour, label, cn_date(due))
