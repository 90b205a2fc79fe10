from django.urls import path

from renda.voting import views

app_name = "voting"
urlpatterns = [
    path("", views.VoteListView.as_view(), name="list"),
    path("<int:pk>/", views.vote_page, name="vote"),
    path("<int:pk>/control/", views.control_page, name="control"),
    path("<int:pk>/open/", views.vote_open_view, name="open"),
    path("<int:pk>/close/", views.vote_close_view, name="close"),
    path("<int:pk>/tally/", views.tally_view, name="tally"),
    path("<int:pk>/screen/", views.screen_page, name="screen"),
    path("<int:pk>/screen/live/", views.screen_live, name="screen_live"),
    path("<int:pk>/result.docx", views.result_docx, name="result_docx"),
    path("<int:pk>/result.pdf", views.result_pdf, name="result_pdf"),
]
