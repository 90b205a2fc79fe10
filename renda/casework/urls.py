from django.urls import path

from renda.casework import views

app_name = "casework"
urlpatterns = [path("units/", views.units, name="units")]
