"""API authentication: DRF's token (one per user, `Authorization: Token <key>`), refused once it is older than
API_TOKEN_DAYS. The user sees and revokes it on the 「API 令牌」 page or through /api/v1/auth/tokens/; asking for a
token again after it expired (or was revoked) issues a new one."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from renda.accounts.selectors import api_token_expired


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if api_token_expired(token):
            raise AuthenticationFailed("令牌已过期，请重新获取令牌。", code="token_expired")
        if user.must_change_password:
            from renda.accounts.middleware import PASSWORD_CHANGE_MESSAGE, PASSWORD_CHANGE_REQUIRED

            raise PermissionDenied(PASSWORD_CHANGE_MESSAGE, code=PASSWORD_CHANGE_REQUIRED)
        return user, token
