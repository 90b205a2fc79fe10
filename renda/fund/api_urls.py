from rest_framework.routers import SimpleRouter

from renda.fund import api

router = SimpleRouter()
router.register("suggestions/funds", api.FundViewSet, basename="fund")
router.register("suggestions/fund-projects", api.FundProjectViewSet, basename="fund-project")

urlpatterns = router.urls
