from django.urls import path

from renda.suggestions.views import (
    assignment,
    detail,
    drafting,
    evaluation,
    handling,
    lists,
    review,
    similar,
    stats,
    supervision,
)

app_name = "suggestions"
urlpatterns = [
    # lists
    path("", lists.SuggestionListView.as_view(), name="list"),
    path("mine/", lists.MineView.as_view(), name="mine"),
    path("review/", lists.ReviewQueueView.as_view(), name="review"),
    path("todo/", lists.TodoView.as_view(), name="todo"),
    path("reassignments/", lists.ReassignmentListView.as_view(), name="reassignments"),
    path("board/", lists.BoardView.as_view(), name="board"),
    path("assign/", assignment.assign, name="assign"),
    # one suggestion
    path("new/", drafting.suggestion_create, name="create"),
    path("<int:pk>/", detail.suggestion_detail, name="detail"),
    path("<int:pk>/print/", detail.suggestion_print, name="print"),
    path("<int:pk>/edit/", drafting.suggestion_edit, name="edit"),
    path("<int:pk>/attachments/", drafting.attachments_upload, name="attachments"),
    path("<int:pk>/cosigners/", drafting.cosigners, name="cosigners"),
    path("<int:pk>/submit/", drafting.suggestion_submit, name="submit"),
    path("<int:pk>/accept/", review.suggestion_accept, name="accept"),
    path("<int:pk>/return/", review.suggestion_return, name="return"),
    path("<int:pk>/reject/", review.suggestion_reject, name="reject"),
    path("<int:pk>/merge/", review.suggestions_merge, name="merge"),
    path("<int:pk>/presidium/", review.motion_presidium, name="presidium"),
    path("<int:pk>/key-supervision/", supervision.key_supervision, name="key_supervision"),
    path("<int:pk>/supervision-notes/", supervision.supervision_note, name="supervision_note"),
    path("<int:pk>/coordination/", supervision.coordination, name="coordination"),
    path("<int:pk>/evaluate/", evaluation.evaluate, name="evaluate"),
    # co-signers, files
    path("cosigners/<int:pk>/drop/", drafting.cosigner_drop, name="cosigner_drop"),
    path("cosigners/<int:pk>/respond/", drafting.cosigner_respond, name="cosigner_respond"),
    path("attachments/<int:pk>/", detail.attachment_download, name="attachment"),
    path("replies/<int:pk>/letter/", detail.reply_letter_download, name="reply_letter"),
    path("letter-template/", handling.reply_letter_template, name="letter_template"),
    # handling units
    path("assignments/<int:pk>/accept/", handling.assignment_accept, name="assignment_accept"),
    path("assignments/<int:pk>/reassign/", handling.assignment_reassign, name="reassign"),
    path("assignments/<int:pk>/contact/", handling.contact, name="contact"),
    path("assignments/<int:pk>/opinion/", handling.opinion, name="opinion"),
    path("assignments/<int:pk>/reply/", handling.reply, name="reply"),
    path("reassignments/<int:pk>/", assignment.reassignment_decide, name="reassignment_decide"),
    path("commitments/<int:pk>/", handling.commitment_update, name="commitment_update"),
    # statistics, ranking, dashboard (the suggestion fund's pages: renda/fund/urls.py)
    path("stats/", stats.stats, name="stats"),
    path("ranking/", stats.ranking, name="ranking"),
    path("dashboard/", stats.dashboard, name="dashboard"),
    # near duplicates, recommended units and their keyword table
    path("<int:pk>/similar/", similar.similar, name="similar"),
    path("<int:pk>/recommended-units/", similar.recommended_units, name="recommended_units"),
    path("keywords/", similar.UnitKeywordListView.as_view(), name="keywords"),
    path("keywords/new/", similar.unit_keyword_create, name="keyword_create"),
    path("keywords/<int:pk>/", similar.unit_keyword_edit, name="keyword_edit"),
    path("history/import/", similar.history_import, name="history_import"),
    path("history/import/template/", similar.history_import_template, name="history_import_template"),
]
