from django.urls import path

app_name = "legislation_api"
urlpatterns: list = []
