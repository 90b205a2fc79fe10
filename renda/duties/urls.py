from django.urls import path

from renda.duties import views

app_name = "duties"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("deputies/<int:pk>/", views.record, name="record"),
    path("deputies/<int:pk>/docx/", views.record_docx, name="record_docx"),
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    path("entries/", views.EntryListView.as_view(), name="entry_list"),
    path("entries/new/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/approve/", views.entry_approve, name="entry_approve"),
    path("entries/<int:pk>/reject/", views.entry_reject, name="entry_reject"),
    path("entries/<int:pk>/proof/", views.entry_proof, name="entry_proof"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/owing/", views.OwingView.as_view(), name="owing"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/cancel/", views.report_cancel, name="report_cancel"),
    path("reports/<int:pk>/hold/", views.report_hold, name="report_hold"),
    path("reports/<int:pk>/ratings/", views.report_ratings, name="report_ratings"),
    path("reports/<int:pk>/ballots/", views.report_ballots, name="report_ballots"),
    path("reports/<int:pk>/ballots/print/", views.report_ballot_sheet, name="report_ballot_sheet"),
    path("reports/<int:pk>/close/", views.report_close, name="report_close"),
    path("rate/<str:token>/", views.rate, name="rate"),
    path("public/", views.PublicIndexView.as_view(), name="public_index"),
    path("public/<int:pk>/", views.public_deputy, name="public_deputy"),
]
