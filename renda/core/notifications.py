"""In-app inbox and e-mail. Messages are rows written in the caller's transaction; e-mail goes out only
after it commits (house rule 5). A `key` makes a message idempotent per recipient, so a daily reminder run
twice sends nothing twice."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from renda.core.models import Notification


def notify(*, recipients: Iterable, title: str, body: str = "", url: str = "", key: str = "") -> int:
    """Send one message to each recipient (users); returns how many were new."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return 0
    if key:
        already = set(
            Notification.objects.filter(key=key, recipient_id__in=users).values_list(
                "recipient_id", flat=True
            )
        )
        users = {pk: user for pk, user in users.items() if pk not in already}
    rows = [Notification(recipient=user, title=title, body=body, url=url, key=key) for user in users.values()]
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    mails = [
        (f"【人大履职平台】{title}", f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in users.values()
        if user.email
    ]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(rows)
