from django.urls import path

from renda.legislation import views

app_name = "legislation"
urlpatterns = [
    path("", views.DraftListView.as_view(), name="list"),
    path("new/", views.draft_create, name="create"),
    path("<int:pk>/", views.draft_detail, name="draft"),
    path("<int:pk>/versions/new/", views.version_add, name="version_add"),
    path("<int:pk>/open/", views.draft_open, name="open"),
    path("<int:pk>/close/", views.draft_close, name="close"),
    path("<int:pk>/comments/new/", views.comment_create, name="comment_create"),
    path("<int:pk>/symposiums/new/", views.symposium_create, name="symposium_create"),
    path("<int:pk>/opinions/new/", views.opinion_create, name="opinion_create"),
    path("<int:pk>/report/", views.draft_report, name="report"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/final/", views.final_add, name="final"),
    path("<int:pk>/conclude/", views.draft_conclude, name="conclude"),
    path("<int:pk>/structure/", views.structure, name="structure"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path("articles/<int:pk>/split/", views.article_split, name="article_split"),
    path("articles/<int:pk>/merge/", views.article_merge, name="article_merge"),
    path("comments/<int:pk>/merge/", views.comment_merge, name="comment_merge"),
    path("opinions/<int:pk>/edit/", views.opinion_edit, name="opinion_edit"),
    path("opinions/<int:pk>/adopt/", views.opinion_adopt, name="opinion_adopt"),
    path("comments/", views.CommentListView.as_view(), name="comments"),
    path("work/", views.WorkListView.as_view(), name="work"),
    path("liaisons/", views.LiaisonListView.as_view(), name="liaisons"),
    path("liaisons/new/", views.liaison_create, name="liaison_create"),
    path("liaisons/<int:pk>/edit/", views.liaison_edit, name="liaison_edit"),
    path("work/new/", views.work_create, name="work_create"),
    path("statistics/", views.statistics, name="statistics"),
]
