from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.meetings import api

router = SimpleRouter()
router.register("meetings", api.MeetingViewSet, basename="meeting")

urlpatterns = [
    path("public/resolutions/", api.PublicResolutionListView.as_view(), name="public-resolutions"),
    *router.urls,
]
