from django.urls import path

from renda.fund import views

# Included under /suggestions/ (config/urls.py): the paths the fund had as part of the suggestions area.
app_name = "fund"
urlpatterns = [
    path("funds/", views.FundListView.as_view(), name="list"),
    path("funds/new/", views.fund_create, name="create"),
    path("funds/<int:pk>/", views.fund_detail, name="detail"),
    path("funds/<int:pk>/edit/", views.fund_edit, name="edit"),
    path("funds/<int:pk>/projects/new/", views.fund_project_create, name="project_create"),
    path("fund-projects/<int:pk>/", views.fund_project_edit, name="project_edit"),
]
