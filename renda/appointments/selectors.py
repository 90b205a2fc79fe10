"""Reads of appointments: who may see what, the current office-holders and their history, exams still valid,
vacant posts, the papers' privacy and the year's figures (computed in the database)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, DateField, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.http import Http404

from renda.appointments.models import (
    Appointment,
    AppointmentKind,
    AppointmentState,
    Holding,
    LegalExam,
    Person,
    Post,
)
from renda.appointments.workflows import MANAGE, READ
from renda.core.roles import can
from renda.org.models import Term

DECIDED = [AppointmentState.ADOPTED, AppointmentState.SWORN, AppointmentState.PUBLISHED]
BEFORE_VOTE = [AppointmentState.NOMINATED, AppointmentState.SCHEDULED, AppointmentState.VOTING]


# ------------------------------------------------------------------ visibility


def appointments_visible_to(user) -> QuerySet[Appointment]:
    """The office and the members of the standing committee see every appointment; others none (the public
    sees the published decisions only, `appointments_public`)."""
    rows = Appointment.objects.select_related("person", "post", "term", "meeting", "exam")
    if can(user, MANAGE) or can(user, READ):
        return rows
    return rows.none()


def appointment_get_for_user(user, pk) -> Appointment:
    try:
        return appointments_visible_to(user).get(pk=pk)
    except (Appointment.DoesNotExist, ValueError, TypeError):
        raise Http404("任免事项不存在或无权查看。") from None


def posts_visible_to(user) -> QuerySet[Post]:
    if can(user, MANAGE) or can(user, READ):
        return Post.objects.all()
    return Post.objects.none()


def post_get_for_user(user, pk) -> Post:
    try:
        return posts_visible_to(user).get(pk=pk)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404("职务不存在或无权查看。") from None


def holdings_visible_to(user) -> QuerySet[Holding]:
    if can(user, MANAGE) or can(user, READ):
        return Holding.objects.select_related("post", "person", "appointed_by", "ended_by")
    return Holding.objects.none()


def may_see_papers(user, appointment: Appointment) -> bool:
    """【个人信息保护法】 A nominee's personal documents (résumé, exam paper, nominating letter): the office
    always; the members of the standing committee until the vote ends; nobody else. What is public afterwards
    is the name, post and decision."""
    if can(user, MANAGE):
        return True
    return can(user, READ) and appointment.state in BEFORE_VOTE


def appointments_public(year: int | None = None) -> QuerySet[Appointment]:
    """Published decisions: the public site's list (name, post, decision — nothing personal)."""
    rows = Appointment.objects.filter(state=AppointmentState.PUBLISHED).select_related("person", "post")
    return rows.filter(decided_on__year=year) if year else rows


# ------------------------------------------------------------------ posts and holders


def current_holdings() -> QuerySet[Holding]:
    """The current office-holders (在任): open holdings."""
    return Holding.objects.filter(end_date__isnull=True).select_related("post", "person", "appointed_by")


def posts_with_vacancy() -> QuerySet[Post]:
    """Active posts no one holds, with `vacant_since` (the last holding's end, or the day the post was
    registered), annotated in the database."""
    open_holding = Holding.objects.filter(post=OuterRef("pk"), end_date__isnull=True)
    return (
        Post.objects.filter(active=True)
        .annotate(
            held=Exists(open_holding),
            vacant_since=Coalesce(
                Max("holdings__end_date"), TruncDate("created_at"), output_field=DateField()
            ),
        )
        .filter(held=False)
    )


def vacant_too_long(today: datetime.date, days: int) -> QuerySet[Post]:
    """【地】 Posts vacant for more than `days` days (`vacant_since` annotated), in the database."""
    return (
        posts_with_vacancy()
        .filter(vacant_since__lt=today - datetime.timedelta(days=days))  # type: ignore[misc]
        .order_by("order", "pk")
    )


def valid_exam(person: Person, term: Term | int) -> LegalExam | None:
    """A passed exam of `person` in `term` (an exam is valid for the term in which it was taken)."""
    return (
        LegalExam.objects.filter(person=person, term=term, passed=True).order_by("-taken_on", "-pk").first()
    )


