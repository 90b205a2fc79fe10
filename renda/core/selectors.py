"""Reads of the shared kernel that apply visibility."""

from django.db.models import QuerySet
from django.http import Http404

from renda.core.models import Notification


def notifications_visible_to(user) -> QuerySet[Notification]:
    """A user's own in-app messages (收件箱), newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_get_for_user(user, pk) -> Notification:
    try:
        return notifications_visible_to(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该消息。") from None


def unread_count(user) -> int:
    return notifications_visible_to(user).filter(read_at__isnull=True).count()
