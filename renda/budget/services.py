"""Every write of the budget supervision: imports into the analytical store, the alerts raised from the rules
and their handling (inquiries as casework), the budget calendar and adjustments.

National rules (预算法, 【国】) are constants here; the alert thresholds and their on/off switches are local
rules (platform.py RULES)."""

from __future__ import annotations

import csv
import datetime
import logging
import shutil
import threading
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.utils import timezone

from renda.budget import importing, rules
from renda.budget.models import (
    Adjustment,
    Alert,
    AlertAssignment,
    AlertEvent,
    AlertReply,
    AlertState,
    BudgetImport,
    ClassCode,
    ColumnMapping,
    Dataset,
    Milestone,
)
from renda.budget.store import Store, get_store
from renda.budget.workflows import ALERT_FLOW, BY_OFFICE, CASES
from renda.casework import services as casework
from renda.core import clock
from renda.core.rules import rule

logger = logging.getLogger(__name__)

DRAFT_DAYS_BEFORE_CONGRESS = (
    30  # 【国】 预算法 Art. 44: the draft to the committee 30 days before the session
)
PUBLISH_DAYS = 20  # 【国】 预算法 Art. 14: budgets published within 20 days of approval
RESERVE_MIN_PCT, RESERVE_MAX_PCT = 1, 3  # 【国】 预算法 Art. 40: reserve fund 1–3 % of spending
REVIEW_MONTHS = range(6, 10)  # 【国】 监督法 Arts. 19–20: mid-year report and final accounts June–September
CLASSES_FILE = Path(__file__).parent / "data" / "classes.csv"


# ---------------------------------------------------------------- reference tables


