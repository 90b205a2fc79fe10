from django.urls import include, path
from rest_framework.routers import SimpleRouter

from renda.core.api import inbox_urls
from renda.suggestions.api import assignment, drafting, handling, public, suggestions

# The viewsets take numeric ids only, so suggestions/assignments/ is not read as a suggestion's id.
router = SimpleRouter()
router.register("suggestions/assignments", handling.AssignmentViewSet, basename="suggestion-assignment")
router.register("suggestions/cosigners", drafting.CosignerViewSet, basename="suggestion-cosigner")
router.register("suggestions/commitments", handling.CommitmentViewSet, basename="suggestion-commitment")
router.register("suggestions", suggestions.SuggestionViewSet, basename="suggestion")

urlpatterns = [
    path(
        "suggestions/reassignment-requests/",
        assignment.ReassignmentRequestListView.as_view(),
        name="suggestion-reassignment-requests",
    ),
    path("suggestions/categories/", public.CategoryListView.as_view(), name="suggestion-categories"),
    path(
        "suggestions/result-categories/",
        public.ResultCategoryListView.as_view(),
        name="suggestion-result-categories",
    ),
    path(
        "suggestions/refusal-reasons/",
        public.RefusalReasonListView.as_view(),
        name="suggestion-refusal-reasons",
    ),
    path(
        "suggestions/public-replies/", public.PublicReplyListView.as_view(), name="suggestion-public-replies"
    ),
    path(
        "suggestions/attachments/<int:pk>/file/",
        public.AttachmentFileView.as_view(),
        name="suggestion-attachment-file",
    ),
    path(
        "suggestions/replies/<int:pk>/letter/",
        public.ReplyLetterView.as_view(),
        name="suggestion-reply-letter",
    ),
    # The user's inbox (core's API) until config/urls.py includes it: /api/v1/notifications/…
    path("", include(inbox_urls())),
    path("", include("renda.suggestions.api.similar")),
    path("", include("renda.suggestions.api.stats")),
    *router.urls,
]
