"""Shared pieces of the REST API: validating a request's input and calling a service from an API view, the
schema of a viewset of records (`viewset_schema`), related fields limited to what the requesting user may see,
optimistic locking (version), the error bodies with their codes, pages and strict filters, the user's in-app
inbox, and what Renda says about itself (GET /api/v1/about/). The base viewsets are in core.viewsets."""

import datetime
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, pagination, serializers, status
from rest_framework import views as drf_views
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny, DjangoModelPermissions
from rest_framework.response import Response
from rest_framework.settings import api_settings

from renda.core import about as renda_about
from renda.core.formats import cn_date
from renda.core.listing import ListPaginator
from renda.core.models import Notification
from renda.core.selectors import notification_get_for_user, notifications_visible_to
from renda.core.services import StaleEditError, notifications_mark_read
from renda.core.workflow import Workflow, actions

if TYPE_CHECKING:  # DRF's generic views read this module's filter and pagination classes while they load
    from rest_framework.generics import GenericAPIView


class Conflict(APIException):
    """409: the record changed since the client read it (optimistic locking)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "该记录已被他人修改，请重新读取后再修改。"
    default_code = "stale_version"


STALE_RESPONSE = OpenApiResponse(description="记录已被他人修改（version 已过期），返回 detail 说明当前版本")


def service_call(service: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service; its Chinese validation errors become a 400 keyed by field, a stale version a 409.
    PermissionDenied and Http404 are turned into 403 and 404 by DRF itself."""
    try:
        return service(**kwargs)
    except StaleEditError as exc:
        raise Conflict(exc.messages[0]) from exc
    except DjangoValidationError as exc:
        raise serializers.ValidationError(_field_errors(exc)) from exc


