from rest_framework.routers import SimpleRouter

from renda.org import api

router = SimpleRouter()
router.register("jurisdictions", api.JurisdictionViewSet, basename="api-jurisdiction")
router.register("townships", api.TownshipViewSet, basename="api-township")
router.register("terms", api.TermViewSet, basename="api-term")
router.register("congress-sessions", api.CongressSessionViewSet, basename="api-congress-session")
router.register("committee-memberships", api.CommitteeMembershipViewSet, basename="api-committee-membership")
router.register(
    "committee-office-memberships", api.CommitteeOfficeMembershipViewSet, basename="api-office-membership"
)
router.register("committee-offices", api.CommitteeOfficeViewSet, basename="api-committee-office")
router.register("handling-units", api.HandlingUnitViewSet, basename="api-handling-unit")

urlpatterns = router.urls
