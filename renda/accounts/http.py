"""The request a view behind sign-in receives, for type checking (the django-stubs and django-htmx recipe)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from renda.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """Annotation for views under `login_required` or `capability_required`: `user` is a signed-in User (not
    AnonymousUser), so it can be passed as a service's `actor`; `htmx` is set by HtmxMiddleware. Django still
    builds plain HttpRequests: never instantiate or isinstance-check this class."""

    user: User
    htmx: HtmxDetails
