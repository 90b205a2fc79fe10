from django.urls import path

from renda.opinions import views

app_name = "opinions"
urlpatterns = [
    path("", views.OpinionListView.as_view(), name="list"),
    path("new/", views.take, name="take"),
    path("import/", views.import_sheet, name="import"),
    path("topics/", views.topics, name="topics"),
    path("submit/", views.submit, name="submit"),
    path("track/", views.track, name="track"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/answer/", views.step, {"move": "answer_on_spot"}, name="answer_on_spot"),
    path("<int:pk>/redirect/", views.step, {"move": "redirect"}, name="redirect"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/forward/", views.step, {"move": "forward"}, name="forward"),
    path("<int:pk>/raise/", views.raise_to_suggestion, name="raise"),
    path("<int:pk>/inform/", views.step, {"move": "inform"}, name="inform"),
    path("<int:pk>/feedback/", views.step, {"move": "feedback"}, name="feedback"),
    path("<int:pk>/close/", views.step, {"move": "close_escalated"}, name="close_escalated"),
    path("assignments/<int:pk>/sign-for/", views.sign_for, name="sign_for"),
    path("assignments/<int:pk>/reply/", views.reply, name="reply"),
    path("assignments/<int:pk>/reassign/", views.request_reassignment, name="request_reassignment"),
    path("assignments/<int:pk>/opinion/", views.send_opinion, name="send_opinion"),
    path("assignments/<int:pk>/decide/", views.decide_reassignment, name="decide_reassignment"),
]
