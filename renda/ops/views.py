"""The health endpoint: JSON for the IT staff's monitoring, without login and without personal data."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from rest_framework.throttling import SimpleRateThrottle

from renda.ops.selectors import health_report


class HealthThrottle(SimpleRateThrottle):
    """HEALTH_RATE requests per client address (Django's cache: per server process unless it is shared). Behind
    the reverse proxy (BEHIND_PROXY=1) the address is the one the proxy appended to X-Forwarded-For."""

    scope = "health"

    def get_rate(self) -> str:
        return settings.HEALTH_RATE

    def get_ident(self, request) -> str:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if settings.SECURE_PROXY_SSL_HEADER and forwarded:
            return forwarded.split(",")[-1].strip()
        return request.META.get("REMOTE_ADDR", "")

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 with {"status": "ok", "checks": {…}} when the database answers, every migration is applied, the daily
    tick and the backup ran within their hours and the disks have room; else 503 with the failing checks'
    messages; 429 past HEALTH_RATE."""
    throttle = HealthThrottle()
    # The throttle reads only the request's headers and address, which a plain Django request has.
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]
        wait = throttle.wait()
        response = JsonResponse({"status": "throttled", "detail": "请求过于频繁，请稍后再试。"}, status=429)
        if wait is not None:
            response["Retry-After"] = str(int(wait) + 1)
        return response
    ok, report = health_report()
    return JsonResponse(report, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})
