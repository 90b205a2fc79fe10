"""The handling chain's reminders (core.reminders), the same for every kind of case: an answer overdue or due
soon, a first contact not made in time, a joint unit's opinion late. casework's daily tick sends them for every
declared kind (platform.py). A key names the kind, the row and, for answers, the round, so a reminder goes out
once per row (per round), however often the tick runs."""

from typing import Any

from renda.casework.kinds import CaseKind
from renda.casework.models import AssignmentRole, AssignmentState
from renda.casework.selectors import owing, soon
from renda.casework.services import unit_users
from renda.core.formats import cn_date
from renda.core.reminders import Reminder


def assignment_reminders(kind: CaseKind) -> list[Reminder]:
    label, prefix = kind.label, kind.key_prefix

    def title(a: Any) -> str:
        return kind.title(a.case)

    def url(a: Any) -> str:
        return kind.url(a.case)

    return [
        Reminder(
            name="overdue",
            counted=False,  # the area's tick counts the cases it marks overdue under this name
            due=lambda today: owing(kind).filter(due__lt=today),
            recipients=lambda a: unit_users(a.unit_id) + kind.office_users(),
            title=lambda a: f"{label}答复已超期：{title(a)}",
            body=lambda a: f"{a.unit.name}，答复期限{cn_date(a.due)}。",
            url=url,
            key=lambda a: f"{prefix}overdue:{a.pk}:{kind.round(a.case)}",
        ),
        Reminder(
            name="due_soon",
            due=lambda today: owing(kind).filter(due__gte=today, due__lte=soon(today)),
            recipients=lambda a: unit_users(a.unit_id),
            title=lambda a: f"{label}答复即将到期：{title(a)}",
            body=lambda a: f"答复期限{cn_date(a.due)}。",
            url=url,
            key=lambda a: f"{prefix}due-soon:{a.pk}:{kind.round(a.case)}",
        ),
        Reminder(
            name="contact",
            due=lambda today: owing(kind).filter(contact_deadline__lt=today, contacts__isnull=True),
            recipients=lambda a: unit_users(a.unit_id),
            title=lambda a: f"尚未联系{kind.party}：{title(a)}",
            body=lambda a: f"应于{cn_date(a.contact_deadline)}前与{kind.party}联系沟通{kind.contact_law}。",
            url=url,
            key=lambda a: f"{prefix}contact:{a.pk}",
        ),
        Reminder(
            name="joint_opinion",
            due=lambda today: kind.assignment._default_manager.filter(
                kind.handling_q(),
                role=AssignmentRole.JOINT,
                state__in=[AssignmentState.ASSIGNED, AssignmentState.ACCEPTED],
                opinion_due__lt=today,
            ).select_related(kind.case_field),
            recipients=lambda a: unit_users(a.unit_id),
            title=lambda a: f"会办意见已超期：{title(a)}",
            body=lambda a: f"应于{cn_date(a.opinion_due)}前向主办单位提出会办意见。",
            url=url,
            key=lambda a: f"{prefix}joint-opinion:{a.pk}",
        ),
    ]
