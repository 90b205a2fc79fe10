from rest_framework.routers import SimpleRouter

from renda.deputies import api

router = SimpleRouter()
router.register("deputies", api.DeputyViewSet, basename="api-deputy")
router.register("deputy-groups", api.DeputyGroupViewSet, basename="api-deputy-group")
router.register("delegations", api.DelegationViewSet, basename="api-delegation")
router.register("stations", api.StationViewSet, basename="api-station")
router.register("reception-days", api.ReceptionDayViewSet, basename="api-reception-day")
router.register("activities", api.ActivityViewSet, basename="api-activity")

urlpatterns = router.urls
