"""API: obtain a token with username and password, see and revoke it; who am I."""

from typing import cast

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status, views
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from renda.accounts import selectors, services
from renda.core.roles import Role, user_roles


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text="请求头 Authorization: Token <令牌>")
    expires_at = serializers.DateTimeField(read_only=True, help_text="令牌失效的时间，之后须重新获取")


class TokenInfoSerializer(serializers.Serializer):
    prefix = serializers.CharField(help_text="令牌的前8位，用于辨认")
    created = serializers.DateTimeField(help_text="签发时间")
    expires_at = serializers.DateTimeField(help_text="失效时间")
    expired = serializers.BooleanField(help_text="是否已过期")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def lockout_message(username: str) -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"账号“{username}”连续{settings.AXES_FAILURE_LIMIT}次登录失败，为保护账号安全已暂时锁定，"
        f"请在{minutes}分钟后再试。"
    )


class TokenView(generics.GenericAPIView):
    """Exchange a username and password for the user's API token. Failed attempts count towards the same
    lockout as the sign-in page (django-axes): a locked-out account gets 429 whatever the password."""

    serializer_class = AuthTokenSerializer
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="获取令牌",
        auth=[],
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="用户名或密码错误"),
            429: OpenApiResponse(DetailSerializer, description="连续登录失败，账号已暂时锁定"),
        },
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        valid = serializer.is_valid()
        if getattr(request, "axes_locked_out", False):
            seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
            return Response(
                {"detail": lockout_message(request.data.get("username", ""))},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(seconds)},
            )
        if not valid:
            raise serializers.ValidationError(cast(dict, serializer.errors))  # a Serializer's errors: a dict
        token = services.api_token_issue(request=request, actor=serializer.validated_data["user"])
        expires_at = selectors.api_token_expires_at(token)
        return Response(TokenSerializer({"token": token.key, "expires_at": expires_at}).data)


class TokenListView(views.APIView):
    """The signed-in user's API tokens (never the whole key), and revoking them."""

    @extend_schema(summary="我的令牌", responses=TokenInfoSerializer(many=True))
    def get(self, request):
        return Response(TokenInfoSerializer(selectors.api_tokens_of(request.user), many=True).data)

    @extend_schema(
        summary="撤销我的令牌",
        description="撤销后该令牌立即失效；需要时可重新获取。",
        responses={204: OpenApiResponse(description="已撤销")},
    )
    def delete(self, request):
        services.api_tokens_revoke(actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RoleSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=Role.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label (stubs)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.SerializerMethodField()
    deputy = LinkSerializer(allow_null=True, help_text="代表账号对应的代表")
    office = LinkSerializer(allow_null=True, help_text="机关工作人员所在机构")
    handling_unit = LinkSerializer(allow_null=True, help_text="承办单位账号所在单位")
    station = LinkSerializer(allow_null=True, help_text="联络站管理员管理的联络站")

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, user) -> list[dict[str, str]]:
        held = user_roles(user)
        return [{"value": role.value, "label": str(role.label)} for role in Role if role in held]


class MeView(generics.GenericAPIView):
    """The signed-in user, their roles and the records those roles act for."""

    serializer_class = MeSerializer

    @extend_schema(summary="当前用户")
    def get(self, request):
        return Response(self.get_serializer(request.user).data)
