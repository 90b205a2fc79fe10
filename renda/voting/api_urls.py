from rest_framework.routers import SimpleRouter

from renda.voting import api

router = SimpleRouter()
router.register("voting/votes", api.VoteViewSet, basename="vote")

urlpatterns = router.urls
