"""Importing the finance bureau's exports (预算指标, 指标调整, 国库集中支付, 收入, 收入预算, 政府债务, 三公经费) into the
analytical store: CSV, Excel (.xlsx) or Parquet, headers in the finance system's Chinese or the store's names,
amounts in 元 (two decimals at most), codes checked against the classification tables (政府收支分类科目).

All or nothing: a file with any bad row imports nothing and names every bad row (its line and column, the first
`MAX_ERRORS`). An import replaces its period — the dataset's rows of that year — exactly, inside one
transaction of the store. CSV and Parquet are read and checked column-wise with pyarrow (no Python loop over
rows): the typed read is the fast path, and only a file that fails it is read again as text to name its rows."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from openpyxl.utils.exceptions import InvalidFileException

from renda.budget.store import SCHEMAS, Store

MAX_ERRORS = 200
CHUNK_ROWS = 1_000_000  # rows checked at a time (progress is reported after each chunk)
EPOCH = datetime.date(1970, 1, 1)

# column -> (Chinese header, check). Checks: "text", "money", "date", "int", "func", "econ", "revenue",
# or a tuple of allowed values.
COLUMNS: dict[str, dict[str, tuple[str, Any]]] = {
    "allocations": {
        "dept_code": ("单位代码", "text"),
        "dept_name": ("单位名称", "text"),
        "project_code": ("项目代码", "text"),
        "project_name": ("项目名称", "text"),
        "func_code": ("功能分类科目", "func"),
        "econ_code": ("经济分类科目", "econ"),
        "amount": ("指标金额", "money"),
    },
    "payments": {
        "pay_id": ("支付凭证号", "text"),
        "pay_date": ("支付日期", "date"),
        "dept_code": ("单位代码", "text"),
        "dept_name": ("单位名称", "text"),
        "project_code": ("项目代码", "text"),
        "func_code": ("功能分类科目", "func"),
        "econ_code": ("经济分类科目", "econ"),
        "payee": ("收款人", "text"),
        "payee_kind": ("收款人类型", ("org", "individual", "单位", "个人")),
        "amount": ("支付金额", "money"),
    },
    "revenue": {
        "month": ("月份", "int"),
        "func_code": ("收入科目", "revenue"),
        "amount": ("收入金额", "money"),
    },
    "revenue_budget": {
        "func_code": ("收入科目", "revenue"),
        "amount": ("预算数", "money"),
    },
    "debt": {
        "debt_kind": ("债务类型", ("general", "special", "一般债务", "专项债务")),
        "limit_amount": ("债务限额", "money"),
        "balance": ("债务余额", "money"),
        "issued": ("新增债券", "money"),
    },
    "sangong": {
        "dept_code": ("单位代码", "text"),
        "dept_name": ("单位名称", "text"),
        "category": ("类别", ("abroad", "vehicle", "reception", "因公出国（境）", "公务用车", "公务接待")),
        "budget": ("预算数", "money"),
        "actual": ("决算数", "money"),
    },
}
DATASETS = {
    "allocations": ("allocations", "预算指标"),
    "adjustments": ("allocations", "预算调整（指标调整）"),
    "payments": ("payments", "国库集中支付"),
    "revenue": ("revenue", "一般公共预算收入"),
    "revenue_budget": ("revenue_budget", "一般公共预算收入预算"),
    "debt": ("debt", "政府债务"),
    "sangong": ("sangong", "三公经费"),
}
NORMAL = {"单位": "org", "个人": "individual", "一般债务": "general", "专项债务": "special",
          "因公出国（境）": "abroad", "公务用车": "vehicle", "公务接待": "reception"}  # fmt: skip
UNREADABLE = {
    "csv": "无法读取该文件：请上传UTF-8编码、以逗号分隔、第一行为列名的CSV文件。",
    "xlsx": "无法读取该文件：请上传Excel工作簿（.xlsx），数据在第一个工作表，第一行为列名。",
    "parquet": "无法读取该文件：请上传Parquet文件。",
}
MONEY = r"^\s*-?\d+(\.\d{1,2})?\s*$"


class ImportRefused(Exception):
    """A file with bad rows (or no rows): nothing was imported. `errors`: '第N行 列：reason'."""

    def __init__(self, errors: list[str], total: int):
        self.errors = errors
        self.total = total
        super().__init__(f"{total}处错误，未导入任何数据：" + "；".join(errors[:5]))


@dataclass
class Imported:
    dataset: str
    year: int
    rows: int
    replaced: int
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _headers(dataset: str) -> dict[str, str]:
    """Any accepted header -> the store's column."""
    table = DATASETS[dataset][0]
    out = {"年度": "year", "year": "year"}
    for col, (zh, _) in COLUMNS[table].items():
        out[col] = col
        out[zh] = col
    return out


