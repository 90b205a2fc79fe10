from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from renda.accounts.views import home

api_v1 = [
    path("", include("renda.accounts.api_urls")),
    path("", include("renda.org.api_urls")),
    path("", include("renda.deputies.api_urls")),
]

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("renda.accounts.urls")),
    path("org/", include("renda.org.urls")),
    path("deputies/", include("renda.deputies.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