def classes_load(*, path: Path = CLASSES_FILE, actor: Any = None) -> int:
    """Load (or refresh) the classification codes from a CSV of scheme, code, name."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with transaction.atomic():
        for row in rows:
            ClassCode.objects.update_or_create(
                scheme=row["scheme"], code=row["code"].strip(), defaults={"name": row["name"].strip()}
            )
    return len(rows)


def known_codes() -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {"func": set(), "econ": set(), "revenue": set()}
    names: dict[str, str] = {"function": "func", "economic": "econ", "revenue": "revenue"}
    for scheme, code in ClassCode.objects.values_list("scheme", "code"):
        codes[names[scheme]].add(code)
    return codes


# ---------------------------------------------------------------- column mappings


def mapping_of(dataset: str) -> dict[str, str]:
    """The saved mapping of `dataset` (field -> the file's header), empty when none is saved."""
    saved = ColumnMapping.objects.filter(dataset=dataset).first()
    return dict(saved.columns) if saved else {}


@transaction.atomic
def mapping_save(*, dataset: str, columns: dict[str, str], actor: Any) -> ColumnMapping | None:
    """Save the column mapping of `dataset` (field -> the finance bureau's header): later imports of the dataset
    apply it. Blank fields are read from their standard header; an all-blank mapping deletes the saved one."""
    BY_OFFICE.require(actor)
    if dataset not in Dataset.values:
        raise ValidationError("未知的数据类别。")
    try:
        columns = importing.clean_mapping(dataset, columns)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if not columns:
        ColumnMapping.objects.filter(dataset=dataset).delete()
        return None
    mapping, _ = ColumnMapping.objects.update_or_create(
        dataset=dataset, defaults={"columns": columns, "actor": actor}
    )
    return mapping


# ---------------------------------------------------------------- imports


def params() -> dict[str, int]:
    """The thresholds in force (local rules)."""
    return {name: rule(name) for name in rules.DEFAULT_PARAMS}


def enabled_rules() -> list[str]:
    return [name for name, r in rules.RULES.items() if not r.setting or rule(r.setting)]


def data_import(
    *,
    dataset: str,
    year: int,
    source: str | Path | bytes,
    fmt: str,
    file_name: str,
    actor: Any,
    store: Store | None = None,
    raise_alerts: bool = True,
    mapping: dict[str, str] | None = None,
    save_mapping: bool = False,
) -> BudgetImport:
    """Import one file of `dataset` for `year`, now: all or nothing, replacing the period; then raise the year's
    alerts (unless `raise_alerts` is False: more files of the year follow). A refused file is recorded with every
    bad row named and nothing imported. `mapping` (field -> the file's header) names the file's own columns;
    without it the dataset's saved mapping applies; `save_mapping` saves the given one for later imports."""
    record, mapping = _import_begin(
        dataset=dataset,
        year=year,
        file_name=file_name,
        actor=actor,
        mapping=mapping,
        save_mapping=save_mapping,
    )
    return _import_run(
        record, source=source, fmt=fmt, mapping=mapping, store=store, raise_alerts=raise_alerts
    )


def data_import_start(
    *,
    dataset: str,
    year: int,
    upload: Any,
    fmt: str,
    file_name: str,
    actor: Any,
    mapping: dict[str, str] | None = None,
    save_mapping: bool = False,
) -> BudgetImport:
    """Start importing an uploaded file (a file object) in the background and return its record, running: its
    `stage`, `checked` and `written` show the progress (the import page polls them) until it is done or refused,
    all or nothing as data_import. The file is kept under `var/budget-uploads/` until the import ends. With
    BUDGET_IMPORT_BACKGROUND off (tests), the import runs at once."""
    record, mapping = _import_begin(
        dataset=dataset,
        year=year,
        file_name=file_name,
        actor=actor,
        mapping=mapping,
        save_mapping=save_mapping,
    )
    folder = Path(
        getattr(settings, "BUDGET_UPLOAD_DIR", "") or Path(settings.BASE_DIR) / "var" / "budget-uploads"
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.pk}.{fmt}"
    with open(path, "wb") as out:
        shutil.copyfileobj(upload, out, 4 * 1024 * 1024)

    def run() -> None:
        try:
            _import_run(record, source=path, fmt=fmt, mapping=mapping, store=None, raise_alerts=True)
        except Exception:
            logger.exception("budget import %s failed", record.pk)
            BudgetImport.objects.filter(pk=record.pk).update(
                result=BudgetImport.Result.REFUSED, stage="", error_count=1, errors=IMPORT_FAILED,
                updated_at=timezone.now(),
            )  # fmt: skip
        finally:
            path.unlink(missing_ok=True)
            if background:
                connections.close_all()  # the thread's own connections

    background = getattr(settings, "BUDGET_IMPORT_BACKGROUND", True)
    if background:
        transaction.on_commit(
            lambda: threading.Thread(target=run, name=f"budget-import-{record.pk}", daemon=True).start()
        )
    else:
        run()
        record.refresh_from_db()
    return record


IMPORT_FAILED = "导入时发生系统错误，未导入任何数据。请重新导入；如仍失败，请联系系统管理员。"
INTERRUPTED = "导入中断（服务重新启动），未导入任何数据，请重新导入。"
STALE_RUNNING = datetime.timedelta(hours=2)  # a running import not heard of for this long was interrupted


def _import_begin(
    *, dataset: str, year: int, file_name: str, actor: Any, mapping: dict[str, str] | None, save_mapping: bool
) -> tuple[BudgetImport, dict[str, str]]:
    """Check who imports what, save the mapping if asked, and record the import as running; the mapping to
    apply (the given one, or the dataset's saved one)."""
    BY_OFFICE.require(actor)
    if dataset not in Dataset.values:
        raise ValidationError("未知的数据类别。")
    if mapping is not None and save_mapping:
        mapping_save(dataset=dataset, columns=mapping, actor=actor)
    if mapping is None:
        mapping = mapping_of(dataset)
    BudgetImport.objects.filter(
        result=BudgetImport.Result.RUNNING, updated_at__lt=timezone.now() - STALE_RUNNING
    ).update(result=BudgetImport.Result.REFUSED, stage="", error_count=1, errors=INTERRUPTED)
    record = BudgetImport.objects.create(
        dataset=dataset, year=year, file_name=file_name[:200], result=BudgetImport.Result.RUNNING,
        stage="等待开始", actor=actor,
    )  # fmt: skip
    return record, mapping


def _progress(record: BudgetImport, **fields: Any) -> None:
    BudgetImport.objects.filter(pk=record.pk).update(updated_at=timezone.now(), **fields)


def _import_run(
    record: BudgetImport,
    *,
    source: str | Path | bytes,
    fmt: str,
    mapping: dict[str, str],
    store: Store | None,
    raise_alerts: bool,
) -> BudgetImport:
    dataset, year = record.dataset, record.year
    store = store or get_store()
    started = timezone.now()
    notes: list[str] = []
    _progress(record, stage="读取文件")
    try:
        rows = importing.prepare(
            source, fmt, dataset, year, known_codes(), mapping,
            progress=lambda checked, total: _progress(record, stage="校验", checked=checked, total=total),
        )  # fmt: skip
        if dataset == Dataset.ADJUSTMENTS:
            _check_adjustment(year, int(pc.sum(rows["amount"]).as_py() or 0))
        where = importing.period(dataset, year)
        table = importing.DATASETS[dataset][0]
        replaced = store.count(table, **where)
        _progress(record, stage="写入分析库", total=rows.num_rows, checked=rows.num_rows)
        store.replace(table, rows, where=where, progress=lambda written: _progress(record, written=written))
    except importing.ImportRefused as refused:
        _progress(
            record, result=BudgetImport.Result.REFUSED, stage="", error_count=refused.total,
            errors="\n".join(refused.errors),
            milliseconds=int((timezone.now() - started).total_seconds() * 1000),
        )  # fmt: skip
        record.refresh_from_db()
        return record
    if dataset == Dataset.ALLOCATIONS:
        notes += reserve_check(year, store=store)
    _progress(
        record, result=BudgetImport.Result.DONE, stage="", rows=rows.num_rows, replaced=replaced,
        notes="\n".join(notes), milliseconds=int((timezone.now() - started).total_seconds() * 1000),
    )  # fmt: skip
    record.refresh_from_db()
    if raise_alerts and dataset in (
        Dataset.ALLOCATIONS,
        Dataset.ADJUSTMENTS,
        Dataset.PAYMENTS,
        Dataset.SANGONG,
        Dataset.DEBT,
    ):
        alerts_refresh(year=year, as_of=clock.today(), store=store)
    return record


def _check_adjustment(year: int, total: int) -> None:
    """预算法 Art. 67: adjustments that change total spending need an approved adjustment of case 1."""
    if total != 0 and not Adjustment.objects.filter(year=year, case=Adjustment.Case.TOTAL).exists():
        raise importing.ImportRefused(
            [
                f"指标调整合计{total / 100:,.2f}元，改变了预算总支出，须先登记常委会批准的预算调整（预算法第六十七条）"
            ],
            1,
        )


def reserve_check(year: int, *, store: Store | None = None) -> list[str]:
    """预算法 Art. 40: the reserve fund (预备费) is 1 %–3 % of the year's spending — checked on every import of
    the allocations; a finding is a note on the import and an alert."""
    store = store or get_store()
    found = rules.reserve_fund(store.table, year, clock.today(), params()).to_pyarrow().to_pylist()
    return [
        f"预备费{hit['amount'] / 100:,.2f}元，占支出{hit['amount'] / hit['base']:.2%}，不在1%至3%之间（预算法第四十条）"
        for hit in found
    ]


# ---------------------------------------------------------------- alerts


def alerts_refresh(*, year: int, as_of: datetime.date, store: Store | None = None) -> dict[str, int]:
    """Run the enabled rules for `year` as of `as_of`. A hit whose key is new raises an alert; a hit already
    known (in whatever state — dismissed and closed included) is not raised again, only marked as seen; an
    open, unhandled alert no longer hit is marked gone. Idempotent."""
    store = store or get_store()
    p = params()
    names = {d["dept_code"]: d["dept_name"] for d in _dept_names(store, year)}
    found: dict[str, dict[str, Any]] = {}
    for name in enabled_rules():
        for hit in rules.hits(name, store.table, year, as_of, p).to_pyarrow().to_pylist():
            found[hit["key"]] = hit
    with transaction.atomic():
        known = set(Alert.objects.filter(key__in=list(found)).values_list("key", flat=True))
        fresh = [
            Alert(
                rule=hit["rule"],
                key=key,
                year=year,
                dept_code=hit["dept_code"],
                dept_name=names.get(hit["dept_code"], "")[:100],
                project_code=hit["project_code"],
                payee=hit["payee"][:100],
                amount=hit["amount"],
                base=hit["base"],
                count=hit["count"],
                found_on=as_of,
                seen_on=as_of,
            )  # fmt: skip
            for key, hit in found.items()
            if key not in known
        ]
        created = Alert.objects.bulk_create(fresh)
        AlertEvent.objects.bulk_create(
            AlertEvent(alert=a, action="预警生成", to_state=AlertState.NEW, created_at=clock.now())
            for a in created
        )
        seen = Alert.objects.filter(key__in=known).update(seen_on=as_of, gone_on=None)
        gone = (
            Alert.objects.filter(year=year, state=AlertState.NEW, gone_on__isnull=True)
            .exclude(key__in=list(found))
            .update(gone_on=as_of)
        )
    return {"raised": len(created), "seen": seen, "gone": gone}


def _dept_names(store: Store, year: int) -> list[dict[str, str]]:
    names = []
    for table in ("allocations", "payments", "sangong"):
        t = store.table(table)
        t = t.filter(t.year == year).group_by("dept_code").aggregate(dept_name=t.dept_name.max())
        names += t.to_pyarrow().to_pylist()
    return names


@transaction.atomic
def alert_dismiss(*, alert: Alert, reason: str, actor: Any) -> Alert:
    """核查排除: the office finds nothing wrong, and says why."""
    ALERT_FLOW.refuse(alert, "dismiss", actor=actor)
    if not reason.strip():
        raise ValidationError({"reason": "请填写排除理由。"})
    return ALERT_FLOW.apply(alert, "dismiss", actor=actor, note=reason, reason=reason)


@transaction.atomic
def alert_inquire(*, alert: Alert, unit: Any, due: datetime.date, actor: Any, note: str = "") -> Alert:
    """函询: send the alert to the department (or the finance bureau) to answer by `due`."""
    ALERT_FLOW.refuse(alert, "inquire", actor=actor)
    today = clock.today()
    if due <= today:
        raise ValidationError({"due": "答复期限应晚于今天。"})
    casework.check_units([unit])
    current = ALERT_FLOW.apply(alert, "inquire", actor=actor, note=note or unit.name, unit=unit, due=due)
    casework.assign(CASES, current, [(unit, "lead")], on=today)
    return current


def alert_sign_for(*, assignment: AlertAssignment, actor: Any) -> AlertAssignment:
    """The department signs for the inquiry (签收); it may then answer."""
    return casework.sign_for(assignment=assignment, actor=actor)


@transaction.atomic
def alert_reply_send(*, assignment: AlertAssignment, text: str, signer: str, actor: Any) -> AlertReply:
    """The department answers the inquiry; the alert is then answered."""
    reply = casework.reply(assignment=assignment, text=text, signer=signer, actor=actor)
    alert = ALERT_FLOW.lock(assignment.alert)
    if casework.answered(CASES, alert):
        ALERT_FLOW.apply(alert, "answered", actor=actor)
    return reply  # type: ignore[return-value]


@transaction.atomic
def alert_close(*, alert: Alert, conclusion: str, actor: Any) -> Alert:
    ALERT_FLOW.refuse(alert, "close", actor=actor)
    return ALERT_FLOW.apply(alert, "close", actor=actor, note=conclusion, conclusion=conclusion)


@transaction.atomic
def alert_escalate(*, alert: Alert, conclusion: str, actor: Any) -> Alert:
    ALERT_FLOW.refuse(alert, "escalate", actor=actor)
    if not conclusion.strip():
        raise ValidationError({"conclusion": "请说明提请跟踪监督的理由。"})
    return ALERT_FLOW.apply(alert, "escalate", actor=actor, note=conclusion, conclusion=conclusion)


# ---------------------------------------------------------------- the budget calendar


def _due_and_check(year: int, kind: str, date: datetime.date, reference: datetime.date | None):
    K = Milestone.Kind
    if kind == K.DRAFT:
        if reference is None:
            raise ValidationError({"reference": "请填写人民代表大会会议举行日期。"})
        due = reference - datetime.timedelta(days=DRAFT_DAYS_BEFORE_CONGRESS)
        return due, date <= due
    if kind == K.PUBLISHED:
        approved = Milestone.objects.filter(year=year, kind=K.APPROVED).first()
        if approved is None:
            raise ValidationError({"kind": "请先登记人民代表大会批准预算的日期。"})
        due = approved.date + datetime.timedelta(days=PUBLISH_DAYS)
        return due, approved.date <= date <= due
    if kind == K.MIDYEAR:
        return datetime.date(year, 9, 30), date.year == year and date.month in REVIEW_MONTHS
    if kind == K.FINAL:
        return datetime.date(year + 1, 9, 30), date.year == year + 1 and date.month in REVIEW_MONTHS
    return None, True


@transaction.atomic
def milestone_record(
    *,
    year: int,
    kind: str,
    date: datetime.date,
    actor: Any,
    reference: datetime.date | None = None,
    note: str = "",
) -> Milestone:
    """Record a date of the budget calendar and check it against the law: the draft 30 days before the
    congress (预算法 Art. 44), publication within 20 days of approval (Art. 14), the mid-year report and the
    final accounts in June–September (监督法 Arts. 19–20)."""
    BY_OFFICE.require(actor)
    if kind not in Milestone.Kind.values:
        raise ValidationError({"kind": "未知的事项。"})
    due, on_time = _due_and_check(year, kind, date, reference)
    milestone, _ = Milestone.objects.update_or_create(
        year=year, kind=kind,
        defaults={"date": date, "reference": reference, "due": due, "on_time": on_time, "note": note, "actor": actor},
    )  # fmt: skip
    return milestone


def publication_due(today: datetime.date):
    """Approved budgets not yet published whose 20 days have passed (the tick job's reminder)."""
    published = Milestone.objects.filter(kind=Milestone.Kind.PUBLISHED).values("year")
    return Milestone.objects.filter(
        kind=Milestone.Kind.APPROVED, date__lt=today - datetime.timedelta(days=PUBLISH_DAYS)
    ).exclude(year__in=published)


@transaction.atomic
def adjustment_record(
    *, year: int, case: str, amount: int, approved_on: datetime.date, description: str, actor: Any
) -> Adjustment:
    """预算调整 only in the four statutory cases of 预算法 Art. 67."""
    BY_OFFICE.require(actor)
    if case not in Adjustment.Case.values:
        raise ValidationError({"case": "预算调整须属于预算法第六十七条规定的四种情形之一。"})
    if not description.strip():
        raise ValidationError({"description": "请填写调整说明。"})
    return Adjustment.objects.create(
        year=year, case=case, amount=amount, approved_on=approved_on, description=description, actor=actor
    )


def require_manage(actor: Any) -> None:
    if not BY_OFFICE(actor, None):
        raise PermissionDenied(BY_OFFICE.denied)
