"""`{% load renda_about %}{% renda_version %}`: the installed version for the page footer (renda.core.about)."""

from django import template

from renda.core import about

register = template.Library()


@register.simple_tag
def renda_version() -> str:
    return about.version()


@register.simple_tag
def renda_licence() -> str:
    return about.licence()
