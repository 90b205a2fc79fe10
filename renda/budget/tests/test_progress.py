"""Import progress: a long file is checked a chunk at a time and written a row group at a time, the record tells
the rows checked and written, the page polls it while the import runs in the background; all or nothing still."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from renda.budget import importing, services
from renda.budget import store as store_module
from renda.budget.models import BudgetImport
from renda.budget.tests.conftest import YEAR

HEADER = (
    "支付凭证号,支付日期,单位代码,单位名称,项目代码,功能分类科目,经济分类科目,收款人,收款人类型,支付金额\n"
)


def _line(i: int, amount: str = "100") -> str:
    return f"P{i},{YEAR}-01-0{1 + i % 9},D1,县教育局,X1,2050202,30201,某公司,单位,{amount}\n"


def _csv(n: int, bad: int | None = None) -> bytes:
    return (HEADER + "".join(_line(i, "x" if i == bad else "100") for i in range(n))).encode()


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
    monkeypatch.setattr(store_module, "ROW_GROUP", 2)
    seen: list[dict] = []
    original = services._progress
    monkeypatch.setattr(services, "_progress", lambda record, **f: (seen.append(f), original(record, **f)))
    return seen


@pytest.mark.django_db
def test_an_import_reports_the_rows_checked_and_written(store, clerk, small_chunks):
    done = services.data_import(
        dataset="payments", year=YEAR, source=_csv(5), fmt="csv", file_name="a.csv", actor=clerk
    )
    assert done.result == BudgetImport.Result.DONE and done.rows == 5
    assert [f["checked"] for f in small_chunks if f.get("stage") == "校验"] == [0, 2, 4, 5]
    assert [f["written"] for f in small_chunks if "written" in f] == [2, 4, 5]
    assert (done.total, done.checked, done.written, done.stage) == (5, 5, 5, "")
    assert store.count("payments") == 5


@pytest.mark.django_db
def test_bad_rows_are_named_across_chunks_and_nothing_is_written(store, clerk, small_chunks):
    services.data_import(
        dataset="payments", year=YEAR, source=_csv(3), fmt="csv", file_name="a.csv", actor=clerk
    )
    done = services.data_import(
        dataset="payments", year=YEAR, source=_csv(5, bad=3), fmt="csv", file_name="b.csv", actor=clerk
    )
    assert done.result == BudgetImport.Result.REFUSED
    assert done.errors == "第5行 支付金额：不是金额（元，最多两位小数）"  # the 4th data row, in the 2nd chunk
    assert done.written == 0 and store.count("payments") == 3


@pytest.mark.django_db
def test_a_failed_write_imports_nothing_and_says_so(store, clerk, monkeypatch):
    services.data_import(
        dataset="payments", year=YEAR, source=_csv(3), fmt="csv", file_name="a.csv", actor=clerk
    )

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "replace", broken)
    done = services.data_import_start(
        dataset="payments", year=YEAR, upload=SimpleUploadedFile("b.csv", _csv(4)), fmt="csv",
        file_name="b.csv", actor=clerk,
    )  # fmt: skip
    assert done.result == BudgetImport.Result.REFUSED and done.errors == services.IMPORT_FAILED
    assert store.count("payments") == 3


@pytest.mark.django_db
def test_an_interrupted_import_is_marked_on_the_next_one(store, clerk):
    stale = BudgetImport.objects.create(dataset="payments", year=YEAR, file_name="x.csv", result="running")
    BudgetImport.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=3))
    services.data_import(
        dataset="payments", year=YEAR, source=_csv(2), fmt="csv", file_name="a.csv", actor=clerk
    )
    stale.refresh_from_db()
    assert stale.result == BudgetImport.Result.REFUSED and "导入中断" in stale.errors


@pytest.mark.django_db
def test_the_import_page_shows_progress_and_polls_until_done(client, clerk, store):
    client.force_login(clerk)
    running = BudgetImport.objects.create(
        dataset="payments", year=YEAR, file_name="x.csv", result="running", stage="校验", total=10, checked=5
    )
    url = reverse("budget:import", args=[running.pk])
    page = client.get(url)
    assert "已校验 5 / 10 行" in page.text and 'hx-trigger="every 1s"' in page.text
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<nav" not in partial.text and "已写入 0 / 10 行" in partial.text
    BudgetImport.objects.filter(pk=running.pk).update(result="done", rows=10)
    finished = client.get(url, headers={"HX-Request": "true"})
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"
    listing = client.get(reverse("budget:imports"))
    assert "已导入" in listing.text


@pytest.mark.django_db(transaction=True)
def test_an_import_from_the_page_runs_in_the_background(client, clerk, store, settings):
    settings.BUDGET_IMPORT_BACKGROUND = True
    services.classes_load()  # a transactional test before this one may have emptied what the migrations loaded
    client.force_login(clerk)
    upload = SimpleUploadedFile("支付.csv", _csv(6), content_type="text/csv")
    response = client.post(reverse("budget:imports"), {"dataset": "payments", "year": YEAR, "file": upload})
    record = BudgetImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("budget:import", args=[record.pk])
    for thread in threading.enumerate():
        if thread.name == f"budget-import-{record.pk}":
            thread.join(60)
    record.refresh_from_db()
    assert record.result == BudgetImport.Result.DONE and record.rows == 6 and record.written == 6, (
        record.errors
    )
    assert store.count("payments") == 6
    assert not list(
        (settings.BUDGET_UPLOAD_DIR and __import__("pathlib").Path(settings.BUDGET_UPLOAD_DIR)).glob("*")
    )
