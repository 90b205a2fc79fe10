"""The office's page of every unit's cases, all kinds together (selectors.unit_loads)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renda.casework.kinds import kinds
from renda.casework.platform import READ_ALL
from renda.casework.selectors import FIGURES, unit_loads
from renda.core import clock
from renda.core.export import xlsx_response
from renda.core.roles import capability_required


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return clock.today().year
    return year if 2000 <= year <= 2099 else clock.today().year


@capability_required(READ_ALL)
def units(request: HttpRequest) -> HttpResponse:
    """承办单位办理情况: per unit and kind of case, the year's assignments, answers, answers on time, open and
    overdue; printable and exported to Excel."""
    year = _year(request)
    loads = unit_loads(year)
    declared = kinds()
    if request.GET.get("export") == "xlsx":
        headers = ["承办单位"] + [f"{k.label}{label}" for k in declared for label in FIGURES.values()]
        headers += [f"合计{label}" for label in FIGURES.values()]
        rows = (
            [load.name]
            + [load.by_kind[k.name][f] for k in declared for f in FIGURES]
            + [load.total(f) for f in FIGURES]
            for load in loads
        )
        return xlsx_response(f"承办单位办理情况（{year}年）", headers, rows)
    table = [
        {
            "name": load.name,
            "cells": [load.by_kind[k.name][f] for k in declared for f in FIGURES],
            "totals": [load.total(f) for f in FIGURES],
        }
        for load in loads
    ]
    return render(
        request,
        "casework/units.html",
        {
            "year": year,
            "years": range(clock.today().year, clock.today().year - 6, -1),
            "kinds": declared,
            "figures": FIGURES.values(),
            "table": table,
        },
    )
