from django.urls import path

from renda.casework import api

urlpatterns = [
    path("casework/deputies/", api.DeputyContactListView.as_view(), name="api-casework-deputies"),
    path(
        "casework/deputies/<int:pk>/contact/",
        api.DeputyContactRevealView.as_view(),
        name="api-casework-deputy-contact",
    ),
]
