"""Error responses (config/urls.py handler400/403/404/500): Chinese pages in the site's style, and under /api/
a JSON body shaped like the API's own errors, {"detail": "…", "code": "…"}. Used when DEBUG is off."""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

# status → (code, message of the JSON body)
API_ERRORS = {
    400: ("bad_request", "请求有误。"),
    403: ("permission_denied", "您没有执行该操作的权限。"),
    404: ("not_found", "未找到。"),
    500: ("server_error", "服务器内部错误，请稍后再试。"),
}

# The page when even the error template cannot be rendered (the database is down, say).
FALLBACK = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · 人大履职平台</title></head>
<body><h1>{title}</h1><p>{message}</p><p><a href="/">返回工作台</a></p></body></html>"""
FALLBACK_TEXT = {
    400: ("请求有误", "请求的格式或内容有误。"),
    403: ("没有权限", "您没有执行该操作的权限。"),
    404: ("页面不存在", "您要找的页面不存在，或者您没有查看它的权限。"),
    500: ("服务器出错了", "服务器内部错误，请稍后再试。"),
}


def _message(exception: Exception | None) -> str:
    """The Chinese message a PermissionDenied was raised with (services write them for users), if any."""
    return str(exception) if exception is not None and exception.args else ""


def _respond(request: HttpRequest, status: int, message: str = "") -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        code, detail = API_ERRORS[status]
        return JsonResponse(
            {"detail": message or detail, "code": code},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    try:
        return render(request, f"{status}.html", {"message": message}, status=status)
    except Exception:
        logger.exception("The %s page could not be rendered", status)
        title, text = FALLBACK_TEXT[status]
        return HttpResponse(FALLBACK.format(title=title, message=escape(message or text)), status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 403, _message(exception))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _respond(request, 500)
