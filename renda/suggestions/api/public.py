"""Downloads (attachments, reply letters), the configurable lists, and the public replies in the API."""

from django.core.files.base import ContentFile
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from renda.core.api import ERRORS, FilterBackend
from renda.core.uploads import open_stored
from renda.suggestions import selectors
from renda.suggestions.api.serializers import (
    PublicSuggestionSerializer,
    RefusalReasonSerializer,
    ResultCategorySerializer,
    SuggestionCategorySerializer,
)
from renda.suggestions.docx import reply_letter, reply_letter_name
from renda.suggestions.forms import SearchFilter
from renda.suggestions.letters import letter_for_reply

# The content type of a download, by the extension of the stored file (one services.check_upload allowed).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


OCTET_STREAM = "application/octet-stream"  # a stored file of any other extension


def download(stored, filename: str) -> FileResponse:
    """A stored upload as an attachment, with the content type its schema declares."""
    extension = "." + stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
    content_type = CONTENT_TYPES.get(extension, OCTET_STREAM)
    return FileResponse(open_stored(stored), as_attachment=True, filename=filename, content_type=content_type)


def file_responses(*extensions: str) -> dict:
    types = sorted({CONTENT_TYPES[extension] for extension in extensions} | {OCTET_STREAM})
    return {**{(200, content_type): OpenApiTypes.BINARY for content_type in types}, 404: ERRORS[404]}


class AttachmentFileView(APIView):
    @extend_schema(summary="下载附件（PDF、DOCX、JPG、PNG）", responses=file_responses(*CONTENT_TYPES))
    def get(self, request, pk):
        attachment = selectors.attachment_get_for_user(request.user, pk)
        return download(attachment.file, attachment.name)


class ReplyLetterView(APIView):
    @extend_schema(summary="下载答复函（PDF、DOCX）", responses=file_responses(".pdf", ".docx"))
    def get(self, request, pk):
        reply = selectors.reply_get_for_user(request.user, pk)
        if not reply.letter:  # recorded with its 文号 but no stored file: the letter made on demand
            content = reply_letter(letter_for_reply(reply))
            return download(
                ContentFile(content, name="letter.docx"), reply_letter_name(reply.assignment.suggestion)
            )
        return download(reply.letter, reply.letter.name.rsplit("/", 1)[-1])


class ReferenceListView(generics.ListAPIView):
    """A configurable list, read by every signed-in user."""

    pagination_class = None
    filter_backends: list = []


@extend_schema(summary="建议分类")
class CategoryListView(ReferenceListView):
    serializer_class = SuggestionCategorySerializer

    def get_queryset(self):
        return selectors.suggestion_categories_visible_to(self.request.user)


@extend_schema(summary="办理结果分类")
class ResultCategoryListView(ReferenceListView):
    serializer_class = ResultCategorySerializer

    def get_queryset(self):
        return selectors.result_categories_visible_to(self.request.user)


@extend_schema(summary="不予立案理由")
class RefusalReasonListView(ReferenceListView):
    serializer_class = RefusalReasonSerializer

    def get_queryset(self):
        return selectors.refusal_reasons_visible_to(self.request.user)


class PublicReplyListView(generics.ListAPIView):
    """Published replies, for everyone without signing in: deputies' names, the suggestion and the answers."""

    serializer_class = PublicSuggestionSerializer
    permission_classes = [AllowAny]
    filter_backends = [FilterBackend]
    filterset_class = SearchFilter

    def get_queryset(self):
        return selectors.public_reply_list().order_by("-year", "serial", "-pk")

    @extend_schema(summary="公开的建议答复（无需登录）")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
