import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.deputies.tests.factories import DeputyFactory
from renda.org.models import CommitteeMembership, HandlingUnit, Term
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    CommitteeOfficeFactory,
    CongressSessionFactory,
    HandlingUnitFactory,
    JurisdictionFactory,
    TermFactory,
    TownshipFactory,
)

pytestmark = pytest.mark.django_db

READ_PAGES = [
    ("org:jurisdiction", False),
    ("org:term_list", False),
    ("org:term_detail", True),
    ("org:committee", False),
    ("org:office_list", False),
    ("org:unit_list", False),
    ("org:unit_detail", True),
]


@pytest.fixture
def records():
    """One of everything, so every page has something to show and every edit URL a record."""
    term = TermFactory()
    CongressSessionFactory(term=term)
    return {
        "term": term,
        "township": TownshipFactory(jurisdiction=term.jurisdiction),
        "membership": CommitteeMembershipFactory(term=term, position=CommitteeMembership.Position.CHAIR),
        "office": CommitteeOfficeFactory(),
        "unit": HandlingUnitFactory(),
    }


def edit_urls(records) -> list[str]:
    term, unit = records["term"], records["unit"]
    return [
        reverse("org:jurisdiction_edit"),
        reverse("org:township_create"),
        reverse("org:township_edit", args=[records["township"].pk]),
        reverse("org:term_create"),
        reverse("org:term_edit", args=[term.pk]),
        reverse("org:term_set_current", args=[term.pk]),
        reverse("org:session_create", args=[term.pk]),
        reverse("org:membership_create"),
        reverse("org:membership_end", args=[records["membership"].pk]),
        reverse("org:office_create"),
        reverse("org:office_edit", args=[records["office"].pk]),
        reverse("org:unit_create"),
        reverse("org:unit_edit", args=[unit.pk]),
    ]


def read_url(name: str, needs_pk: bool, records) -> str:
    if not needs_pk:
        return reverse(name)
    return reverse(name, args=[records["term" if "term" in name else "unit"].pk])


# ---------------------------------------------------------------- permissions


def test_anonymous_users_are_sent_to_login(client, records):
    urls = [read_url(name, pk, records) for name, pk in READ_PAGES] + edit_urls(records)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("who", ["unit_user", "deputy_user", "member", "keeper"])
def test_only_office_staff_open_the_edit_pages(client, request, records, who):
    client.force_login(request.getfixturevalue(who))
    for url in edit_urls(records):
        assert client.get(url).status_code in {403, 405}, url
        assert client.post(url, {"name": "改名"}).status_code == 403, url
    records["unit"].refresh_from_db()
    assert records["unit"].version == 1
    assert Term.objects.get().is_current


@pytest.mark.parametrize("who", ["unit_user", "deputy_user", "member", "keeper", "clerk", "admin_user"])
def test_every_role_reads_the_organisation(client, request, records, who):
    client.force_login(request.getfixturevalue(who))
    for name, needs_pk in READ_PAGES:
        assert client.get(read_url(name, needs_pk, records)).status_code == 200, name


def test_office_staff_see_edit_buttons_others_do_not(client, clerk, member, records):
    client.force_login(member)
    assert "修改行政区信息" not in client.get(reverse("org:jurisdiction")).content.decode()
    client.force_login(clerk)
    page = client.get(reverse("org:jurisdiction")).content.decode()
    assert "修改行政区信息" in page
    assert "新增乡镇（街道）" in page


def test_pages_work_before_anything_is_set_up(client, clerk):
    client.force_login(clerk)
    assert "尚未设置本级行政区" in client.get(reverse("org:jurisdiction")).content.decode()
    assert "尚未设置本届届次" in client.get(reverse("org:committee")).content.decode()
    assert client.get(reverse("org:jurisdiction_edit")).status_code == 404


# ---------------------------------------------------------------- jurisdiction, townships, terms


