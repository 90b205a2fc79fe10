from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.livelihood import api

router = SimpleRouter()
router.register("livelihood/proposals", api.ProposalViewSet, basename="livelihood-proposal")
router.register("livelihood/ballots", api.BallotViewSet, basename="livelihood-ballot")
router.register("livelihood/projects", api.ProjectViewSet, basename="livelihood-project")
router.register("livelihood/findings", api.FindingViewSet, basename="livelihood-finding")

urlpatterns = [
    *router.urls,
    path("livelihood/statistics/", api.StatisticsView.as_view(), name="livelihood-statistics"),
    path("public/livelihood/projects/", api.PublicProjectList.as_view(), name="livelihood-public-projects"),
]
