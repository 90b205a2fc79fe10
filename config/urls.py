from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from renda.accounts.views import home
from renda.appointments.views import PublicAppointmentListView
from renda.core.api import about_urls
from renda.core.views import InboxView, about, inbox_read, inbox_read_all
from renda.meetings.views import PublicResolutionListView
from renda.suggestions.views.lists import PublicReplyListView

admin.site.site_header = "人大履职平台 · 数据管理"
admin.site.site_title = "人大履职平台数据管理"
admin.site.index_title = "全部数据表"

api_v1 = [
    path("", include("renda.accounts.api_urls")),
    path("", include("renda.org.api_urls")),
    path("", include("renda.deputies.api_urls")),
    path("", include("renda.suggestions.api_urls")),
    path("", include("renda.fund.api_urls")),
    path("", include("renda.opinions.api_urls")),
    path("", include("renda.duties.api_urls")),
    path("", include("renda.meetings.api_urls")),
    path("", include("renda.voting.api_urls")),
    path("", include("renda.appointments.api_urls")),
    path("", include("renda.livelihood.api_urls")),
    path("", include("renda.legislation.api_urls")),
    path("", include("renda.oversight.api_urls")),
    path("", include("renda.budget.api_urls")),
    path("", include("renda.casework.api_urls")),
    path("", include(about_urls())),
]

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("renda.accounts.urls")),
    path("org/", include("renda.org.urls")),
    path("deputies/", include("renda.deputies.urls")),
    path("suggestions/", include("renda.suggestions.urls")),
    path("suggestions/", include("renda.fund.urls")),  # /suggestions/funds/…, /suggestions/fund-projects/…
    path("casework/", include("renda.casework.urls")),
    path("opinions/", include("renda.opinions.urls")),
    path("duties/", include("renda.duties.urls")),
    path("meetings/", include("renda.meetings.urls")),
    path("public/resolutions/", PublicResolutionListView.as_view(), name="public_resolutions"),
    path("voting/", include("renda.voting.urls")),
    path("appointments/", include("renda.appointments.urls")),
    path("public/appointments/", PublicAppointmentListView.as_view(), name="public_appointments"),
    path("livelihood/", include("renda.livelihood.urls")),
    path("budget/", include("renda.budget.urls")),
    path("public/livelihood/", include("renda.livelihood.public_urls")),
    path("legislation/", include("renda.legislation.urls")),
    path("public/legislation/", include("renda.legislation.public_urls")),
    path("oversight/", include("renda.oversight.urls")),
    path("public/oversight/", include("renda.oversight.public_urls")),
    path("public/replies/", PublicReplyListView.as_view(), name="public_replies"),
    path("inbox/", InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/read/", inbox_read, name="inbox_read"),
    path("inbox/read-all/", inbox_read_all, name="inbox_read_all"),
    path("about/", about, name="about"),
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True), name="favicon"),
    path("health/", include("renda.ops.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

# Chinese error pages, JSON under /api/ (shown when DEBUG is off)
handler400 = "renda.core.errors.bad_request"
handler403 = "renda.core.errors.permission_denied"
handler404 = "renda.core.errors.page_not_found"
handler500 = "renda.core.errors.server_error"
