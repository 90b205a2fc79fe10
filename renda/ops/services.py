"""Every write of the operations area: the heartbeats of the daily tick and of the backups."""

from renda.core import clock
from renda.ops.models import Beat, Heartbeat


def heartbeat_record(*, name: Beat, detail: str = "") -> Heartbeat:
    """Record that the run `name` finished now (one row per kind of run, updated in place)."""
    beat, _ = Heartbeat.objects.update_or_create(
        name=name, defaults={"at": clock.now(), "detail": detail[:200]}
    )
    return beat
