import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from renda.core.imports import read_xlsx
from renda.deputies.choices import Gender, Level, Sector
from renda.deputies.forms import DeputyImportRowForm
from renda.deputies.models import Deputy
from renda.deputies.tests.factories import (
    ConstituencyFactory,
    DeputyFactory,
    DeputyGroupFactory,
    LiaisonStationFactory,
)
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db
URL = reverse("deputies:deputy_import")
HEADERS = [str(field.label) for field in DeputyImportRowForm.base_fields.values()]


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values):
    base = {
        "姓名": "张三",
        "性别": "男",
        "民族": "汉族",
        "出生日期": "1975-05-01",
        "政治面貌": "中共党员",
        "界别（代表结构）": "农民",
        "代表层级": "县级",
    }
    base.update(values)
    return base


def upload(client, content: bytes, term, name="代表.xlsx"):
    return client.post(URL, {"term": term.pk, "file": SimpleUploadedFile(name, content)})


def test_template_has_headers_and_an_example_with_chinese_labels(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("deputies:deputy_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, example = list(sheet.iter_rows(values_only=True))
    assert list(header) == HEADERS
    values = dict(zip(header, example, strict=True))
    assert (values["性别"], values["代表层级"], values["界别（代表结构）"], values["基层代表"]) == (
        "男",
        "县级",
        "农民",
        "是",
    )


def test_good_file_imports_every_row(client, clerk):
    term = TermFactory()
    township = TownshipFactory(name="城关镇")
    station = LiaisonStationFactory(name="城关镇代表联络站")
    finance, farming = DeputyGroupFactory(name="财经组"), DeputyGroupFactory(name="农业组")
    rows = [
        row(**{"乡镇（街道）": "城关镇", "联络站": "城关镇代表联络站", "代表小组": "财经组、农业组", "手机号": 13812345678}),
        row(**{"姓名": "李梅", "性别": "女", "出生日期": datetime.datetime(1988, 8, 8), "基层代表": "是",
               "代表层级": "乡级", "学历": "大学本科", "界别（代表结构）": "专业技术人员"}),
    ]  # fmt: skip
    client.force_login(clerk)
    response = upload(client, xlsx(rows), term)
    assert response.status_code == 302
    assert response.url == f"{reverse('deputies:deputy_list')}?term={term.pk}"
    zhang, li = Deputy.objects.get(name="张三"), Deputy.objects.get(name="李梅")
    assert (zhang.township, zhang.station, zhang.phone, zhang.name_initials) == (
        township,
        station,
        "13812345678",
        "zs",
    )
    assert set(zhang.groups.all()) == {finance, farming}
    assert (li.gender, li.level, li.sector, li.is_grassroots) == (
        Gender.FEMALE,
        Level.TOWNSHIP,
        Sector.PROFESSIONAL,
        True,
    )
    assert li.birth_date == datetime.date(1988, 8, 8)
    assert list(li.terms.all()) == [term]
    assert zhang.history.get().history_user == clerk


def test_one_bad_row_imports_nothing_and_every_bad_cell_is_named(client, clerk):
    term = TermFactory()
    rows = [
        row(),
        row(**{"姓名": "李四", "性别": "男性"}),
        row(**{"姓名": "王五"}),
        row(
            **{"姓名": "赵六", "乡镇（街道）": "不存在镇", "出生日期": "1975年13月1日", "代表小组": "无此组"}
        ),
    ]
    client.force_login(clerk)
    response = upload(client, xlsx(rows), term)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any(e.startswith("第3行「性别」：“男性”不是可选值，可填：男、女") for e in errors)
    assert "第5行「乡镇（街道）」：没有名为“不存在镇”的乡镇（街道）。" in errors
    assert any(e.startswith("第5行「出生日期」：") for e in errors)
    assert "第5行「代表小组」：没有名为“无此组”的代表小组。" in errors
    assert len(errors) == 4
    assert "第5行「乡镇（街道）」" in response.content.decode()
    assert not Deputy.objects.exists()


def test_same_person_twice_or_already_in_the_term_is_an_error(client, clerk):
    term = TermFactory()
    existing = DeputyFactory(name="王五", birth_date=datetime.date(1975, 5, 1))
    existing.terms.add(term)
    rows = [row(), row(**{"民族": "回族"}), row(**{"姓名": "王五"})]
    client.force_login(clerk)
    errors = upload(client, xlsx(rows), term).context["form"].non_field_errors()
    assert errors == [
        "第3行「姓名」：与第2行是同一人（姓名和出生日期相同）。",
        "第4行「姓名」：王五已在第十八届代表名册中。",
    ]
    assert Deputy.objects.count() == 1


def test_re_elected_deputy_is_updated_and_joins_the_term(client, clerk):
    old_term, term = TermFactory(number=17, is_current=False), TermFactory(number=18)
    deputy = DeputyFactory(name="张三", birth_date=datetime.date(1975, 5, 1), occupation="旧单位")
    deputy.terms.add(old_term)
    client.force_login(clerk)
    response = upload(client, xlsx([row(**{"工作单位及职务": "新单位"}), row(**{"姓名": "李四"})]), term)
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert deputy.occupation == "新单位"
    assert set(deputy.terms.all()) == {old_term, term}
    assert Deputy.objects.count() == 2


def test_constituency_is_matched_within_the_chosen_term(client, clerk):
    term, old_term = TermFactory(), TermFactory(number=17, is_current=False)
    constituency = ConstituencyFactory(term=term, name="城关第一选区")
    ConstituencyFactory(term=old_term, name="城关第二选区")
    client.force_login(clerk)
    response = upload(client, xlsx([row(**{"选区": "城关第二选区"})]), term)
    assert response.context["form"].non_field_errors() == ["第2行「选区」：没有名为“城关第二选区”的选区。"]
    assert upload(client, xlsx([row(**{"选区": "城关第一选区"})]), term).status_code == 302
    assert Deputy.objects.get().constituency == constituency


def test_missing_required_headers_and_wrong_files_are_reported(client, clerk):
    term = TermFactory()
    client.force_login(clerk)
    response = upload(client, xlsx([{"姓名": "张三"}], headers=["姓名"]), term)
    assert "第1行表头缺少：性别、民族、政治面貌、界别（代表结构）、代表层级" in response.content.decode()
    response = upload(client, b"not a workbook", term)
    assert "无法读取该文件" in response.content.decode()
    response = upload(client, b"a,b", term, name="代表.csv")
    assert "请上传 .xlsx 格式的 Excel 文件。" in response.content.decode()


def test_import_needs_the_permission(client, deputy_user, unit_user):
    for user in (deputy_user, unit_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(reverse("deputies:deputy_import_template")).status_code == 403


def test_reader_skips_blank_lines_and_normalises_cells():
    content = xlsx(
        [
            {"姓名": " 张三 ", "手机号": 13812345678.0, "出生日期": datetime.datetime(1975, 5, 1)},
            {},
            {"姓名": "李四"},
        ]
    )
    rows = read_xlsx(io.BytesIO(content))
    assert [r.number for r in rows] == [2, 4]
    first = rows[0].values
    assert (first["姓名"], first["手机号"], first["出生日期"], first["性别"]) == (
        "张三", 13812345678, datetime.date(1975, 5, 1), ""
    )  # fmt: skip


def test_reader_rejects_an_empty_sheet_and_too_many_rows():
    with pytest.raises(ValidationError, match="没有数据行"):
        read_xlsx(io.BytesIO(xlsx([])))
    with pytest.raises(ValidationError, match="一次最多导入2行"):
        read_xlsx(io.BytesIO(xlsx([row(), row(), row()])), max_rows=2)
