from django.urls import path

from renda.livelihood import views

# Included at /public/livelihood/ (config/urls.py): the public's pages.
app_name = "livelihood_public"
urlpatterns = [
    path("", views.public_projects, name="projects"),
    path("propose/", views.public_propose, name="propose"),
    path("track/", views.public_track, name="track"),
    path("photos/<int:pk>/", views.public_photo, name="photo"),
]
