"""The moves of a self-reported duty entry and of a report to voters, declared once (core.workflow).

Services make them with `ENTRY_FLOW.apply` / `REPORT_FLOW.apply`; the pages' buttons and the API's
`available_actions` are `moves_for(user, obj)` of the same declarations. A move without `who` is made only by
the services (a voter's ballot on the public page)."""

from typing import Any

from django.core.exceptions import ValidationError

from renda.core import clock
from renda.core.formats import cn_date
from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move
from renda.duties.models import (
    DutyEntry,
    DutyEntryEvent,
    DutyReport,
    DutyReportEvent,
    EntryState,
    ReportState,
)

# Capabilities (declared and granted to roles in platform.py; core.roles.can checks them)
MANAGE, READ_ALL, OWN, KEEP = "duties.manage", "duties.read_all", "duties.own", "duties.keep"


def is_own(user: Any, deputy_id: int | None) -> bool:
    """The deputy themself."""
    return can(user, OWN) and user.deputy_id is not None and user.deputy_id == deputy_id


def keeps(user: Any, report: DutyReport) -> bool:
    """The keeper of the report's station."""
    return can(user, KEEP) and user.station_id is not None and user.station_id == report.station_id


BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有代表工作机构可以进行此操作。")
BY_AUTHOR = Who(lambda user, entry: is_own(user, entry.deputy_id), "只有填报的代表本人可以进行此操作。")
BY_STATION = Who(
    lambda user, report: can(user, MANAGE) or keeps(user, report),
    "只有该联络站管理员或代表工作机构可以进行此操作。",
)


# ---------------------------------------------------------------- self-reported entries


def _record_entry(entry: DutyEntry, **event: Any) -> None:
    DutyEntryEvent.objects.create(entry=entry, **event)


ENTRY_FLOW: Workflow[DutyEntry] = Workflow(
    DutyEntry,
    [
        move("edit", "修改", EntryState.SUBMITTED, who=BY_AUTHOR),
        move("withdraw", "撤回", EntryState.SUBMITTED, EntryState.WITHDRAWN, who=BY_AUTHOR),
        move("approve", "认定", EntryState.SUBMITTED, EntryState.APPROVED, who=BY_OFFICE),
        move("reject", "不予认定", EntryState.SUBMITTED, EntryState.REJECTED, who=BY_OFFICE),
    ],
    states=EntryState,
    record=_record_entry,
)


# ---------------------------------------------------------------- reports to voters


def _record_report(report: DutyReport, **event: Any) -> None:
    DutyReportEvent.objects.create(report=report, **event)


def _has_taken_place(report: DutyReport) -> None:
    if report.date > clock.today():
        raise ValidationError(
            f"述职日期为{cn_date(report.date)}，尚未到来，不能登记述职情况。", code="not_yet_held"
        )


REPORT_FLOW: Workflow[DutyReport] = Workflow(
    DutyReport,
    [
        move("edit", "修改", ReportState.SCHEDULED, who=BY_STATION),
        move("cancel", "取消", ReportState.SCHEDULED, ReportState.CANCELLED, who=BY_STATION),
        move(
            "hold",
            "登记述职",
            ReportState.SCHEDULED,
            ReportState.HELD,
            who=BY_STATION,
            check=_has_taken_place,
        ),
        move("enter_ratings", "录入评议票", ReportState.HELD, who=BY_STATION),
        move("issue_ballots", "生成现场评议码", ReportState.HELD, who=BY_STATION),
        move("cast", "选民现场评议", ReportState.HELD),  # a voter, on the public page, without an account
        move("close", "结束评议", ReportState.HELD, ReportState.CLOSED, who=BY_STATION),
    ],
    states=ReportState,
    record=_record_report,
)
