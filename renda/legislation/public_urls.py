from django.urls import path

from renda.legislation import views

# Included at /public/legislation/ (config/urls.py): the public's pages.
app_name = "legislation_public"
urlpatterns = [
    path("", views.public_drafts, name="drafts"),
    path("<int:pk>/", views.public_draft, name="draft"),
    path("track/", views.public_track, name="track"),
]
