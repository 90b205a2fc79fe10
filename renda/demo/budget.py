"""The demo county's budget supervision (预算联网监督): two years of the finance bureau's exports — last year
complete, this year until today, about 200,000 rows with real classification codes — generated in bulk
(budget/generate.py: numpy and pyarrow, deterministic by seed) and imported through the services as Parquet
files, as the office would; the rules raise their alerts on each import, and the office handles a few of them
under `clock.at(...)` so that every state appears: dismissed, inquired, answered, closed, escalated, new. The
budget calendar of both years is recorded. Not generated at the province scale (bench/ generates its own)."""

import datetime
import io
import random

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from renda.accounts.models import User
from renda.budget import services
from renda.budget.generate import generate
from renda.budget.models import Adjustment, Alert, AlertState, ClassCode, Milestone
from renda.core import clock
from renda.org.models import HandlingUnit

PAYMENTS_PER_YEAR = 95_000


def _at(day: datetime.date, hour: int = 10):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


def _parquet(table, drop: list[str]) -> bytes:
    """The finance bureau's file: amounts in 元."""
    table = table.drop(drop)
    for name in ("amount", "budget", "actual", "limit_amount", "balance", "issued"):
        if name in table.column_names:
            i = table.column_names.index(name)
            table = table.set_column(i, name, pc.divide(pc.cast(table[name], pa.float64()), 100.0))
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _until(revenue, month: int):
    """This year's revenue up to the current month."""
    return revenue.filter(pc.less_equal(revenue["month"], month))


def demo_budget(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    from renda.demo.services import SCALES

    if scale != SCALES["county"]:
        return {}
    rng = random.Random(seed)
    office = User.objects.get(username="clerk")
    if not ClassCode.objects.exists():  # loaded by migration; a flushed test database lacks them
        services.classes_load(actor=office)
    rows = 0
    generated = {
        year: generate(year=year, payments=PAYMENTS_PER_YEAR, departments=20, projects=12, seed=rng.randrange(2**16),
                       until=today - datetime.timedelta(days=1) if year == today.year else None)
        for year in (today.year - 1, today.year)
    }  # fmt: skip
    # 三公经费 of both years from this year's file (which carries last year's actuals for comparison)
    sangong = generated[today.year].tables["sangong"]
    for year, data in generated.items():
        current = year == today.year
        imported_on = today if current else datetime.date(year + 1, 1, 20)
        files = [
            ("allocations", data.tables["allocations"], ["year", "kind"]),
            ("sangong", sangong.filter(pc.equal(sangong["year"], year)), ["year"]),
            ("revenue_budget", data.tables["revenue_budget"], ["year"]),
            ("revenue", _until(data.tables["revenue"], today.month if current else 12), ["year"]),
            ("debt", data.tables["debt"], ["year"]),
            ("payments", data.tables["payments"], ["year", "month", "day"]),
        ]
        with _at(imported_on):
            for dataset, table, drop in files:
                done = services.data_import(
                    dataset=dataset, year=year, source=_parquet(table, drop), fmt="parquet",
                    file_name=f"{year}年{dataset}.parquet", actor=office, raise_alerts=dataset == "payments",
                )  # fmt: skip
                rows += done.rows
        _calendar(office, year, today)
    _handle(office, today, rng)
    return {"预算执行数据行": rows, "预算预警": Alert.objects.count()}


def _calendar(office: User, year: int, today: datetime.date) -> None:
    congress = datetime.date(year, 1, 18)
    steps = [
        (Milestone.Kind.DRAFT, datetime.date(year - 1, 12, 15), congress),
        (Milestone.Kind.APPROVED, datetime.date(year, 1, 21), None),
        (Milestone.Kind.PUBLISHED, datetime.date(year, 2, 8), None),
        (Milestone.Kind.MIDYEAR, datetime.date(year, 8, 27), None),
    ]
    for kind, day, reference in steps:
        if day < today:
            with _at(day):
                services.milestone_record(year=year, kind=kind, date=day, reference=reference, actor=office)
    if datetime.date(year, 9, 1) < today:
        with _at(datetime.date(year, 9, 1)):
            services.adjustment_record(
                year=year, case=Adjustment.Case.DEBT, amount=30_000_000_00, approved_on=datetime.date(year, 9, 1),
                description="新增一般债券额度用于农村公路建设", actor=office,
            )  # fmt: skip


def _handle(office: User, today: datetime.date, rng: random.Random) -> None:
    """Some of last year's alerts handled: dismissed, inquired (signed for and answered), closed, escalated."""
    unit_user = (
        User.objects.filter(username="unit").first()
        or User.objects.filter(handling_unit__isnull=False, is_active=True).order_by("pk").first()
    )
    unit = unit_user.handling_unit if unit_user else HandlingUnit.objects.filter(active=True).first()
    alerts = list(Alert.objects.filter(year=today.year - 1, state=AlertState.NEW).order_by("rule", "key"))
    rng.shuffle(alerts)
    start = max(datetime.date(today.year - 1, 12, 31), today - datetime.timedelta(days=60))
    plan = ["dismiss", "close", "escalate", "answered", "inquiring", "dismiss"]
    for step, alert in zip(plan, alerts, strict=False):
        with _at(start + datetime.timedelta(days=1)):
            if step == "dismiss":
                services.alert_dismiss(
                    alert=alert, reason="经核实，系按合同约定分期支付，不属于违规情形。", actor=office
                )
                continue
            alert = services.alert_inquire(alert=alert, unit=unit, due=start + datetime.timedelta(days=21),
                                           actor=office, note="请核实情况并书面说明。")  # fmt: skip
        if step == "inquiring" or unit_user is None:
            continue
        assignment = alert.assignments.get()
        with _at(start + datetime.timedelta(days=5)):
            assignment = services.alert_sign_for(assignment=assignment, actor=unit_user)
            services.alert_reply_send(assignment=assignment, text="经核实，相关支付有合同和验收材料，已整改规范。",
                                      signer="张建国", actor=unit_user)  # fmt: skip
        alert.refresh_from_db()
        with _at(start + datetime.timedelta(days=8)):
            if step == "close":
                services.alert_close(alert=alert, conclusion="答复属实，予以办结。", actor=office)
            elif step == "escalate":
                services.alert_escalate(
                    alert=alert, conclusion="问题较为突出，提请常委会听取专项报告。", actor=office
                )
