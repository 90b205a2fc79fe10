import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.deputies.choices import ActivityKind, DeputyStatus
from renda.deputies.models import Activity
from renda.deputies.selectors import activities_of_deputy
from renda.deputies.services import activity_create, activity_update
from renda.deputies.tests.factories import ActivityFactory, DeputyFactory, LiaisonStationFactory

pytestmark = pytest.mark.django_db


def activity_data(**overrides):
    return {
        "kind": ActivityKind.SURVEY,
        "title": "调研农村饮水安全",
        "date": datetime.date(2024, 4, 2),
        "place": "城关镇",
        "summary": "走访3个村。",
        "deputies": [DeputyFactory()],
    } | overrides


# ---------------------------------------------------------------- services


def test_office_staff_record_any_activity(clerk):
    deputy = DeputyFactory()
    activity = activity_create(data=activity_data(deputies=[deputy]), actor=clerk)
    assert activity.created_by == clerk
    assert list(activity.deputies.all()) == [deputy]


def test_keeper_records_activities_of_their_own_station_only(keeper, make_user):
    assert activity_create(data=activity_data(station=keeper.station), actor=keeper).station == keeper.station
    with pytest.raises(PermissionDenied):
        activity_create(data=activity_data(station=LiaisonStationFactory()), actor=keeper)
    with pytest.raises(PermissionDenied):
        activity_create(data=activity_data(), actor=keeper)
    with pytest.raises(PermissionDenied):
        activity_create(data=activity_data(), actor=make_user(Role.DEPUTY))


def test_an_activity_has_at_least_one_deputy(clerk):
    with pytest.raises(ValidationError) as exc:
        activity_create(data=activity_data(deputies=[]), actor=clerk)
    assert "deputies" in exc.value.message_dict


def test_keeper_cannot_edit_another_stations_activity_nor_move_one_there(keeper):
    other = ActivityFactory(station=LiaisonStationFactory())
    with pytest.raises(PermissionDenied):
        activity_update(activity=other, changes={"title": "改名"}, actor=keeper)
    mine = ActivityFactory(station=keeper.station)
    with pytest.raises(PermissionDenied):
        activity_update(activity=mine, changes={"station": other.station}, actor=keeper)
    updated = activity_update(
        activity=mine, changes={"title": "视察学校", "deputies": [DeputyFactory()]}, actor=keeper
    )
    assert updated.title == "视察学校"


def test_activities_of_deputy_newest_first(deputy_user):
    deputy = deputy_user.deputy
    old = ActivityFactory(date=datetime.date(2023, 1, 5))
    new = ActivityFactory(date=datetime.date(2024, 1, 5))
    ActivityFactory(date=datetime.date(2024, 2, 5))
    old.deputies.add(deputy)
    new.deputies.add(deputy)
    assert list(activities_of_deputy(deputy)) == [new, old]


# ---------------------------------------------------------------- pages


def add_activities(count: int) -> list[Activity]:
    activities = []
    for _ in range(count):
        activity = ActivityFactory(station=LiaisonStationFactory())
        activity.deputies.set([DeputyFactory(), DeputyFactory()])
        activities.append(activity)
    return activities


def test_list_filters_by_kind_date_station_and_deputy(client, member):
    zhang = DeputyFactory(name="张三")
    survey = ActivityFactory(kind=ActivityKind.SURVEY, title="调研", date=datetime.date(2024, 3, 1))
    survey.deputies.add(zhang)
    station = LiaisonStationFactory()
    visit = ActivityFactory(
        kind=ActivityKind.VISIT, title="视察", date=datetime.date(2024, 5, 1), station=station
    )
    visit.deputies.add(DeputyFactory(name="李四"))
    client.force_login(member)
    url = reverse("deputies:activity_list")
    assert list(client.get(url).context["object_list"]) == [visit, survey]
    assert list(client.get(url, {"kind": ActivityKind.SURVEY}).context["object_list"]) == [survey]
    assert list(client.get(url, {"date_from": "2024-04-01"}).context["object_list"]) == [visit]
    assert list(client.get(url, {"date_to": "2024-04-01"}).context["object_list"]) == [survey]
    assert list(client.get(url, {"station": station.pk}).context["object_list"]) == [visit]
    for q in ("张三", "zs", "zhangsan", "调研"):
        assert list(client.get(url, {"q": q}).context["object_list"]) == [survey], q


