"""What the citizens' opinions' statistics count, kept as opinions move (core.facts): per year, the seeds'
counts (collected, received at reception days and visits, resolved, forwarded, satisfied, rated) per (state,
channel), per place, per month received, per township and per category — the dashboard's year board and the
office's hot-topic counts are sums of these rows (selectors.py)."""

from typing import Any

from renda.core.facts import Tally
from renda.opinions.models import Channel, Opinion, OpinionFact, Satisfaction, State

RECEIVED = {Channel.RECEPTION, Channel.VISIT}
SATISFIED = {Satisfaction.SATISFIED, Satisfaction.BASICALLY}


def place(row: dict[str, Any]) -> str:
    """The township's key, else the station's (its township is read when counted), else "-"."""
    if row["township_id"]:
        return f"t{row['township_id']}"
    return f"s{row['station_id']}" if row["station_id"] else "-"


def opinion_counts(row: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, int]]]:
    measures = {
        "collected": 1,
        "received": int(row["channel"] in RECEIVED),
        "resolved": int(row["state"] == State.CLOSED and row["resolved"] is not False),
        "forwarded": int(row["reply_due"] is not None),
        "satisfied": int(row["satisfaction"] in SATISFIED),
        "rated": int(row["satisfaction"] != ""),
    }
    groups = {
        "state_channel": f"{row['state']}|{row['channel']}",
        "place": place(row),
        "month": f"{row['received_on']:%Y-%m}",
        "township": str(row["township_id"] or 0),
        "category": str(row["category_id"] or 0),
    }
    return [({"year": row["year"], "grouping": g, "group": value}, measures) for g, value in groups.items()]


OPINIONS = Tally(
    name="opinions",
    source=Opinion,
    fact=OpinionFact,
    columns=(
        "year",
        "state",
        "channel",
        "township_id",
        "station_id",
        "category_id",
        "received_on",
        "resolved",
        "reply_due",
        "satisfaction",
    ),
    counts=opinion_counts,
)
