"""The first sign-in with an initial password (opened in bulk or reset by the office) leads to the password
change: pages redirect there, the API answers 403 with the code `password_change_required` (token users are
refused in authentication.ExpiringTokenAuthentication, since DRF authenticates them after the middleware)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

PASSWORD_CHANGE_REQUIRED = "password_change_required"
PASSWORD_CHANGE_MESSAGE = "首次登录须先修改初始密码。"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = (
                reverse("accounts:password_change"),
                reverse("accounts:password_change_done"),
                reverse("accounts:logout"),
                reverse("accounts:login"),
            )
            if request.path not in allowed:
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": PASSWORD_CHANGE_MESSAGE, "code": PASSWORD_CHANGE_REQUIRED}, status=403
                    )
                return redirect("accounts:password_change")
        return self.get_response(request)
