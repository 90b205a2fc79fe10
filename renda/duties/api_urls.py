from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.duties import api

# The viewsets take numeric ids only.
router = SimpleRouter()
router.register("duties/entries", api.EntryViewSet, basename="duty-entry")
router.register("duties/reports", api.ReportViewSet, basename="duty-report")

urlpatterns = [
    path("duties/records/<int:pk>/", api.RecordView.as_view(), name="duty-record"),
    path("duties/ranking/", api.RankingView.as_view(), name="duty-ranking"),
    path("duties/ballots/<str:token>/", api.BallotCastView.as_view(), name="duty-ballot"),
    *router.urls,
]
