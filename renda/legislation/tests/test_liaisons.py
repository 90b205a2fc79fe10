"""信息员, 联络员 and experts on record: their list (Excel) with phones kept private, picked when a consultation
opens, counted in the stations' trainings, and the migration of the free text that named them."""

import datetime
import importlib
import io

import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from renda.core.services import StaleEditError
from renda.deputies.tests.factories import LiaisonStationFactory
from renda.legislation import selectors, services
from renda.legislation.models import Liaison, LiaisonRole, WorkKind
from renda.legislation.tests.conftest import CLOSE, OPEN, at

PHONE = "13912345678"


@pytest.fixture
def informant(clerk, keeper):
    return services.liaison_create(
        name="赵建华", role=LiaisonRole.INFORMANT, station=keeper.station, phone=PHONE, actor=clerk
    )


@pytest.fixture
def elsewhere(clerk):
    return services.liaison_create(
        name="钱秀英",
        role=LiaisonRole.LIAISON,
        station=LiaisonStationFactory(),
        phone="13800001111",
        actor=clerk,
    )


def test_liaison_phone_masked_for_those_who_may_not_see_it(
    client, clerk, keeper, deputy_user, informant, elsewhere
):
    url = reverse("legislation:liaisons")
    client.force_login(clerk)
    assert PHONE in client.get(url).content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    assert PHONE in [c.value for row in sheet.iter_rows() for c in row]
    client.force_login(keeper)  # their station's own 信息员: the phone; another station's: not listed at all
    page = client.get(url).content.decode()
    assert PHONE in page and "钱秀英" not in page
    assert client.get(reverse("legislation:liaison_edit", args=[elsewhere.pk])).status_code == 404
    client.force_login(deputy_user)
    page = client.get(url).content.decode()
    assert "赵建华" in page and PHONE not in page and "139****5678" in page
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    assert PHONE not in [c.value for row in sheet.iter_rows() for c in row]
    api = client.get("/api/v1/legislation/liaisons/").json()
    assert PHONE not in str(api) and "139****5678" in str(api)


def test_keeper_records_their_own_stations_liaisons(client, keeper, elsewhere):
    client.force_login(keeper)
    sent = client.post(
        reverse("legislation:liaison_create"),
        {"name": "孙志强", "role": LiaisonRole.INFORMANT, "active": "on"},
    )
    assert sent.status_code == 302
    assert Liaison.objects.get(name="孙志强").station == keeper.station
    with pytest.raises(Exception):
        services.liaison_update(
            liaison=elsewhere, expected_version=elsewhere.version, name="改", actor=keeper
        )


def test_an_informant_needs_a_station_an_expert_does_not(clerk):
    with pytest.raises(ValidationError) as error:
        services.liaison_create(name="李立新", role=LiaisonRole.INFORMANT, actor=clerk)
    assert "station" in error.value.message_dict
    expert = services.liaison_create(name="周晓红", role=LiaisonRole.EXPERT, expertise="行政法", actor=clerk)
    assert expert.station is None


def test_stale_liaison_form_is_refused(client, clerk, informant):
    read_at = informant.version
    services.liaison_update(liaison=informant, expected_version=read_at, expertise="社区治理", actor=clerk)
    with pytest.raises(StaleEditError):
        services.liaison_update(liaison=informant, expected_version=read_at, expertise="别的", actor=clerk)
    client.force_login(clerk)
    form = {
        "name": "赵建华",
        "role": LiaisonRole.INFORMANT,
        "station": informant.station_id,
        "expected_version": read_at,
    }
    refused = client.post(reverse("legislation:liaison_edit", args=[informant.pk]), form)
    assert "已被他人修改" in refused.content.decode()
    bad = client.post(reverse("legislation:liaison_edit", args=[informant.pk]), {**form, "phone": "电话"})
    assert "请填写正确的电话号码" in bad.content.decode()


def test_consultation_asks_the_liaisons_on_record(client, draft, clerk, informant, elsewhere):
    client.force_login(clerk)
    with at(OPEN):
        sent = client.post(
            reverse("legislation:open", args=[draft.pk]),
            {
                "opens_on": OPEN,
                "closes_on": CLOSE,
                "liaisons": [informant.pk, elsewhere.pk],
                "others": "县司法局",
            },
        )
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert set(draft.liaisons.all()) == {informant, elsewhere} and draft.others == "县司法局"
    page = client.get(reverse("legislation:draft", args=[draft.pk])).content.decode()
    assert "赵建华（信息员）" in page
    assert client.get(f"/api/v1/legislation/drafts/{draft.pk}/").json()["liaisons"] == sorted(
        [informant.pk, elsewhere.pk]
    )


def test_training_counts_the_liaisons_who_attended(keeper, clerk, informant, elsewhere):
    day = datetime.date(2026, 5, 8)
    with at(day):
        with pytest.raises(ValidationError) as error:
            services.outreach_work_record(
                kind=WorkKind.TRAINING,
                held_on=day,
                title="培训",
                count=5,
                attendees=[elsewhere],
                actor=keeper,
            )
        assert "attendees" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.outreach_work_record(
                kind=WorkKind.PUBLICITY,
                held_on=day,
                title="普法",
                count=50,
                attendees=[informant],
                actor=keeper,
            )
        assert "attendees" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.outreach_work_record(
                kind=WorkKind.TRAINING,
                held_on=day,
                title="培训",
                count=0,
                attendees=[informant],
                actor=keeper,
            )
        assert "count" in error.value.message_dict
        services.outreach_work_record(
            kind=WorkKind.TRAINING,
            held_on=day,
            title="信息员业务培训",
            count=20,
            attendees=[informant],
            actor=keeper,
        )
    figures = selectors.year_figures(2026)
    assert figures["liaisons"] == 2 and figures["trained"] == 1
    own = next(r for r in figures["liaisons_by_station"] if r["station__name"] == keeper.station.name)
    assert (own["informants"], own["liaisons"], own["trained"]) == (1, 0, 1)
    (work,) = figures["work_by_station"]
    assert (work["trainings"], work["trained"]) == (1, 1)


def test_free_text_named_people_become_records_the_rest_is_kept(draft, clerk):
    draft.others = "张三（信息员）；李四（专家，行政法）；县司法局"
    draft.save()
    untouched = services.draft_receive(
        title="另一部草案", issuing_body="省人大常委会", level="province", received_on=draft.received_on,
        report_due=draft.report_due, text="第一条 内容。", actor=clerk,
    )  # fmt: skip
    untouched.others = "各乡镇（街道）信息员、联络员；法律顾问"
    untouched.save()
    migration = importlib.import_module("renda.legislation.migrations.0004_liaisons")
    migration.liaisons_from_free_text(apps, None)
    draft.refresh_from_db()
    untouched.refresh_from_db()
    assert draft.others == "县司法局"
    assert {(p.name, p.role, p.expertise) for p in draft.liaisons.all()} == {
        ("张三", LiaisonRole.INFORMANT, ""), ("李四", LiaisonRole.EXPERT, "行政法"),
    }  # fmt: skip
    assert untouched.others == "各乡镇（街道）信息员、联络员；法律顾问" and not untouched.liaisons.exists()