def test_a_bad_administrative_code_is_shown_beside_the_field(client, clerk):
    JurisdictionFactory()
    client.force_login(clerk)
    data = {
        "name": "大方县",
        "code": "52052",
        "congress_name": "大方县人民代表大会",
        "population": "",
        "version": 1,
    }
    response = client.post(reverse("org:jurisdiction_edit"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["行政区划代码应为6位数字。"]
    assert "行政区划代码应为6位数字。" in response.content.decode()


def test_a_stale_jurisdiction_form_is_rejected_with_a_chinese_message(client, clerk):
    jurisdiction = JurisdictionFactory()
    client.force_login(clerk)
    data = {"name": "大方县", "code": "520521", "congress_name": "大方县人民代表大会", "population": "780000"}
    assert client.post(reverse("org:jurisdiction_edit"), data | {"version": 1}).status_code == 302
    response = client.post(reverse("org:jurisdiction_edit"), data | {"name": "大方区", "version": 1})
    assert "该记录已被他人修改（当前为第2版，您编辑的是第1版）" in response.content.decode()
    jurisdiction.refresh_from_db()
    assert (jurisdiction.name, jurisdiction.population) == ("大方县", 780_000)


def test_clerk_adds_and_reorders_townships(client, clerk):
    jurisdiction = JurisdictionFactory()
    TownshipFactory(jurisdiction=jurisdiction, name="大方镇", order=1)
    client.force_login(clerk)
    response = client.post(reverse("org:township_create"), {"name": "顺德街道", "kind": "street", "code": ""})
    assert response.status_code == 302
    added = jurisdiction.townships.get(name="顺德街道")
    assert added.order == 2
    client.post(
        reverse("org:township_edit", args=[added.pk]), {"name": "顺德街道", "kind": "street", "order": 0}
    )
    page = client.get(reverse("org:jurisdiction")).content.decode()
    assert page.index("顺德街道") < page.index("大方镇")


def test_clerk_adds_a_term_makes_it_current_and_adds_a_session(client, clerk):
    seventeenth = TermFactory(number=17, start_date=datetime.date(2016, 12, 27))
    client.force_login(clerk)
    response = client.post(
        reverse("org:term_create"), {"number": 18, "start_date": "2021-12-28", "end_date": ""}
    )
    eighteenth = Term.objects.get(number=18)
    assert response["Location"] == reverse("org:term_detail", args=[eighteenth.pk])
    assert not eighteenth.is_current
    client.post(reverse("org:term_set_current", args=[eighteenth.pk]))
    assert list(Term.objects.filter(is_current=True)) == [eighteenth]
    seventeenth.refresh_from_db()
    assert not seventeenth.is_current
    response = client.post(
        reverse("org:session_create", args=[eighteenth.pk]), {"number": 1, "start_date": "2020-01-01"}
    )
    assert "开幕日期应在第十八届任期内" in response.content.decode()
    client.post(
        reverse("org:session_create", args=[eighteenth.pk]), {"number": 1, "start_date": "2021-12-28"}
    )
    page = client.get(reverse("org:term_detail", args=[eighteenth.pk])).content.decode()
    assert "第十八届人民代表大会第一次会议" in page


def test_setting_the_current_term_needs_a_post(client, clerk):
    term = TermFactory()
    client.force_login(clerk)
    assert client.get(reverse("org:term_set_current", args=[term.pk])).status_code == 405


# ---------------------------------------------------------------- standing committee


def test_committee_page_lists_the_chair_first_and_warns_about_its_size(client, member):
    term = TermFactory()
    CommitteeMembershipFactory(term=term, deputy=DeputyFactory(name="安委员"))
    CommitteeMembershipFactory(term=term, deputy=DeputyFactory(name="赵主任"), position="chair")
    CommitteeMembershipFactory(
        term=term, deputy=DeputyFactory(name="钱前任"), end_date=datetime.date(2023, 5, 1)
    )
    client.force_login(member)
    page = client.get(reverse("org:committee")).content.decode()
    assert page.index("赵主任") < page.index("安委员") < page.index("钱前任")
    assert "现有组成人员2名（法定人数15至35名）" in page
    assert "少于法定人数下限15名" in page


def test_committee_in_range_has_no_warning_and_exports(client, member):
    term = TermFactory()
    CommitteeMembershipFactory.create_batch(15, term=term)
    client.force_login(member)
    response = client.get(reverse("org:committee"))
    assert response.context["size_warning"] == ""
    assert 'id="committee-size-warning"' not in response.content.decode()
    export = client.get(reverse("org:committee"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0] == ("职务", "姓名", "所在机构", "任职日期", "离任日期")
    assert len(rows) == 16


def test_clerk_seats_a_deputy_of_the_term_and_ends_the_seat(client, clerk):
    term = TermFactory()
    deputy = DeputyFactory(name="孙委员")
    deputy.terms.add(term)
    outsider = DeputyFactory(name="周外人")
    client.force_login(clerk)
    form = client.get(reverse("org:membership_create")).context["form"]
    assert list(form.fields["deputy"].queryset) == [deputy]
    data = {"deputy": deputy.pk, "position": "member", "office": "", "start_date": "2022-01-05", "order": 0}
    assert client.post(reverse("org:membership_create"), data).status_code == 302
    assert client.post(reverse("org:membership_create"), data | {"deputy": outsider.pk}).status_code == 200
    membership = CommitteeMembership.objects.get()
    response = client.post(reverse("org:membership_end", args=[membership.pk]), {"end_date": "2024-06-30"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 6, 30)


# ---------------------------------------------------------------- handling units


def test_unit_list_query_count_does_not_grow_with_rows(client, member, django_assert_num_queries):
    parent = HandlingUnitFactory()
    HandlingUnitFactory.create_batch(3, parent=parent)
    client.force_login(member)
    url = reverse("org:unit_list")
    with django_assert_num_queries(6):
        client.get(url)
    HandlingUnitFactory.create_batch(20, parent=parent)
    with django_assert_num_queries(6):
        assert len(client.get(url).context["object_list"]) == 24


def test_term_and_office_lists_query_counts_are_fixed(client, member, django_assert_num_queries):
    client.force_login(member)
    TermFactory()
    CommitteeOfficeFactory()
    with django_assert_num_queries(6):
        client.get(reverse("org:term_list"))
    with django_assert_num_queries(6):
        client.get(reverse("org:office_list"))
    TermFactory(number=17, is_current=False)
    for name in ("财经委", "法工委", "办公室"):
        CommitteeOfficeFactory(name=name)
    with django_assert_num_queries(6):
        client.get(reverse("org:term_list"))
    with django_assert_num_queries(6):
        client.get(reverse("org:office_list"))


def test_unit_list_searches_filters_sorts_and_serves_the_htmx_partial(client, member):
    HandlingUnitFactory(name="县交通运输局", short_name="交通局", contact_person="王明")
    HandlingUnitFactory(name="县人民法院", kind=HandlingUnit.Kind.COURT)
    HandlingUnitFactory(name="县林业局", active=False)
    client.force_login(member)
    url = reverse("org:unit_list")

    def names(**params):
        return [unit.name for unit in client.get(url, params).context["object_list"]]

    assert names(q="交通") == ["县交通运输局"]
    assert names(kind="court") == ["县人民法院"]
    assert names(active="false") == ["县林业局"]
    assert names(no_contact="true", active="true") == ["县人民法院"]
    assert names(sort="-name") == sorted(names(sort="name"), reverse=True)
    partial = client.get(url, {"q": "法院"}, headers={"HX-Request": "true"})
    assert "HX-Request" in partial["Vary"]
    assert "<html" not in partial.content.decode()
    assert "县人民法院" in partial.content.decode()


def test_unit_list_exports_the_filtered_rows(client, member):
    HandlingUnitFactory(name="县交通运输局", contact_person="王明", contact_phone="0857-1234567")
    HandlingUnitFactory(name="县人民法院", kind=HandlingUnit.Kind.COURT)
    client.force_login(member)
    response = client.get(reverse("org:unit_list"), {"kind": "government", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("名称", "简称", "类型")
    assert rows[1:] == [("县交通运输局", None, "政府部门", None, "王明", "0857-1234567", "是")]


def test_clerk_creates_and_edits_a_unit_and_sees_the_history(client, clerk):
    client.force_login(clerk)
    data = {
        "name": "县交通运输局",
        "kind": "government",
        "contact_phone": "12345",
        "active": "on",
        "order": 0,
    }
    response = client.post(reverse("org:unit_create"), data)
    assert "请填写11位手机号" in response.content.decode()
    response = client.post(reverse("org:unit_create"), data | {"contact_phone": "0857-1234567"})
    unit = HandlingUnit.objects.get()
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    edit = data | {"contact_phone": "0857-1234567", "contact_person": "王明", "version": 1}
    assert client.post(reverse("org:unit_edit", args=[unit.pk]), edit).status_code == 302
    stale = client.post(reverse("org:unit_edit", args=[unit.pk]), edit | {"contact_person": "李华"})
    assert "该记录已被他人修改" in stale.content.decode()
    page = client.get(reverse("org:unit_detail", args=[unit.pk])).content.decode()
    assert "联系人：（空） → 王明" in page
    assert clerk.display_name in page


def test_a_missing_unit_is_a_404(client, member):
    client.force_login(member)
    assert client.get(reverse("org:unit_detail", args=[999])).status_code == 404
    assert client.get(reverse("org:term_detail", args=[999])).status_code == 404


def test_committee_and_jurisdiction_pages_query_counts_are_fixed(client, member, django_assert_num_queries):
    term = TermFactory()
    CommitteeMembershipFactory(term=term, office=CommitteeOfficeFactory())
    CommitteeMembershipFactory(term=term, end_date=datetime.date(2023, 5, 1))
    TownshipFactory(jurisdiction=term.jurisdiction)
    client.force_login(member)
    with django_assert_num_queries(8):
        client.get(reverse("org:committee"))
    with django_assert_num_queries(7):
        client.get(reverse("org:jurisdiction"))
    CommitteeMembershipFactory.create_batch(5, term=term, office=CommitteeOfficeFactory(name="法工委"))
    CommitteeMembershipFactory.create_batch(3, term=term, end_date=datetime.date(2024, 5, 1))
    for _ in range(4):
        TownshipFactory(jurisdiction=term.jurisdiction)
    with django_assert_num_queries(8):
        client.get(reverse("org:committee"))
    with django_assert_num_queries(7):
        client.get(reverse("org:jurisdiction"))


def test_the_admin_action_makes_a_term_current(client, admin_user):
    current = TermFactory()
    earlier = TermFactory(number=17, is_current=False, start_date=datetime.date(2016, 12, 27))
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:org_term_changelist"), {"action": "make_current", "_selected_action": [earlier.pk]}
    )
    assert response.status_code == 302
    assert list(Term.objects.filter(is_current=True)) == [earlier]
    current.refresh_from_db()
    assert not current.is_current
    for name in ("jurisdiction", "handlingunit", "committeemembership", "term"):
        assert client.get(reverse(f"admin:org_{name}_changelist")).status_code == 200, name
