"""Every write on the suggestion fund (代表建议专项资金) and its projects.

Only the office (capability fund.manage) writes. A fund's projects never exceed its amount: the fund row is
locked while this is checked, and its amount cannot drop below what its projects were given."""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum

from renda.accounts.models import User
from renda.core import clock
from renda.core.history import history_user_set
from renda.core.roles import can
from renda.core.services import save_versioned
from renda.fund.models import FundProject, SuggestionFund
from renda.org.models import HandlingUnit
from renda.suggestions.models import Suggestion
from renda.suggestions.statistics import REGISTERED

FUND_FIELDS = frozenset({"year", "name", "amount", "note"})
FUND_PROJECT_FIELDS = frozenset(
    {"name", "suggestions", "unit", "amount", "status", "beneficiaries", "completed_on"}
)


def _office_only(actor: User) -> None:
    if not can(actor, "fund.manage"):
        raise PermissionDenied("只有代表工作机构可以进行此操作。")


def _only(changes: dict, allowed: frozenset) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(f"不能修改字段 {'、'.join(unknown)}。")


def _allocated(fund: SuggestionFund, *, excluding: int | None = None) -> Decimal:
    """What the fund's projects (but `excluding`) have been given."""
    projects = fund.projects.all() if excluding is None else fund.projects.exclude(pk=excluding)
    return projects.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _check_fund_amount(amount, allocated: Decimal) -> None:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": "资金总额须大于0。"})
    if amount < allocated:
        raise ValidationError({"amount": f"资金总额不能少于已安排到项目的{allocated:,.2f}元。"})


def _check_project(
    fund: SuggestionFund, project: FundProject, added: Sequence[Suggestion], *, unit_changed: bool
) -> None:
    """A project's amount fits in what is left of its (locked) fund; completion has a date, not in the future;
    a new unit is in use; only registered suggestions are linked."""
    errors = {}
    if not project.name.strip():
        errors["name"] = "请填写项目名称。"
    if project.amount is None or project.amount <= 0:
        errors["amount"] = "安排资金须大于0。"
    else:
        allocated = _allocated(fund, excluding=project.pk)
        if allocated + project.amount > fund.amount:
            errors["amount"] = (
                f"超出专项资金总额：总额{fund.amount:,.2f}元，其他项目已安排{allocated:,.2f}元。"
            )
    completed = project.status == FundProject.Status.COMPLETED
    if completed and not project.completed_on:
        errors["completed_on"] = "已完成的项目须填写完成日期。"
    elif not completed and project.completed_on:
        errors["completed_on"] = "项目完成后再填写完成日期。"
    elif project.completed_on and project.completed_on > clock.today():
        errors["completed_on"] = "完成日期不能晚于今天。"
    if unit_changed and not project.unit.active:
        errors["unit"] = f"实施单位已停用：{project.unit.name}。"
    unregistered = [suggestion.title for suggestion in added if suggestion.state not in REGISTERED]
    if unregistered:
        errors["suggestions"] = f"只能关联已立案的建议：{'、'.join(unregistered)}。"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def fund_create(*, year: int, name: str, amount: Decimal, actor: User, note: str = "") -> SuggestionFund:
    """A year's suggestion fund: money set aside for small projects arising from deputies' suggestions."""
    _office_only(actor)
    _check_fund_amount(amount, Decimal(0))
    fund = SuggestionFund(year=year, name=name.strip(), amount=amount, note=note)
    fund.full_clean()
    history_user_set(fund, actor)
    fund.save()
    return fund


@transaction.atomic
def fund_update(*, fund: SuggestionFund, expected_version: int, changes: dict, actor: User) -> SuggestionFund:
    """Correct a fund; its amount never drops below what its projects were given."""
    _office_only(actor)
    _only(changes, FUND_FIELDS)
    current = SuggestionFund.objects.select_for_update().get(pk=fund.pk)
    if "amount" in changes:
        _check_fund_amount(changes["amount"], _allocated(current))
    return save_versioned(current, expected_version=expected_version, changes=changes, actor=actor)


@transaction.atomic
def fund_project_create(
    *,
    fund: SuggestionFund,
    name: str,
    unit: HandlingUnit,
    amount: Decimal,
    actor: User,
    suggestions: Iterable[Suggestion] = (),
    status: str = FundProject.Status.PLANNED,
    beneficiaries: int = 0,
    completed_on: datetime.date | None = None,
) -> FundProject:
    """A project paid from `fund` to carry out suggestions (the fund row is locked while its total is checked)."""
    _office_only(actor)
    locked = SuggestionFund.objects.select_for_update().get(pk=fund.pk)
    suggestions = list(suggestions)
    project = FundProject(
        fund=locked,
        name=name.strip(),
        unit=unit,
        amount=amount,
        status=status,
        beneficiaries=beneficiaries,
        completed_on=completed_on,
    )
    _check_project(locked, project, suggestions, unit_changed=True)
    project.full_clean()
    history_user_set(project, actor)
    project.save()
    project.suggestions.set(suggestions)
    return project


@transaction.atomic
def fund_project_update(
    *, project: FundProject, expected_version: int, changes: dict, actor: User
) -> FundProject:
    """Progress, beneficiaries, completion or corrections of a project (a stale form cannot overwrite newer
    data)."""
    _office_only(actor)
    _only(changes, FUND_PROJECT_FIELDS)
    fund = SuggestionFund.objects.select_for_update().get(pk=project.fund_id)
    candidate = FundProject.objects.get(pk=project.pk)
    linked = set(candidate.suggestions.values_list("pk", flat=True))
    unit_id = candidate.unit_id
    for name, value in changes.items():
        if name != "suggestions":
            setattr(candidate, name, value)
    added = [suggestion for suggestion in changes.get("suggestions", ()) if suggestion.pk not in linked]
    _check_project(fund, candidate, added, unit_changed=candidate.unit_id != unit_id)
    return save_versioned(project, expected_version=expected_version, changes=changes, actor=actor)
