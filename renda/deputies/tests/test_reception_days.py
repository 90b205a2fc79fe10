import datetime
import io
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.deputies.choices import ActivityKind
from renda.deputies.models import ReceptionDay
from renda.deputies.selectors import reception_days_upcoming_for
from renda.deputies.services import reception_day_announce, reception_day_record
from renda.deputies.tests.factories import (
    ActivityFactory,
    DeputyFactory,
    LiaisonStationFactory,
    ReceptionDayFactory,
)

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2024, 3, 8)
NINE, ELEVEN = datetime.time(9, 0), datetime.time(11, 0)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2024, 3, 8, 10, 0, tzinfo=SHANGHAI), tick=False)


def announce(actor, station, days_ahead: int, **overrides):
    arguments = {
        "station": station,
        "date": TODAY + datetime.timedelta(days=days_ahead),
        "start_time": NINE,
        "end_time": ELEVEN,
        "topic": "听取群众意见",
        "deputies": [DeputyFactory()],
        "actor": actor,
    }
    return reception_day_announce(**(arguments | overrides))


# ---------------------------------------------------------------- 【地】 reception days announced ≥3 days ahead


def test_reception_notice_days_rule_rejects_two_days_ahead(keeper):
    with pytest.raises(ValidationError) as exc:
        announce(keeper, keeper.station, 2)
    assert exc.value.message_dict["date"] == ["接待日应至少提前3天公告，最早可安排在2024年3月11日。"]
    assert not ReceptionDay.objects.exists()


def test_reception_notice_days_rule_accepts_three_days_ahead(keeper):
    deputy = DeputyFactory()
    reception_day = announce(keeper, keeper.station, 3, deputies=[deputy])
    assert reception_day.date == datetime.date(2024, 3, 11)
    assert reception_day.announced_at == datetime.datetime(2024, 3, 8, 10, 0, tzinfo=SHANGHAI)
    assert reception_day.created_by == keeper
    assert list(reception_day.deputies.all()) == [deputy]


def test_reception_notice_days_rule_follows_the_deployment_override(keeper, settings):
    settings.RENDA_RULE_OVERRIDES = {"reception_notice_days": 5}
    with pytest.raises(ValidationError) as exc:
        announce(keeper, keeper.station, 4)
    assert "至少提前5天" in exc.value.message_dict["date"][0]
    assert announce(keeper, keeper.station, 5).date == datetime.date(2024, 3, 13)


def test_announce_needs_end_after_start_and_a_deputy(keeper):
    with pytest.raises(ValidationError) as exc:
        announce(keeper, keeper.station, 7, start_time=ELEVEN, end_time=NINE, deputies=[])
    assert set(exc.value.message_dict) == {"end_time", "deputies"}


def test_announce_rejects_an_inactive_station(clerk):
    with pytest.raises(ValidationError) as exc:
        announce(clerk, LiaisonStationFactory(active=False), 7)
    assert "station" in exc.value.message_dict


def test_keeper_announces_only_for_their_own_station(keeper):
    with pytest.raises(PermissionDenied):
        announce(keeper, LiaisonStationFactory(), 7)


def test_office_staff_announce_for_any_station(clerk):
    assert announce(clerk, LiaisonStationFactory(), 7).pk


def test_deputy_cannot_announce(deputy_user):
    with pytest.raises(PermissionDenied):
        announce(deputy_user, LiaisonStationFactory(), 7)


# ---------------------------------------------------------------- recording a reception as held


def test_record_creates_a_reception_activity_with_the_same_deputies(keeper):
    deputies = [DeputyFactory(), DeputyFactory()]
    reception_day = ReceptionDayFactory(
        station=keeper.station, date=TODAY, topic="道路维修", deputies=deputies
    )
    activity = reception_day_record(
        reception_day=reception_day, summary="接待群众12人次，收集意见5条。", actor=keeper
    )
    assert activity.kind == ActivityKind.RECEPTION
    assert activity.reception_day == reception_day
    assert activity.station == keeper.station
    assert activity.date == TODAY
    assert activity.title == f"{keeper.station.name}接待日：道路维修"
    assert set(activity.deputies.all()) == set(deputies)
    with pytest.raises(ValidationError, match="已登记"):
        reception_day_record(reception_day=reception_day, summary="再次登记", actor=keeper)


