from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.opinions import api

# The viewsets take numeric ids only, so opinions/redirect-reasons/ is not read as an opinion's id.
router = SimpleRouter()
router.register("opinions", api.OpinionViewSet, basename="opinion")
router.register("opinion-assignments", api.OpinionAssignmentViewSet, basename="opinion-assignment")

urlpatterns = [
    path("opinions/redirect-reasons/", api.RedirectReasonListView.as_view(), name="opinion-redirect-reasons"),
    # Citizens without an account: send an opinion, follow it by its tracking code, say whether it was resolved.
    path("public/opinions/challenge/", api.PublicChallengeView.as_view(), name="public-opinion-challenge"),
    path("public/opinions/", api.PublicSubmitView.as_view(), name="public-opinion-submit"),
    path("public/opinions/<str:code>/", api.PublicStatusView.as_view(), name="public-opinion-status"),
    path(
        "public/opinions/<str:code>/feedback/",
        api.PublicFeedbackView.as_view(),
        name="public-opinion-feedback",
    ),
    *router.urls,
]