def validated(
    view: "GenericAPIView",
    serializer_class: type[serializers.Serializer],
    *,
    context: dict | None = None,
    **kwargs: Any,
) -> serializers.Serializer:
    """`serializer_class` bound to the request's data and validated, with the view's serializer context (and
    `context`); `kwargs` go to the serializer (`instance`, `partial`). Invalid input is a 400 with Chinese
    errors per field."""
    context = {**view.get_serializer_context(), **(context or {})}
    serializer = serializer_class(data=view.request.data, context=context, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


def _field_errors(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's errors keyed by field, each message keeping its code."""
    errors = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in errors:  # a model's own checks (unique together…) belong to no single field
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors


class ChangeActionPermissions(DjangoModelPermissions):
    """For a POST action on an existing record (set current, end, record, change status…): the model's change
    permission, where DjangoModelPermissions would ask for the add permission."""

    perms_map = {**DjangoModelPermissions.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


@extend_schema_field(OpenApiTypes.INT)  # an id, also in a serializer without a model to derive it from
class VisiblePrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A related record given by id, looked up among those the requesting user may see (a selector
    `<entity>_visible_to(user)`); any other id is answered like a missing one."""

    def __init__(self, *, visible_to: Callable[[Any], QuerySet], **kwargs: Any) -> None:
        self.visible_to = visible_to
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.visible_to(self.context["request"].user)


VERSION_REQUIRED = "请提供读取记录时的版本号（version）。"


class VersionedSerializer(serializers.Serializer):
    """Mixed into an update serializer (whose Meta.fields must list "version"): the version the client read is
    required, even in a PATCH, so a stale edit is refused (409) instead of overwriting newer data."""

    version = serializers.IntegerField(
        min_value=1, help_text="读取记录时的版本号；记录已被他人修改时返回 409"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [VERSION_REQUIRED]}, code="required")
        return super().validate(attrs)


class VersionedSerializerSchema(OpenApiSerializerExtension):
    """The OpenAPI schema of a VersionedSerializer: as drf-spectacular maps it, but its `version` stays required
    in a PATCH, as VersionedSerializer.validate requires it."""

    target_class = VersionedSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request" and "version" in schema.get("properties", {}):
            schema["required"] = sorted({*schema.get("required", []), "version"})
        return schema


class TimeOfDaySchema(OpenApiSerializerFieldExtension):
    """A time of day (TimeField) as the API writes it, 09:30:00 without an offset: OpenAPI's `format: time`
    (RFC 3339 full-time) requires an offset, so the schema gives a pattern instead."""

    target_class = serializers.TimeField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$", "example": "09:30:00"}


class DefaultNoneSchema(OpenApiSerializerFieldExtension):
    """A read field declared with `default=None` (e.g. `source="township.name", default=None`) answers null
    when the object on its path is missing, so its response schema is nullable even without allow_null."""

    @classmethod
    def _matches(cls, target: Any) -> bool:
        return (
            isinstance(target, serializers.Field)
            and not isinstance(target, serializers.BaseSerializer)
            and target.default is None
            and not target.allow_null
        )

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction != "response":
            return schema
        return {"allOf": [schema], "nullable": True} if "$ref" in schema else {**schema, "nullable": True}


class DateField(serializers.DateField):
    """A date an API client enters, within a plausible range (by default 2000–2099): anything outside is a
    typing error, and deadline arithmetic on it (months ahead of 9999-12-31) would fail. Each workflow's own
    windows (not before the assignment, not in the future …) are its services' rules."""

    default_error_messages = {"out_of_range": "日期应在{earliest}至{latest}之间。"}

    def __init__(
        self,
        *,
        earliest: datetime.date = datetime.date(2000, 1, 1),
        latest: datetime.date = datetime.date(2099, 12, 31),
        **kwargs: Any,
    ) -> None:
        self.earliest, self.latest = earliest, latest
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> datetime.date:
        day = super().to_internal_value(value)
        if not self.earliest <= day <= self.latest:
            self.fail("out_of_range", earliest=cn_date(self.earliest), latest=cn_date(self.latest))
        return day


def versioned_changes(serializer: serializers.Serializer) -> tuple[int, dict[str, Any]]:
    """(expected version, changed fields) of a validated update serializer (a VersionedSerializer). Every
    versioned write takes its version here, so a body without one is a 400 naming the field, never a KeyError."""
    changes = dict(serializer.validated_data)
    if changes.get("version") is None:
        raise serializers.ValidationError({"version": [VERSION_REQUIRED]}, code="required")
    return changes.pop("version"), changes


def viewset_schema(
    noun: str,
    *,
    create: type[serializers.Serializer] | None = None,
    update: type[serializers.Serializer] | None = None,
    summaries: dict[str, str] | None = None,
    descriptions: dict[str, str] | None = None,
    **actions: Any,
) -> Callable[[type], type]:
    """The schema of a viewset of `noun`'s records (extend_schema_view): list "X", retrieve "X详情"; where the
    viewset writes, create "新增X" (request `create`, 201 with the viewset's serializer_class), update "修改X" and
    partial_update "修改X（部分字段）" (request `update`, 200 with serializer_class, and 409 for a stale version
    when `update` is a VersionedSerializer).

    `summaries` and `descriptions` replace an action's defaults by action name; a partial_update reads as its
    update, with "（部分字段）" after the summary. `actions` are the schemas of the viewset's other actions."""
    summary = {"list": noun, "retrieve": f"{noun}详情", "create": f"新增{noun}", "update": f"修改{noun}"}
    summary.update(summaries or {})
    summary["partial_update"] = f"{summary['update']}（部分字段）"
    description = dict(descriptions or {})
    if "update" in description:
        description.setdefault("partial_update", description["update"])

    def decorator(viewset: type) -> type:
        read = viewset.serializer_class  # type: ignore[attr-defined]  # a GenericViewSet's
        schemas: dict[str, dict[str, Any]] = {"list": {}, "retrieve": {}}
        if create is not None:
            schemas["create"] = {"request": create, "responses": {201: read}}
        if update is not None:
            responses = (
                {200: read, 409: STALE_RESPONSE} if issubclass(update, VersionedSerializer) else {200: read}
            )
            schemas["update"] = schemas["partial_update"] = {"request": update, "responses": responses}
        annotations = {
            name: extend_schema(summary=summary[name], description=description.get(name), **schema)
            for name, schema in schemas.items()
        }
        return extend_schema_view(**annotations, **actions)(viewset)

    return decorator


# ---------------------------------------------------------------- errors


def error_codes(codes: Any) -> list[str]:
    """Every code of a nested ValidationError.get_codes() result, depth first."""
    if isinstance(codes, dict):
        return [code for value in codes.values() for code in error_codes(value)]
    if isinstance(codes, list | tuple):
        return [code for value in codes for code in error_codes(value)]
    return [str(codes)]


INVALID_TRANSITION = "invalid_transition"


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every error of the API answers with a stable machine-readable `code` beside its Chinese message
    (REST_FRAMEWORK EXCEPTION_HANDLER):

    - a refused request: `{"detail": "…", "code": "not_found"}` (not_authenticated, permission_denied,
      not_found, method_not_allowed, stale_version, throttled, parse_error …);
    - invalid input or a rule of a service: the messages keyed by field as before (`{"version": ["…"]}`,
      `{"non_field_errors": ["…"]}`), plus `code`, the first error's code (`required`, `invalid`,
      `invalid_transition`, `contact_required`, `upload_type` …), and `codes`, every message's code in the same
      shape as the messages (where a field is itself named `code`, its messages keep that key: read `codes`).

    A move the case's current state does not allow (`invalid_transition`) is 409 Conflict, other rule errors
    400. A Django ValidationError raised outside service_call is converted as service_call converts it."""
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(_field_errors(exc))
    response = drf_views.exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        codes = exc.get_codes()
        data = response.data
        if not isinstance(data, dict):  # ValidationError("…") outside a serializer: a bare list
            key = api_settings.NON_FIELD_ERRORS_KEY
            data, codes = {key: data}, {key: codes}
        every = error_codes(codes)
        # A field's messages are never overwritten: where a field itself is named `code` (a jurisdiction's or
        # a township's), its messages keep that key and the error codes are read from `codes`.
        response.data = {"code": every[0] if every else "invalid", **data, "codes": codes}
        if INVALID_TRANSITION in every:
            response.status_code = status.HTTP_409_CONFLICT
        return response
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, Http404):
        code = exceptions.NotFound.default_code
    elif isinstance(exc, DjangoPermissionDenied):
        code = exceptions.PermissionDenied.default_code
    if isinstance(response.data, dict) and "detail" in response.data:
        response.data["code"] = code if isinstance(code, str) else "error"
    return response


class ErrorSerializer(serializers.Serializer):
    """The body of a refused request (401, 403, 404, 405, 409 stale version …)."""

    detail = serializers.CharField(help_text="中文说明")
    code = serializers.CharField(help_text="稳定的错误代码，如 not_found、permission_denied、stale_version")


# ---------------------------------------------------------------- lists: pages and filters


def _one(request, name: str) -> str | None:
    """The single value of query parameter `name` (None if absent); given more than once is a 400."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise exceptions.ValidationError({name: [f"参数 {name} 只能提供一个值。"]}, code="invalid")
    return values[0] if values else None


def _positive_int(request, name: str) -> int | None:
    value = _one(request, name)
    if not value:  # absent or empty
        return None
    if not value.isdigit() or int(value) < 1:
        raise exceptions.ValidationError({name: [f"参数 {name} 须为正整数。"]}, code="invalid")
    return int(value)


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 50 by default; `page_size` up to 200 (more is read as 200). `page` and `page_size` are single
    positive integers, anything else a 400 naming the parameter; a page past the last is a 404. Counts as the
    list pages do (core.listing.ListPaginator): exact up to 10,000 rows, above that on PostgreSQL the planner's
    estimate, said by `count_estimated` (a page past the estimated last is then empty, not a 404)."""

    django_paginator_class = ListPaginator
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        paginator = cast(ListPaginator, cast(Any, self.page).paginator)
        response.data["count_estimated"] = paginator.estimated
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count_estimated"] = {
            "type": "boolean",
            "description": "count 为估计值（超过一万条时按数据库统计信息估计）",
        }
        described["required"] = [*described.get("required", []), "count_estimated"]
        return described

    def get_page_size(self, request) -> int | None:  # None: settings.REST_FRAMEWORK has no PAGE_SIZE
        size = _positive_int(request, self.page_size_query_param)
        return min(size, self.max_page_size) if size else self.page_size

    def get_page_number(self, request, paginator) -> int:
        return _positive_int(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                most = self.max_page_size
                parameter["description"] = f"每页条数，默认 {self.page_size}，最多 {most}（超过按 {most}）"
            else:
                parameter["description"] = "页码，从 1 开始"
        return parameters


BOOLEAN_VALUES = {"true", "false", "True", "False"}  # read alike by every django-filter boolean widget


class FilterBackend(DjangoFilterBackend):
    """django-filter, strict about its query parameters: a declared filter's parameter given twice (other
    than a multiple-choice one), or a boolean other than true or false, is a 400 naming it, where
    django-filter would silently read it as no filter at all."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            for name, declared in filterset_class.base_filters.items():
                if isinstance(declared, django_filters.MultipleChoiceFilter | django_filters.BaseCSVFilter):
                    continue
                value = _one(request, name)
                if isinstance(declared, django_filters.BooleanFilter) and value not in (None, ""):
                    if value not in BOOLEAN_VALUES:
                        raise exceptions.ValidationError(
                            {name: ["请填写 true 或 false。"]}, code="invalid_choice"
                        )
        return super().filter_queryset(request, queryset, view)


# ---------------------------------------------------------------- the in-app inbox (收件箱)


class NotificationSerializer(serializers.ModelSerializer):
    unread = serializers.SerializerMethodField(help_text="未读")

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at", "unread"]

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        label="未读", method="by_unread", help_text="true 只列未读，false 只列已读"
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def by_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value)


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="本次标为已读的消息数")