def rejections(person: Person, post: Post, term: Term | int) -> int:
    return Appointment.objects.filter(
        person=person, post=post, term=term, kind=AppointmentKind.APPOINT, state=AppointmentState.REJECTED
    ).count()


def government_nomination_window(term: Term, today: datetime.date) -> datetime.date | None:
    """【国】 The new government nominates its department heads within 2 months of its election (the term's
    first session): the deadline, while it runs and department-head posts are still unfilled in this term."""
    from renda.core.calendar import add_months

    deadline = add_months(term.start_date, 2)
    if not term.start_date <= today <= deadline:
        return None
    return deadline if department_heads_unfilled(term).exists() else None


def department_heads_unfilled(term: Term) -> QuerySet[Post]:
    """Department-head posts without an appointment decided or pending in this term."""
    from renda.appointments.models import PostKind

    pending = Appointment.objects.filter(
        post=OuterRef("pk"), term=term, kind=AppointmentKind.APPOINT
    ).exclude(state__in=[AppointmentState.REJECTED, AppointmentState.WITHDRAWN])
    return Post.objects.filter(active=True, kind=PostKind.DEPT_HEAD).exclude(Exists(pending))


def lost_deputy_status_members() -> QuerySet[Any]:
    """Seated members of the standing committee whose deputy status has ended: their seat ends with it
    (代表法 Art. 50: 常委会组成人员的代表资格终止的，其常委会组成人员职务相应终止)."""
    from renda.deputies.choices import DeputyStatus
    from renda.org.models import CommitteeMembership

    return (
        CommitteeMembership.objects.filter(end_date__isnull=True)
        .exclude(deputy__status=DeputyStatus.ACTIVE)
        .select_related("deputy", "term")
    )


# ------------------------------------------------------------------ statistics


KIND_KEYS = {
    AppointmentKind.APPOINT: "appoint",
    AppointmentKind.REMOVE: "remove",
    AppointmentKind.RESIGN: "resign",
    AppointmentKind.DISMISS: "dismiss",
}


@dataclass(frozen=True)
class Figures:
    """任免国家机关工作人员X人次: the decisions adopted, by kind."""

    label: str
    appoint: int
    remove: int
    resign: int
    dismiss: int

    @property
    def total(self) -> int:
        return self.appoint + self.remove + self.resign + self.dismiss

    @property
    def text(self) -> str:
        return (
            f"任免国家机关工作人员{self.total}人次（任命{self.appoint}人次，免职{self.remove}人次，"
            f"接受辞职{self.resign}人次，撤职{self.dismiss}人次）"
        )


def _counts(rows: QuerySet[Appointment]) -> dict[str, int]:
    return rows.aggregate(**{key: Count("pk", filter=Q(kind=kind)) for kind, key in KIND_KEYS.items()})


def decided() -> QuerySet[Appointment]:
    return Appointment.objects.filter(state__in=DECIDED, decided_on__isnull=False)


def year_figures(year: int) -> Figures:
    return Figures(f"{year}年", **_counts(decided().filter(decided_on__year=year)))


def term_figures(term: Term) -> Figures:
    return Figures(str(term), **_counts(decided().filter(term=term)))


def figures_by_year() -> list[Figures]:
    """Every year with decisions, newest first: one grouped query."""
    rows = (
        decided()
        .annotate(year=ExtractYear("decided_on"))
        .values("year")
        .annotate(**{key: Count("pk", filter=Q(kind=kind)) for kind, key in KIND_KEYS.items()})
        .order_by("-year")
    )
    return [Figures(f"{r['year']}年", *(r[k] for k in KIND_KEYS.values())) for r in rows]


# ------------------------------------------------------------------ appraisal (述职述法评议)


def appraisals_visible_to(user) -> QuerySet[Any]:
    """The office and the members see every appraisal and its result; others none."""
    from renda.appointments.models import Appraisal

    rows = Appraisal.objects.select_related("holding__post", "holding__person", "meeting")
    if can(user, MANAGE) or can(user, READ):
        return rows
    return rows.none()


def appraisal_get_for_user(user, pk) -> Any:
    from renda.appointments.models import Appraisal

    try:
        return appraisals_visible_to(user).get(pk=pk)
    except (Appraisal.DoesNotExist, ValueError, TypeError):
        raise Http404("述职述法评议不存在或无权查看。") from None
