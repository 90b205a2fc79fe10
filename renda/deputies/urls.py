from django.urls import path  # noqa: F401

from renda.deputies import views

app_name = "deputies"
urlpatterns: list = [
    # ------------------------------------------------------------ deputies, groups, delegations, import, composition
    path("", views.DeputyListView.as_view(), name="deputy_list"),
    path("new/", views.deputy_create, name="deputy_create"),
    path("pick/", views.deputy_pick, name="deputy_pick"),
    path("<int:pk>/", views.deputy_detail, name="deputy_detail"),
    path("<int:pk>/edit/", views.deputy_edit, name="deputy_edit"),
    path("<int:pk>/status/", views.deputy_status, name="deputy_status"),
    path("import/", views.deputy_import, name="deputy_import"),
    path("import/template/", views.deputy_import_template, name="deputy_import_template"),
    path("composition/", views.composition, name="composition"),
    path("groups/", views.GroupListView.as_view(), name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("delegations/", views.DelegationListView.as_view(), name="delegation_list"),
    path("delegations/new/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    path("delegations/<int:pk>/edit/", views.delegation_edit, name="delegation_edit"),
    # ------------------------------------------------------------ liaison stations, reception days, activities
    path("stations/", views.StationListView.as_view(), name="station_list"),
    path("stations/new/", views.station_create, name="station_create"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("stations/<int:pk>/edit/", views.station_edit, name="station_edit"),
    path("stations/<int:pk>/deputies/", views.station_deputies, name="station_deputies"),
    path("receptions/", views.ReceptionListView.as_view(), name="reception_list"),
    path("receptions/new/", views.reception_create, name="reception_create"),
    path("receptions/<int:pk>/record/", views.reception_record, name="reception_record"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
]
