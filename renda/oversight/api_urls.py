from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.oversight import api

router = SimpleRouter()
router.register("oversight-plans", api.PlanViewSet, basename="oversight-plan")
router.register("oversight-items", api.ItemViewSet, basename="oversight-item")
router.register("oversight-rectifications", api.RectificationViewSet, basename="oversight-rectification")
router.register("interpellations", api.InterpellationViewSet, basename="interpellation")
router.register("filings", api.FilingViewSet, basename="filing")

urlpatterns = [
    path("oversight-board/", api.BoardView.as_view(), name="oversight-board"),
    *router.urls,
]
