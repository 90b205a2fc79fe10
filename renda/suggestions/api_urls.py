from django.urls import include, path
from rest_framework.routers import SimpleRouter

from renda.core.api import inbox_urls
from renda.suggestions import api

# The viewsets take numeric ids only, so suggestions/assignments/ is not read as a suggestion's id.
router = SimpleRouter()
router.register("suggestions/assignments", api.AssignmentViewSet, basename="suggestion-assignment")
router.register("suggestions/cosigners", api.CosignerViewSet, basename="suggestion-cosigner")
router.register("suggestions/commitments", api.CommitmentViewSet, basename="suggestion-commitment")
router.register("suggestions", api.SuggestionViewSet, basename="suggestion")

urlpatterns = [
    path(
        "suggestions/reassignment-requests/",
        api.ReassignmentRequestListView.as_view(),
        name="suggestion-reassignment-requests",
    ),
    path("suggestions/categories/", api.CategoryListView.as_view(), name="suggestion-categories"),
    path(
        "suggestions/result-categories/",
        api.ResultCategoryListView.as_view(),
        name="suggestion-result-categories",
    ),
    path(
        "suggestions/refusal-reasons/", api.RefusalReasonListView.as_view(), name="suggestion-refusal-reasons"
    ),
    path("suggestions/public-replies/", api.PublicReplyListView.as_view(), name="suggestion-public-replies"),
    path(
        "suggestions/attachments/<int:pk>/file/",
        api.AttachmentFileView.as_view(),
        name="suggestion-attachment-file",
    ),
    path(
        "suggestions/replies/<int:pk>/letter/", api.ReplyLetterView.as_view(), name="suggestion-reply-letter"
    ),
    # The user's inbox (core's API) until config/urls.py includes it: /api/v1/notifications/…
    path("", include(inbox_urls())),
    path("", include("renda.suggestions.api_similarity")),
    path("", include("renda.suggestions.api_stats")),
    *router.urls,
]