class NotificationListView(drf_views.APIView):
    """The user's own in-app messages, newest first (as the 收件箱 page)."""

    filter_backends = [FilterBackend]
    filterset_class = NotificationFilter
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return notifications_visible_to(self.request.user)

    def get(self, request):
        queryset = FilterBackend().filter_queryset(request, self.get_queryset(), self)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationReadView(drf_views.APIView):
    """Mark one of the user's own messages read; another user's message is a 404."""

    def post(self, request, pk: int):
        notification = notification_get_for_user(request.user, pk)
        notifications_mark_read(actor=request.user, pk=notification.pk)
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllView(drf_views.APIView):
    """Mark all the user's messages read."""

    def post(self, request):
        return Response({"marked": notifications_mark_read(actor=request.user)})


@functools.cache
def inbox_urls() -> list:
    """The inbox's URL patterns (/api/v1/notifications/…) with their schema annotations. The annotations are
    made here, when the URLconf loads, not when this module is imported: they load DRF's generic views, which
    read this module's FilterBackend and PageNumberPagination (REST_FRAMEWORK) while they load."""
    extend_schema(summary="站内消息（收件箱）", responses=NotificationSerializer(many=True))(
        NotificationListView.get
    )
    extend_schema(
        summary="标为已读",
        request=None,
        responses={
            200: NotificationSerializer,
            404: OpenApiResponse(ErrorSerializer, description="没有找到该消息"),
        },
    )(NotificationReadView.post)
    extend_schema(summary="全部标为已读", request=None, responses=MarkedSerializer)(
        NotificationReadAllView.post
    )
    return [
        path("notifications/", NotificationListView.as_view(), name="notification-list"),
        path("notifications/<int:pk>/read/", NotificationReadView.as_view(), name="notification-read"),
        path("notifications/read-all/", NotificationReadAllView.as_view(), name="notification-read-all"),
    ]