def fields(dataset: str) -> dict[str, str]:
    """The fields of `dataset` a file must give, with their standard (Chinese) headers, in order."""
    return {col: zh for col, (zh, _) in COLUMNS[DATASETS[dataset][0]].items()}


def clean_mapping(dataset: str, mapping: dict[str, str] | None) -> dict[str, str]:
    """A column mapping (field -> the file's header) without blanks; unknown fields and a header given to two
    fields refused in Chinese (ValueError)."""
    known = fields(dataset)
    out: dict[str, str] = {}
    for col, header in (mapping or {}).items():
        header = str(header or "").strip()
        if not header:
            continue
        if col not in known:
            raise ValueError(f"{DATASETS[dataset][1]}没有字段“{col}”。")
        out[col] = header
    used: dict[str, str] = {}
    for col, header in out.items():
        if header in used:
            raise ValueError(f"文件中的列「{header}」不能同时对应“{known[used[header]]}”和“{known[col]}”。")
        used[header] = col
    return out


def _file_headers(data: Any, fmt: str) -> list[str]:
    """The header row of a CSV or Parquet file, without reading its rows."""
    if fmt == "parquet":
        names = pq.read_schema(data).names
        if not isinstance(data, (str, Path)):
            data.seek(0)
        return list(names)
    if isinstance(data, (str, Path)):
        with open(data, "rb") as f:
            head = f.read(65536)
    else:
        head = data.read(65536)
        data.seek(0)
    line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")
    return next(csv.reader([line]), [])


def _renaming(headers: list[str], dataset: str, mapping: dict[str, str]) -> dict[str, str]:
    """The file's header -> the store's column: the mapped headers first, then the standard ones for the
    fields the mapping does not give (or whose mapped column is absent); any other column is kept aside under
    a name no field has."""
    names = _headers(dataset)
    out: dict[str, str] = {}
    stripped = {h: h.strip() for h in headers}
    by_header = {header: col for col, header in mapping.items()}
    for h in headers:
        if stripped[h] in by_header:
            out[h] = by_header[stripped[h]]
    resolved = set(out.values())
    for h in headers:
        col = names.get(stripped[h])
        if h not in out and col and col not in resolved:
            out[h] = col
            resolved.add(col)
    for i, h in enumerate(headers):
        if h not in out:
            out[h] = f"_other_{i}"
    return out


def read(
    source: str | Path | bytes,
    fmt: str,
    dataset: str,
    *,
    typed: bool = True,
    mapping: dict[str, str] | None = None,
) -> pa.Table:
    """The file as an Arrow table with the store's column names (typed where the file allows it); `mapping`
    (field -> the file's header) names the columns of a file whose headers are its own."""
    table_name = DATASETS[dataset][0]
    mapping = mapping or {}
    data: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    if fmt == "xlsx":
        t = _read_xlsx(data)
        rename = _renaming(t.column_names, dataset, mapping)
        return t.rename_columns([rename[c] for c in t.column_names])
    if fmt not in ("parquet", "csv"):
        raise ImportRefused([f"不支持的文件格式：{fmt}（请使用CSV、Excel或Parquet）"], 1)
    headers = _file_headers(data, fmt)
    rename = _renaming(headers, dataset, mapping)

    def kind(header: str) -> Any:
        col = rename.get(header, "")
        return "year" if col == "year" else COLUMNS[table_name].get(col, ("", None))[1]

    if fmt == "parquet":
        text = [
            h
            for h in headers
            if rename[h] != "pay_id" and kind(h) not in ("money", "date", "int", "year", None)
        ]
        t = pq.read_table(data, read_dictionary=text)
    else:
        types: dict[str, pa.DataType] = {}
        for header in headers:
            k = kind(header)
            types[header] = (
                pa.string() if rename[header] == "pay_id" or k is None
                else pa.date32() if typed and k == "date"
                else pa.float64() if typed and k == "money"
                else pa.int32() if typed and k in ("int", "year")
                else pa.string() if k in ("date", "money", "int", "year")
                else pa.dictionary(pa.int32(), pa.string())
            )  # fmt: skip
        t = pacsv.read_csv(
            data,
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
        )
    return t.rename_columns([rename.get(c, c) for c in t.column_names])


