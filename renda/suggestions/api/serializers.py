"""The API's read serializers: what suggestions, assignments, replies, evaluations, supervision and the public
replies look like in responses."""

import datetime

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renda.core.api import AvailableActionsMixin, RefSerializer
from renda.core.todos import urgency_of
from renda.suggestions.models import (
    Assignment,
    Commitment,
    ContactRecord,
    Cosigner,
    Rating,
    RefusalReason,
    ResultCategory,
    Suggestion,
    SuggestionCategory,
    SupervisionNote,
)
from renda.suggestions.workflows import ASSIGNMENT_FLOW, SUGGESTION_FLOW


class ResultCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ResultCategory
        fields = ["id", "code", "label", "counts_as_resolved", "needs_follow_up"]


class SuggestionCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SuggestionCategory
        fields = ["id", "name", "parent"]


class RefusalReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = RefusalReason
        fields = ["id", "label"]


class AssignmentBriefSerializer(serializers.ModelSerializer):
    unit = RefSerializer()

    class Meta:
        model = Assignment
        fields = ["id", "unit", "role", "state", "due"]


class SuggestionListSerializer(serializers.ModelSerializer):
    lead_deputy = RefSerializer()
    category = RefSerializer(allow_null=True)
    state_label = serializers.CharField(source="get_state_display")
    is_key = serializers.BooleanField(help_text="重点督办")
    units = AssignmentBriefSerializer(many=True, source="current_assignments", help_text="承办单位")

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "title", "kind", "state", "state_label", "year", "timing", "congress_session",
            "category", "lead_deputy", "submitted_at", "accepted_at", "assigned_on", "reply_due", "round",
            "evaluation_due", "is_overdue", "is_key", "units",
        ]  # fmt: skip


class SuggestionSerializer(serializers.ModelSerializer):
    """A suggestion's own fields, as every write returns them."""

    lead_deputy = RefSerializer()
    category = RefSerializer(allow_null=True)
    state_label = serializers.CharField(source="get_state_display")
    refusal_reason = serializers.CharField(source="refusal_reason.label", allow_null=True)

    class Meta:
        model = Suggestion
        fields = [
            "id", "number", "title", "content", "kind", "state", "state_label", "year", "timing",
            "congress_session", "delegation", "category", "lead_deputy", "version", "submitted_at",
            "accepted_at", "is_complex", "return_reason", "refusal_reason", "refusal_note", "merged_into",
            "assigned_on", "reply_due", "round", "evaluation_due", "is_overdue", "closed_at", "outcome",
        ]  # fmt: skip


class CosignerSerializer(serializers.ModelSerializer):
    deputy = RefSerializer()

    class Meta:
        model = Cosigner
        fields = ["id", "suggestion", "deputy", "status", "responded_at"]


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="下载地址")

    def get_url(self, attachment) -> str:
        return reverse("suggestion-attachment-file", args=[attachment.pk])


class AssignmentSerializer(AvailableActionsMixin, serializers.ModelSerializer):
    flow = ASSIGNMENT_FLOW
    unit = RefSerializer()

    class Meta:
        model = Assignment
        fields = [
            "id", "suggestion", "unit", "role", "state", "assigned_on", "due", "reassign_deadline",
            "contact_deadline", "opinion_due", "reassign_reason", "opinion", "opinion_sent_at",
            "available_actions",
        ]  # fmt: skip


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactRecord
        fields = ["id", "assignment", "stage", "method", "date", "summary"]


class CommitmentUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    solved = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class CommitmentSerializer(serializers.ModelSerializer):
    updates = CommitmentUpdateSerializer(many=True)

    class Meta:
        model = Commitment
        fields = ["id", "reply", "description", "due", "status", "year", "updates"]


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assignment = serializers.IntegerField(source="assignment_id")
    unit = RefSerializer(source="assignment.unit")
    round = serializers.IntegerField()
    result_category = ResultCategorySerializer()
    text = serializers.CharField()
    signer = serializers.CharField()
    publishable = serializers.BooleanField()
    sent_at = serializers.DateTimeField()
    on_time = serializers.BooleanField()
    document_number = serializers.CharField(help_text="文号")
    contact_person = serializers.CharField(help_text="联系人")
    contact_phone = serializers.CharField(help_text="联系电话")
    copy_to = serializers.CharField(help_text="抄送")
    letter_url = serializers.SerializerMethodField(help_text="答复函下载地址")
    commitments = CommitmentSerializer(many=True)

    def get_letter_url(self, reply) -> str | None:
        return reverse("suggestion-reply-letter", args=[reply.pk]) if reply.has_letter else None


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    deputy = RefSerializer()
    round = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Rating.choices)
    attitude = serializers.CharField()
    result = serializers.CharField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class SupervisionNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionNote
        fields = ["id", "kind", "date", "text"]


class KeySupervisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decided_on = serializers.DateField()
    decision = serializers.CharField()
    leader = serializers.IntegerField(source="leader_id", help_text="领衔督办的常委会组成人员")
    leader_name = serializers.CharField(source="leader.deputy.name")
    notes = SupervisionNoteSerializer(many=True)


class MergedCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()


class SuggestionDetailSerializer(AvailableActionsMixin, SuggestionSerializer):
    """The suggestion with everything its detail page shows except the timeline (see events)."""

    flow = SUGGESTION_FLOW

    cosigners = CosignerSerializer(many=True, source="page.cosigners")
    attachments = AttachmentSerializer(many=True, source="page.attachments")
    assignments = AssignmentSerializer(many=True, source="page.assignments")
    contacts = ContactSerializer(
        many=True, source="page.contacts", help_text="代表工作机构可见全部；承办单位仅可见本单位的联系记录"
    )
    replies = ReplySerializer(many=True, source="page.replies")
    evaluations = EvaluationSerializer(many=True, source="page.evaluations")
    key_supervision = KeySupervisionSerializer(source="page.supervision", allow_null=True)
    merged_cases = MergedCaseSerializer(many=True, source="page.merged_cases")

    class Meta(SuggestionSerializer.Meta):
        fields = [
            *SuggestionSerializer.Meta.fields,
            "cosigners", "attachments", "assignments", "contacts", "replies", "evaluations",
            "key_supervision", "merged_cases", "available_actions",
        ]  # fmt: skip


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.display_name", allow_null=True)
    note = serializers.CharField(help_text="联系代表的说明仅代表工作机构和该承办单位可见，其他人为空")
    note_withheld = serializers.SerializerMethodField(help_text="说明因无权查看而未显示")
    created_at = serializers.DateTimeField()

    def get_note_withheld(self, event) -> bool:
        return getattr(event, "note_withheld", False)


class SuggestionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    lead_deputy = RefSerializer()


class UnitTodoSerializer(AssignmentSerializer):
    """An open assignment of the user's unit, with the deadline that matters to it and its traffic light."""

    suggestion = SuggestionBriefSerializer()
    contact_count = serializers.IntegerField(help_text="已登记的联系代表次数")
    deadline = serializers.SerializerMethodField(help_text="会办单位为会办意见期限，其他为答复期限")
    urgency = serializers.SerializerMethodField(help_text="ok 正常 / soon 临近期限 / overdue 已超期")

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "contact_count", "deadline", "urgency"]

    @extend_schema_field(serializers.DateField())
    def get_deadline(self, assignment) -> datetime.date:
        return assignment.opinion_due or assignment.due

    @extend_schema_field(serializers.ChoiceField(choices=["ok", "soon", "overdue"]))
    def get_urgency(self, assignment) -> str:
        return urgency_of(assignment.opinion_due or assignment.due)


class ReassignmentRequestSerializer(AssignmentSerializer):
    suggestion = SuggestionBriefSerializer()


class OpenCommitmentSerializer(CommitmentSerializer):
    suggestion = SuggestionBriefSerializer(source="reply.assignment.suggestion")
    result_category = ResultCategorySerializer(source="reply.result_category")

    class Meta(CommitmentSerializer.Meta):
        fields = [*CommitmentSerializer.Meta.fields, "suggestion", "result_category"]


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    date = serializers.DateField()


class PublicReplyTextSerializer(serializers.Serializer):
    result_category = serializers.CharField(source="result_category.label")
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()


class PublicAnswerSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.name")
    replies = PublicReplyTextSerializer(many=True, source="public_replies")


class PublicSuggestionSerializer(serializers.Serializer):
    """A published reply: the suggestion, its deputies' names and the units' answers, nothing personal."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    content = serializers.CharField()
    year = serializers.IntegerField()
    category = serializers.CharField(source="category.name", allow_null=True)
    deputies = serializers.SerializerMethodField(help_text="领衔代表和附议代表姓名")
    answers = PublicAnswerSerializer(many=True, source="public_assignments")

    def get_deputies(self, suggestion) -> list[str]:
        return [suggestion.lead_deputy.name, *(c.deputy.name for c in suggestion.confirmed_cosigners)]
