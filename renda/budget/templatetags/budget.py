"""Amounts of the analytical store are integers in 分: shown in 元 or 万元 like the rest of the platform."""

from decimal import Decimal

from django import template

from renda.core.templatetags.renda import wan_yuan, yuan

register = template.Library()


@register.filter
def fen_yuan(value) -> str:
    return "" if value is None or value == "" else yuan(Decimal(value) / 100)


@register.filter
def fen_wan(value) -> str:
    return "" if value is None or value == "" else wan_yuan(Decimal(value) / 100)
