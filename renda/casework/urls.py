from django.urls import path

from renda.casework import views

app_name = "casework"
urlpatterns = [
    path("units/", views.units, name="units"),
    path("deputies/", views.deputies, name="deputies"),
    path("deputies/<int:pk>/contact/", views.deputy_contact, name="deputy_contact"),
    path("contact-views/", views.ContactViewListView.as_view(), name="contact_views"),
]
