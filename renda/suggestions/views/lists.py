"""The lists: every suggestion, the deputy's own, the review queue, the unit's to-do, reassignment requests,
the supervision board, and the public page of published replies."""

from typing import Any

from django.utils import timezone
from django.views.generic import ListView

from renda.core.listing import HtmxPartialMixin
from renda.core.roles import can
from renda.core.rules import rule
from renda.suggestions import selectors
from renda.suggestions.forms import MineFilter, SearchFilter, SuggestionFilter
from renda.suggestions.models import Suggestion
from renda.suggestions.views.common import RoleListView, assignment_actions, suggestion_actions
from renda.suggestions.workflows import AUTHOR, HANDLE, MANAGE, READ_ALL


def _unit_names(suggestion: Suggestion) -> str:
    return "、".join(
        f"{a.unit.name}（{a.get_role_display()}）" for a in getattr(suggestion, "current_assignments", [])
    )


class SuggestionListView(RoleListView):
    """全部建议: the registry with filters, sort and Excel export."""

    capability = READ_ALL
    template_name = "suggestions/list.html"
    filterset_class = SuggestionFilter
    sort_fields = {
        "number": ["-year", "serial"],
        "title": ["title"],
        "state": ["state"],
        "deputy": ["lead_deputy__name_pinyin"],
        "submitted": ["submitted_at"],
        "due": ["reply_due"],
    }
    export_filename = "代表建议"
    export_columns = (
        ("编号", lambda s: s.number),
        ("标题", lambda s: s.title),
        ("类型", lambda s: s.get_kind_display()),
        ("领衔代表", lambda s: s.lead_deputy.name),
        ("分类", lambda s: str(s.category or "")),
        ("提出时间", lambda s: s.get_timing_display()),
        ("状态", lambda s: s.get_state_display()),
        ("承办单位", _unit_names),
        ("交办日期", lambda s: s.assigned_on),
        ("答复期限", lambda s: s.reply_due),
        ("超期", lambda s: "是" if s.is_overdue else ""),
        ("重点督办", lambda s: "是" if s.is_key else ""),
    )

    def get_base_queryset(self):
        return selectors.suggestion_list_for(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(is_office=can(self.request.user, MANAGE), **kwargs)


class MineView(RoleListView):
    """我的建议: the deputy's own and co-signed suggestions, and invitations to co-sign."""

    capability = AUTHOR
    template_name = "suggestions/mine.html"
    filterset_class = MineFilter
    sort_fields = {"created": ["created_at"], "state": ["state"], "due": ["reply_due"]}
    default_sort = "-created"

    def get_base_queryset(self):
        return selectors.deputy_suggestion_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["invitations"] = selectors.cosign_invitations(self.request.user)
        return context


class ReviewQueueView(RoleListView):
    """审查: submitted suggestions and motions awaiting the presidium."""

    capability = MANAGE
    template_name = "suggestions/review.html"
    filterset_class = SearchFilter
    sort_fields = {"submitted": ["submitted_at"], "title": ["title"]}
    default_sort = "submitted"

    def get_base_queryset(self):
        return selectors.review_queue()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for suggestion in context["object_list"]:
            suggestion.actions = suggestion_actions(self.request.user, suggestion)
        return context


COMMITMENTS_SHOWN = 20


class TodoView(RoleListView):
    """承办单位待办: open assignments with traffic lights, and open commitments."""

    capability = HANDLE
    template_name = "suggestions/todo.html"
    sort_fields = {"due": ["due"]}

    def get_base_queryset(self):
        return selectors.unit_todo(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for assignment in context["object_list"]:
            assignment.actions = assignment_actions(self.request.user, assignment)
            assignment.can_request_reassignment = today <= assignment.reassign_deadline
        # The soonest due only: a busy unit keeps thousands open over the years (one more row tells if any).
        commitments = list(selectors.unit_commitments(self.request.user)[: COMMITMENTS_SHOWN + 1])
        context["commitments"] = commitments[:COMMITMENTS_SHOWN]
        context["more_commitments"] = len(commitments) > COMMITMENTS_SHOWN
        return context


class ReassignmentListView(RoleListView):
    """调整申请: units that think they are the wrong unit."""

    capability = MANAGE
    template_name = "suggestions/reassignments.html"

    def get_base_queryset(self):
        return selectors.reassignment_requests()


BOARD_SUPERVISIONS = 50  # the board's latest key supervisions; the rest on the suggestions list (重点督办)


class BoardView(RoleListView):
    """督办看板: open, overdue and due-soon answers by unit; key supervision; coordination."""

    capability = READ_ALL
    template_name = "suggestions/board.html"
    export_filename = "建议办理督办"
    export_columns = (
        ("承办单位", lambda u: u.name),
        ("在办件数", lambda u: u.open_count),
        ("已超期", lambda u: u.overdue_count),
        ("临近期限", lambda u: u.soon_count),
    )

    def get_base_queryset(self):
        return selectors.supervision_board()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        supervisions = selectors.key_supervisions()
        context["supervisions"] = supervisions[:BOARD_SUPERVISIONS]
        context["supervision_count"] = supervisions.count()
        context["coordination"] = selectors.coordination_queue()
        context["due_soon_days"] = rule("due_soon_days")
        return context


class PublicReplyListView(HtmxPartialMixin, ListView):
    """公开答复: published replies for everyone, without signing in; deputies' names only."""

    template_name = "suggestions/public_replies.html"
    paginate_by = 10

    def get_queryset(self):
        self.filterset = SearchFilter(self.request.GET or None, queryset=selectors.public_reply_list())
        queryset = self.filterset.qs if self.filterset.is_bound else self.filterset.queryset
        return queryset.order_by("-year", "serial", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter=self.filterset, **kwargs)
