from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.appointments import api

router = SimpleRouter()
router.register("appointments", api.AppointmentViewSet, basename="appointment")
router.register("appointment-posts", api.PostViewSet, basename="appointment-post")
router.register("appraisals", api.AppraisalViewSet, basename="appraisal")

urlpatterns = [
    path("appointment-people/", api.PersonCreateView.as_view(), name="appointment-people"),
    path("appointment-people/<int:pk>/", api.PersonDetailView.as_view(), name="appointment-person"),
    path("appointment-holders/", api.HoldingListView.as_view(), name="appointment-holders"),
    path("appointment-statistics/", api.StatisticsView.as_view(), name="appointment-statistics"),
    path("public/appointments/", api.PublicAppointmentListView.as_view(), name="public-appointments"),
    *router.urls,
]
