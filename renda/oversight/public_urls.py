from django.urls import path

from renda.oversight import views

app_name = "oversight_public"
urlpatterns = [path("", views.public, name="index")]
