"""What operations adds to the platform: the daily tick records that it ran (the last of its jobs, so the
time is that of a complete run), which the health endpoint reports."""

import datetime

from renda.core.registry import Platform, TickJob
from renda.ops.models import Beat
from renda.ops.services import heartbeat_record


def tick_recorded(*, today: datetime.date) -> dict[str, int]:
    heartbeat_record(name=Beat.TICK, detail=f"按 {today.isoformat()} 运行")
    return {"记录运行时间": 1}


PLATFORM = Platform(tick_jobs=[TickJob(steps=[tick_recorded], label="运行记录")])