def test_record_rejects_a_day_still_to_come_and_an_empty_summary(keeper):
    reception_day = ReceptionDayFactory(station=keeper.station, date=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="尚未到来"):
        reception_day_record(reception_day=reception_day, summary="接待群众", actor=keeper)
    with pytest.raises(ValidationError) as exc:
        reception_day_record(reception_day=reception_day, summary="  ", actor=keeper)
    assert "summary" in exc.value.message_dict


def test_keeper_records_only_their_own_station(keeper):
    reception_day = ReceptionDayFactory(date=TODAY)
    with pytest.raises(PermissionDenied):
        reception_day_record(reception_day=reception_day, summary="接待群众", actor=keeper)


# ---------------------------------------------------------------- reception_days_upcoming_for (工作台)


def test_upcoming_for_keeper_is_their_station_from_today_on(keeper):
    today = ReceptionDayFactory(station=keeper.station, date=TODAY)
    later = ReceptionDayFactory(station=keeper.station, date=TODAY + datetime.timedelta(days=5))
    ReceptionDayFactory(station=keeper.station, date=TODAY - datetime.timedelta(days=1))
    ReceptionDayFactory(date=TODAY + datetime.timedelta(days=5))
    assert list(reception_days_upcoming_for(keeper)) == [today, later]


def test_upcoming_for_deputy_is_the_days_they_are_on_duty(deputy_user):
    deputy = deputy_user.deputy
    mine = ReceptionDayFactory(date=TODAY + datetime.timedelta(days=4), deputies=[deputy, DeputyFactory()])
    ReceptionDayFactory(date=TODAY + datetime.timedelta(days=4), deputies=[DeputyFactory()])
    ReceptionDayFactory(date=TODAY - datetime.timedelta(days=4), deputies=[deputy])
    assert list(reception_days_upcoming_for(deputy_user)) == [mine]


def test_upcoming_for_others_is_empty(clerk, unit_user):
    ReceptionDayFactory(date=TODAY + datetime.timedelta(days=4))
    assert not reception_days_upcoming_for(clerk).exists()
    assert not reception_days_upcoming_for(unit_user).exists()


# ---------------------------------------------------------------- pages