# ---------------------------------------------------------------- about: name, version, licence


class AboutSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="软件名称（renda）")
    version = serializers.CharField(help_text="所运行的版本，如 0.1.0（pyproject.toml 的 version）")
    licence = serializers.CharField(help_text="许可证（SPDX 标识），AGPL-3.0-or-later")


class AboutView(drf_views.APIView):
    """Name, version and licence of the running platform, for everyone (a monitoring check, a county naming the
    version it runs when it reports a problem). Reads no database and no credentials: a stale token does not
    turn it into a 401."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        return Response(
            {"name": renda_about.NAME, "version": renda_about.version(), "licence": renda_about.licence()}
        )


@functools.cache
def about_urls() -> list:
    """The about endpoint's URL pattern (/api/v1/about/), annotated when the URLconf loads, as inbox_urls."""
    extend_schema(summary="关于：名称、版本和许可证（无需登录）", auth=[], responses=AboutSerializer)(
        AboutView.get
    )
    return [path("about/", AboutView.as_view(), name="api-about")]


# ---------------------------------------------------------------- what every area's API shares


def visible(visible_to, **kwargs) -> VisiblePrimaryKeyField:
    """An id field looked up among the records `visible_to(user)` returns."""
    return VisiblePrimaryKeyField(visible_to=visible_to, pk_field=serializers.IntegerField(), **kwargs)


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


ERRORS = {
    400: OpenApiResponse(
        description="输入不符合要求或不符合办理规则：按字段列出中文说明，另有 code（第一条说明的错误代码，"
        "如 required、contact_required）和 codes（与说明同样结构的各条代码）"
    ),
    403: OpenApiResponse(ErrorSerializer, description="无权进行此操作（code: permission_denied）"),
    404: OpenApiResponse(ErrorSerializer, description="没有找到，或无权查看（code: not_found）"),
    409: OpenApiResponse(
        description="当前状态不能进行此操作：按字段列出中文说明，code 为 invalid_transition"
    ),
}


def action_schema(summary: str, request, response, code: int = 200):
    return extend_schema(summary=summary, request=request, responses={code: response, **ERRORS})


class InputMixin:
    """For a view (a GenericAPIView): the request's body validated by `serializer_class`, or a 400."""

    def validated(self, serializer_class, **kwargs) -> dict:
        view: Any = self
        serializer = serializer_class(data=view.request.data, context=view.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ActionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="动作标识，如 register（立案）、sign_for（签收）、forward（转办）")
    label = serializers.CharField(help_text="动作名称，如 立案、签收")  # type: ignore[assignment]  # named like Field.label


class AvailableActionsMixin(serializers.Serializer):
    """`available_actions`: the moves the requesting user may make now (core.workflow `moves_for`), the same
    list the page shows as buttons."""

    flow: Workflow

    available_actions = serializers.SerializerMethodField(help_text="当前用户现在可以进行的操作")

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_actions(self, obj) -> list[dict[str, str]]:
        return actions(self.flow, self.context["request"].user, obj)
