from django.urls import path

from renda.appointments import views

app_name = "appointments"
urlpatterns = [
    path("", views.AppointmentListView.as_view(), name="list"),
    path("new/", views.nominate, name="nominate"),
    path("people/new/", views.person_create, name="person_create"),
    path("holders/", views.HoldingListView.as_view(), name="holders"),
    path("holders/new/", views.holding_create, name="holding_create"),
    path("posts/", views.posts, name="posts"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("members/", views.members, name="members"),
    path("members/<int:pk>/vacate/", views.member_vacate, name="member_vacate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/exam/", views.exam, name="exam"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/papers/", views.papers_send, name="papers"),
    path("<int:pk>/statement/", views.statement, name="statement"),
    path("<int:pk>/deliberate/", views.deliberate, name="deliberate"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/announce/", views.announce, name="announce"),
    path("<int:pk>/letter/", views.letter_issue, name="letter"),
    path("<int:pk>/letter.docx", views.letter_file, name="letter_file"),
    path("<int:pk>/oath/", views.oath, name="oath"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/resume/", views.paper_file, {"which": "resume"}, name="resume_file"),
    path("<int:pk>/exam-paper/", views.paper_file, {"which": "exam"}, name="exam_file"),
    path("<int:pk>/nomination-letter/", views.paper_file, {"which": "letter"}, name="nomination_file"),
]
