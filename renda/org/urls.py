from django.urls import path

from renda.org import views

app_name = "org"
urlpatterns = [
    path("", views.jurisdiction, name="jurisdiction"),
    path("edit/", views.jurisdiction_edit, name="jurisdiction_edit"),
    path("townships/new/", views.township_create, name="township_create"),
    path("townships/<int:pk>/edit/", views.township_edit, name="township_edit"),
    path("terms/", views.TermListView.as_view(), name="term_list"),
    path("terms/new/", views.term_create, name="term_create"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
    path("terms/<int:pk>/current/", views.term_set_current, name="term_set_current"),
    path("terms/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("committee/", views.committee, name="committee"),
    path("committee/new/", views.membership_create, name="membership_create"),
    path("committee/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("special-committees/", views.special_committees, name="special_committees"),
    path("special-committees/new/", views.office_membership_create, name="office_membership_create"),
    path("special-committees/<int:pk>/end/", views.office_membership_end, name="office_membership_end"),
    path("offices/", views.OfficeListView.as_view(), name="office_list"),
    path("offices/new/", views.office_create, name="office_create"),
    path("offices/<int:pk>/edit/", views.office_edit, name="office_edit"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
]