def _read_xlsx(data: Any) -> pa.Table:
    from openpyxl import load_workbook

    wb = load_workbook(data, read_only=True, data_only=True)
    sheet = wb.active
    if sheet is None:
        raise ImportRefused(["Excel文件中没有工作表"], 1)
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    cols: list[list[str]] = [[] for _ in header]
    for row in rows:
        if row is None or all(v is None for v in row):
            continue
        for i, _h in enumerate(header):
            v = row[i] if i < len(row) else None
            if isinstance(v, datetime.datetime):
                v = v.date().isoformat()
            elif isinstance(v, datetime.date):
                v = v.isoformat()
            elif isinstance(v, float) and v.is_integer():
                v = int(v)
            cols[i].append("" if v is None else str(v))
    return pa.table({h: pa.array(c, pa.string()) for h, c in zip(header, cols, strict=True)})


def _check(
    t: pa.Table, dataset: str, year: int, codes: dict[str, set[str]], mapping: dict[str, str] | None = None
) -> tuple[dict[str, pa.Array], list[tuple[pa.Array, str, str]]]:
    """The store's columns (converted) and the failing masks with their column and reason."""
    table_name = DATASETS[dataset][0]
    spec = COLUMNS[table_name]
    mapping = mapping or {}
    missing = [
        f"文件中没有“{zh}”对应的列「{mapping[col]}」" if col in mapping else f"缺少列：{zh}"
        for col, (zh, _) in spec.items()
        if col not in t.column_names
    ]
    if missing:
        raise ImportRefused(missing, len(missing))
    n = t.num_rows
    out: dict[str, pa.Array] = {}
    bad: list[tuple[pa.Array, str, str]] = []
    if "year" in t.column_names:
        y = t["year"]
        if not pa.types.is_integer(y.type):
            ok = pc.match_substring_regex(y, r"^\s*\d{4}\s*$")
            bad.append((pc.invert(ok), "年度", "不是四位年份"))
            y = pc.if_else(ok, y, "0")
            y = pc.cast(pc.utf8_trim_whitespace(y), pa.int32())
        bad.append((pc.not_equal(y, year), "年度", f"与导入年度{year}不符"))
    for col, (zh, kind) in spec.items():
        c = t[col].combine_chunks() if isinstance(t[col], pa.ChunkedArray) else t[col]
        if pa.types.is_dictionary(c.type) and isinstance(c, pa.ChunkedArray):
            c = c.unify_dictionaries().combine_chunks()
        if kind == "money":
            if pa.types.is_string(c.type):
                ok = pc.match_substring_regex(c, MONEY)
                bad.append((pc.invert(ok), zh, "不是金额（元，最多两位小数）"))
                c = pc.cast(pc.utf8_trim_whitespace(pc.if_else(ok, c, "0")), pa.float64())
            else:
                c = pc.cast(c, pa.float64())
                bad.append((pc.is_null(c), zh, "金额为空"))
                c = pc.fill_null(c, 0.0)
            out[col] = pc.cast(pc.round(pc.multiply(c, 100.0)), pa.int64())
        elif kind == "date":
            if not pa.types.is_date(c.type):
                text = pc.utf8_trim_whitespace(pc.cast(c, pa.string()))
                parsed = pc.strptime(text, "%Y-%m-%d", "s", error_is_null=True)
                # strptime rolls 2 月 30 日 over to March: a date is valid only if it reads back the same
                same = pc.equal(pc.strftime(parsed, "%Y-%m-%d"), text)
                c = pc.cast(pc.if_else(same, parsed, pa.scalar(None, parsed.type)), pa.date32())
            bad.append((pc.is_null(c), zh, "不是日期（YYYY-MM-DD）"))
            c = pc.fill_null(c, pa.scalar(datetime.date(year, 1, 1), pa.date32()))
            bad.append((pc.not_equal(pc.year(c), year), zh, f"不在{year}年度内"))
            out[col] = c
        elif kind == "int":
            if pa.types.is_string(c.type):
                ok = pc.match_substring_regex(c, r"^\s*\d{1,2}\s*$")
                bad.append((pc.invert(ok), zh, "不是整数"))
                c = pc.cast(pc.utf8_trim_whitespace(pc.if_else(ok, c, "0")), pa.int32())
            bad.append((pc.or_(pc.less(c, 1), pc.greater(c, 12)), zh, "月份应为1至12"))
            out[col] = pc.cast(c, pa.int32())
        else:
            # text and codes are checked once per distinct value (a dictionary), then spread to the rows
            d = c if pa.types.is_dictionary(c.type) else pc.dictionary_encode(pc.cast(c, pa.string()))
            values = pc.utf8_trim_whitespace(pc.cast(d.dictionary, pa.string()))
            dict_bad = [(pc.equal(values, ""), "不能为空")]
            if isinstance(kind, tuple):
                dict_bad.append(
                    (pc.invert(pc.is_in(values, pa.array(kind))), "应为" + "、".join(kind[len(kind) // 2 :]))
                )
                values = pa.array([NORMAL.get(v, v) for v in values.to_pylist()], pa.string())
            elif kind in ("func", "econ", "revenue"):
                known = pa.array(sorted(codes.get(kind, set())), pa.string())
                dict_bad.append((pc.invert(pc.is_in(values, known)), "不是政府收支分类科目中的编码"))
            for mask, reason in dict_bad:
                if pc.any(mask).as_py():
                    bad.append((pc.take(mask, d.indices), zh, reason))
            c = pa.DictionaryArray.from_arrays(d.indices, values)
            out[col] = c
    del n
    return out, bad


def prepare(
    source: str | Path | bytes,
    fmt: str,
    dataset: str,
    year: int,
    codes: dict[str, set[str]],
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pa.Table:
    """The file as rows of the store's table, or ImportRefused naming every bad row. `mapping`: the file's
    own headers for the dataset's fields (field -> header); `progress(checked, total)` is told the rows checked
    after each chunk."""
    table_name = DATASETS[dataset][0]
    try:
        mapping = clean_mapping(dataset, mapping)
    except ValueError as error:
        raise ImportRefused([str(error)], 1) from error
    try:
        try:
            t = read(source, fmt, dataset, mapping=mapping)
        except pa.ArrowInvalid:
            # a value that is not its column's type: name its row
            t = read(source, fmt, dataset, typed=False, mapping=mapping)
    except (
        pa.ArrowException, OSError, ValueError, KeyError, IndexError, StopIteration, zipfile.BadZipFile,
        InvalidFileException,
    ) as error:  # fmt: skip
        raise ImportRefused([UNREADABLE.get(fmt, UNREADABLE["csv"])], 1) from error
    if t.num_rows == 0:
        raise ImportRefused(["文件中没有数据行"], 1)
    n = t.num_rows
    say = progress or (lambda checked, total: None)
    say(0, n)
    # checked a chunk at a time (column-wise inside each), so that a long file shows how far the check is
    parts: dict[str, list[pa.Array]] = {}
    errors: list[str] = []
    total = 0
    first = 2 if fmt in ("csv", "xlsx") else 1  # line of the first data row (after the header)
    for offset in range(0, n, CHUNK_ROWS):
        chunk_out, bad = _check(t.slice(offset, CHUNK_ROWS), dataset, year, codes, mapping)
        for col, values in chunk_out.items():
            parts.setdefault(col, []).append(values)
        for mask, column, reason in bad:
            mask = pc.fill_null(mask, True)
            count = pc.sum(mask).as_py() or 0
            if not count:
                continue
            total += count
            for i in pc.indices_nonzero(mask).to_pylist()[: max(MAX_ERRORS - len(errors), 0)]:
                errors.append(f"第{i + offset + first}行 {column}：{reason}")
        say(min(offset + CHUNK_ROWS, n), n)
    if total:
        errors.sort(key=lambda e: int(e[1:].split("行", 1)[0]))
        raise ImportRefused(errors, total)
    out: dict[str, Any] = {col: pa.chunked_array(arrays) for col, arrays in parts.items()}
    n = t.num_rows
    out["year"] = pa.nulls(n, pa.int32()).fill_null(year)
    if dataset in ("allocations", "adjustments"):
        out["kind"] = pa.nulls(n, pa.string()).fill_null("initial" if dataset == "allocations" else "adjust")
    if table_name == "payments":
        days = pc.cast(pc.cast(out["pay_date"], pa.int32()), pa.int32())
        out["day"] = days
        out["month"] = pc.cast(pc.month(out["pay_date"]), pa.int32())
    schema = SCHEMAS[table_name]
    return pa.table({name: out[name] for name in schema.names}).cast(schema)


def period(dataset: str, year: int) -> dict[str, Any]:
    """The rows an import of `dataset` for `year` replaces."""
    if dataset == "allocations":
        return {"year": year, "kind": "initial"}
    if dataset == "adjustments":
        return {"year": year, "kind": "adjust"}
    return {"year": year}


def load(
    store: Store,
    source: str | Path | bytes,
    fmt: str,
    dataset: str,
    year: int,
    codes: dict[str, set[str]],
    progress: Callable[[str], None] | None = None,
    mapping: dict[str, str] | None = None,
) -> Imported:
    """Check the whole file, then replace its period in the store in one transaction."""
    import time

    started = time.perf_counter()
    say = progress or (lambda _: None)
    say("读取并校验文件")
    rows = prepare(source, fmt, dataset, year, codes, mapping)
    where = period(dataset, year)
    replaced = store.count(DATASETS[dataset][0], **where)
    say(f"校验通过，共{rows.num_rows}行，写入分析库")
    store.replace(DATASETS[dataset][0], rows, where=where)
    say("完成")
    return Imported(dataset, year, rows.num_rows, replaced, time.perf_counter() - started)
