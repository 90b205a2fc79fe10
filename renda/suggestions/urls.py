from django.urls import path

from renda.suggestions import views

app_name = "suggestions"
urlpatterns = [
    # lists
    path("", views.SuggestionListView.as_view(), name="list"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("reassignments/", views.ReassignmentListView.as_view(), name="reassignments"),
    path("board/", views.BoardView.as_view(), name="board"),
    path("assign/", views.assign, name="assign"),
    # one suggestion
    path("new/", views.suggestion_create, name="create"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/print/", views.suggestion_print, name="print"),
    path("<int:pk>/edit/", views.suggestion_edit, name="edit"),
    path("<int:pk>/attachments/", views.attachments_upload, name="attachments"),
    path("<int:pk>/cosigners/", views.cosigners, name="cosigners"),
    path("<int:pk>/submit/", views.suggestion_submit, name="submit"),
    path("<int:pk>/accept/", views.suggestion_accept, name="accept"),
    path("<int:pk>/return/", views.suggestion_return, name="return"),
    path("<int:pk>/reject/", views.suggestion_reject, name="reject"),
    path("<int:pk>/merge/", views.suggestions_merge, name="merge"),
    path("<int:pk>/presidium/", views.motion_presidium, name="presidium"),
    path("<int:pk>/key-supervision/", views.key_supervision, name="key_supervision"),
    path("<int:pk>/supervision-notes/", views.supervision_note, name="supervision_note"),
    path("<int:pk>/coordination/", views.coordination, name="coordination"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    # co-signers, files
    path("cosigners/<int:pk>/drop/", views.cosigner_drop, name="cosigner_drop"),
    path("cosigners/<int:pk>/respond/", views.cosigner_respond, name="cosigner_respond"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("replies/<int:pk>/letter/", views.reply_letter_download, name="reply_letter"),
    # handling units
    path("assignments/<int:pk>/accept/", views.assignment_accept, name="assignment_accept"),
    path("assignments/<int:pk>/reassign/", views.assignment_reassign, name="reassign"),
    path("assignments/<int:pk>/contact/", views.contact, name="contact"),
    path("assignments/<int:pk>/opinion/", views.opinion, name="opinion"),
    path("assignments/<int:pk>/reply/", views.reply, name="reply"),
    path("reassignments/<int:pk>/", views.reassignment_decide, name="reassignment_decide"),
    path("commitments/<int:pk>/", views.commitment_update, name="commitment_update"),
    # statistics, ranking, dashboard (the suggestion fund's pages: renda/fund/urls.py)
    path("stats/", views.stats, name="stats"),
    path("ranking/", views.ranking, name="ranking"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # near duplicates, recommended units and their keyword table
    path("<int:pk>/similar/", views.similar, name="similar"),
    path("<int:pk>/recommended-units/", views.recommended_units, name="recommended_units"),
    path("keywords/", views.UnitKeywordListView.as_view(), name="keywords"),
    path("keywords/new/", views.unit_keyword_create, name="keyword_create"),
    path("keywords/<int:pk>/", views.unit_keyword_edit, name="keyword_edit"),
]
