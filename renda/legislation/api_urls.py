from django.urls import path
from rest_framework.routers import SimpleRouter

from renda.legislation import api

router = SimpleRouter()
router.register("legislation/drafts", api.DraftViewSet, basename="legislation-draft")
router.register("legislation/comments", api.CommentViewSet, basename="legislation-comment")
router.register("legislation/articles", api.ArticleViewSet, basename="legislation-article")
router.register("legislation/opinions", api.OpinionViewSet, basename="legislation-opinion")
router.register("legislation/liaisons", api.LiaisonViewSet, basename="legislation-liaison")
router.register("legislation/work", api.WorkViewSet, basename="legislation-work")

urlpatterns = [
    *router.urls,
    path("legislation/statistics/", api.StatisticsView.as_view(), name="legislation-statistics"),
    path("public/legislation/drafts/", api.PublicDraftList.as_view(), name="legislation-public-drafts"),
    path(
        "public/legislation/drafts/<int:pk>/comments/",
        api.PublicCommentView.as_view(),
        name="legislation-public-comment",
    ),
    path(
        "public/legislation/comments/<str:code>/",
        api.PublicCommentStatusView.as_view(),
        name="legislation-public-comment-status",
    ),
]