def test_announce_page_for_keeper_presets_their_station_and_shows_the_rule_beside_the_date(client, keeper):
    client.force_login(keeper)
    url = reverse("deputies:reception_create")
    assert client.get(url).context["form"]["station"].value() == keeper.station.pk
    deputy = DeputyFactory()
    data = {
        "station": keeper.station.pk,
        "date": "2024-03-10",
        "start_time": "09:00",
        "end_time": "11:00",
        "deputies": [deputy.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == ["接待日应至少提前3天公告，最早可安排在2024年3月11日。"]
    response = client.post(url, data | {"date": "2024-03-11"})
    assert response.status_code == 302
    assert ReceptionDay.objects.get().deputies.get() == deputy


def test_keeper_cannot_open_the_announce_page_for_another_station(client, keeper):
    client.force_login(keeper)
    other = LiaisonStationFactory()
    assert client.get(reverse("deputies:reception_create"), {"station": other.pk}).status_code == 404
    data = {"station": other.pk, "date": "2024-03-20", "start_time": "09:00", "end_time": "11:00"}
    response = client.post(reverse("deputies:reception_create"), data | {"deputies": [DeputyFactory().pk]})
    assert "station" in response.context["form"].errors
    assert not ReceptionDay.objects.exists()


def test_announce_page_is_forbidden_without_a_station_to_manage(client, deputy_user, make_user):
    client.force_login(deputy_user)
    assert client.get(reverse("deputies:reception_create")).status_code == 403
    client.force_login(make_user(Role.KEEPER))
    assert client.get(reverse("deputies:reception_create")).status_code == 403


def test_announce_page_lists_the_stations_deputies_first(client, clerk):
    """The station's own deputies are offered before one types; every other deputy is found by typing."""
    station = LiaisonStationFactory()
    own = DeputyFactory(station=station)
    other = DeputyFactory()
    client.force_login(clerk)
    response = client.get(reverse("deputies:reception_create"), {"station": station.pk})
    groups = response.context["form"].fields["deputies"].widget.offered
    assert groups[0] == ("本站进驻代表", [(own.pk, own.name)])
    page = response.content.decode()
    assert f'<optgroup label="本站进驻代表"><option value="{own.pk}">{own.name}</option></optgroup>' in page
    assert other.name not in page
    assert 'hx-select="#deputies-picker"' in page


def test_record_page_for_own_station_and_404_for_another(client, keeper):
    client.force_login(keeper)
    other = ReceptionDayFactory(date=TODAY)
    assert client.get(reverse("deputies:reception_record", args=[other.pk])).status_code == 404
    mine = ReceptionDayFactory(station=keeper.station, date=TODAY, deputies=[DeputyFactory()])
    url = reverse("deputies:reception_record", args=[mine.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"summary": ""})
    assert response.context["form"].errors["summary"]
    assert client.post(url, {"summary": "接待群众8人次。"}).status_code == 302
    assert mine.activity.summary == "接待群众8人次。"


def test_list_shows_upcoming_and_past_with_filters(client, member):
    station = LiaisonStationFactory()
    upcoming = ReceptionDayFactory(station=station, date=TODAY + datetime.timedelta(days=3))
    past = ReceptionDayFactory(date=TODAY - datetime.timedelta(days=3))
    client.force_login(member)
    url = reverse("deputies:reception_list")
    assert set(client.get(url).context["object_list"]) == {upcoming, past}
    assert list(client.get(url, {"period": "upcoming"}).context["object_list"]) == [upcoming]
    assert list(client.get(url, {"period": "past"}).context["object_list"]) == [past]
    assert list(client.get(url, {"station": station.pk}).context["object_list"]) == [upcoming]
    assert list(client.get(url, {"township": past.station.township_id}).context["object_list"]) == [past]
    assert list(
        client.get(url, {"date_from": "2024-03-09", "date_to": "2024-03-31"}).context["object_list"]
    ) == [upcoming]


def test_list_htmx_request_renders_only_the_results(client, member):
    ReceptionDayFactory()
    client.force_login(member)
    response = client.get(reverse("deputies:reception_list"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "HX-Request" in response["Vary"]


def test_list_query_count_does_not_grow_with_rows(client, clerk, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            reception_day = ReceptionDayFactory(deputies=[DeputyFactory(), DeputyFactory()])
            ActivityFactory(
                kind=ActivityKind.RECEPTION, reception_day=reception_day, station=reception_day.station
            )

    client.force_login(clerk)
    url = reverse("deputies:reception_list")
    add(3)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(27)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["object_list"]) == 25


def test_export_lists_the_filtered_reception_days(client, member):
    deputy = DeputyFactory(name="李四")
    ReceptionDayFactory(topic="道路维修", deputies=[deputy])
    client.force_login(member)
    response = client.get(reverse("deputies:reception_list"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:5] == ("接待日期", "时间", "联络站", "乡镇（街道）", "接待主题")
    assert rows[1][4:6] == ("道路维修", "李四")


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("deputies:reception_list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_list_starts_from_the_keeper_s_station_and_shows_all_one_click_away(client, keeper):
    ours = ReceptionDayFactory(station=keeper.station)
    theirs = ReceptionDayFactory()
    client.force_login(keeper)
    url = reverse("deputies:reception_list")
    response = client.get(url)
    assert list(response.context["object_list"]) == [ours]
    page = response.content.decode()
    assert ">本站</a>" in page and f'href="{url}?whose=all"' in page
    everyone = client.get(url, {"whose": "all"})
    assert set(everyone.context["object_list"]) == {ours, theirs}
    assert (
        '<input type="hidden" name="whose" value="all">' in everyone.content.decode()
    )  # the filters keep it


def test_the_list_starts_from_the_deputy_s_own_reception_duties(client, deputy_user):
    mine = ReceptionDayFactory(deputies=[deputy_user.deputy, DeputyFactory()])
    ReceptionDayFactory(deputies=[DeputyFactory()])
    client.force_login(deputy_user)
    url = reverse("deputies:reception_list")
    assert list(client.get(url).context["object_list"]) == [mine]
    assert ">我的</a>" in client.get(url).content.decode()
    assert client.get(url, {"whose": "all"}).context["total"] == 2


def test_the_office_s_list_shows_every_station_without_a_switch(client, clerk):
    ReceptionDayFactory()
    ReceptionDayFactory()
    client.force_login(clerk)
    response = client.get(reverse("deputies:reception_list"))
    assert response.context["total"] == 2 and "whose=all" not in response.content.decode()
