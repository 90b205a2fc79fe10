from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.budget import api

router = SimpleRouter()
router.register("budget/alerts", api.AlertViewSet, basename="budget-alert")
router.register("budget/imports", api.ImportViewSet, basename="budget-import")

urlpatterns = [*router.urls, path("budget/execution/", api.ExecutionView.as_view(), name="budget-execution")]