def test_list_query_count_does_not_grow_with_rows(client, clerk, django_assert_num_queries):
    client.force_login(clerk)
    url = reverse("deputies:activity_list")
    add_activities(3)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_activities(27)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["object_list"]) == 25


def test_list_htmx_request_renders_only_the_results(client, member):
    add_activities(1)
    client.force_login(member)
    response = client.get(reverse("deputies:activity_list"), headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<div id="results">')
    assert "HX-Request" in response["Vary"]


def test_export_lists_the_activities_with_their_deputies(client, member):
    activity = ActivityFactory(title="视察农村公路建设", place="城关镇")
    activity.deputies.set([DeputyFactory(name="张三"), DeputyFactory(name="李四")])
    client.force_login(member)
    response = client.get(reverse("deputies:activity_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("日期", "活动类型", "活动名称", "地点", "联络站", "参加代表", "内容摘要")
    assert rows[1][1:4] == ("视察", "视察农村公路建设", "城关镇")
    assert set(rows[1][5].split("、")) == {"张三", "李四"}


def test_keeper_records_and_edits_through_the_forms(client, keeper):
    client.force_login(keeper)
    url = reverse("deputies:activity_create")
    form = client.get(url).context["form"]
    assert list(form.fields["station"].queryset) == [keeper.station]
    deputy = DeputyFactory()
    data = {
        "kind": ActivityKind.GROUP_ACTIVITY,
        "title": "代表小组集中活动",
        "date": "2024-04-02",
        "station": keeper.station.pk,
        "deputies": [deputy.pk],
    }
    assert client.post(url, data).status_code == 302
    activity = Activity.objects.get()
    assert activity.created_by == keeper
    edit = reverse("deputies:activity_edit", args=[activity.pk])
    assert client.post(edit, data | {"title": "代表小组学习活动"}).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "代表小组学习活动"


def test_keeper_cannot_edit_another_stations_activity(client, keeper):
    client.force_login(keeper)
    other = ActivityFactory(station=LiaisonStationFactory())
    assert client.get(reverse("deputies:activity_edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("deputies:activity_create"), {"station": other.station_id}).status_code == 404


def test_form_errors_are_shown_beside_the_fields(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("deputies:activity_create"), {"kind": ActivityKind.VISIT, "title": ""})
    errors = response.context["form"].errors
    assert {"title", "date", "deputies"} <= set(errors)
    assert errors["title"] == ["该字段是必填项。"]


def test_deputy_and_unit_cannot_record_activities(client, deputy_user, unit_user):
    for user in (deputy_user, unit_user):
        client.force_login(user)
        assert client.get(reverse("deputies:activity_create")).status_code == 403
        assert client.get(reverse("deputies:activity_list")).status_code == 200


def test_editing_keeps_a_deputy_who_has_since_left_office(client, clerk):
    resigned = DeputyFactory(status=DeputyStatus.RESIGNED)
    activity = ActivityFactory()
    activity.deputies.add(resigned)
    client.force_login(clerk)
    url = reverse("deputies:activity_edit", args=[activity.pk])
    assert resigned in client.get(url).context["form"].fields["deputies"].queryset
    data = {"kind": activity.kind, "title": "视察学校", "date": "2024-05-08", "deputies": [resigned.pk]}
    assert client.post(url, data).status_code == 302
    assert list(activity.deputies.all()) == [resigned]
    response = client.get(reverse("deputies:activity_create"))
    assert resigned not in response.context["form"].fields["deputies"].queryset


def test_the_list_starts_from_the_keeper_s_station_and_the_deputy_s_own(client, keeper, deputy_user):
    at_station = ActivityFactory(station=keeper.station)
    joined = ActivityFactory()
    joined.deputies.add(deputy_user.deputy)
    other = ActivityFactory()
    url = reverse("deputies:activity_list")
    client.force_login(keeper)
    assert list(client.get(url).context["object_list"]) == [at_station]
    client.force_login(deputy_user)
    assert list(client.get(url).context["object_list"]) == [joined]
    assert set(client.get(url, {"whose": "all"}).context["object_list"]) == {at_station, joined, other}
