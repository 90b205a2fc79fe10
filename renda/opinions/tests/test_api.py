"""The API of citizens' opinions (/api/v1/opinions/…, /api/v1/opinion-assignments/…, /api/v1/public/opinions/…),
as each party uses it: who may and who may not (401, 403, 404), the citizen's personal data masked in every
answer and absent from the public ones, optimistic locking, moves in the wrong state, the whole way from a
citizen's online opinion to their own rating, and an opinion raised into a deputy's suggestion."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft4Validator
from rest_framework.test import APIClient

from renda.casework.models import AssignmentState
from renda.core import human
from renda.core.human import read_challenge
from renda.core.roles import Role
from renda.opinions import services
from renda.opinions.models import Channel, Opinion, RedirectReason, State
from renda.opinions.tests.test_opinions import answered, forwarded, informed, taken
from renda.suggestions.models import State as SuggestionState
from renda.suggestions.tests.test_api_schema_truth import _openapi_to_json_schema, formats

pytestmark = pytest.mark.django_db

API = "/api/v1/opinions/"
ASSIGNMENTS = "/api/v1/opinion-assignments/"
PUBLIC = "/api/v1/public/opinions/"

# What taken() records of the citizen; none of it may appear in any answer of the API.
PERSONAL = ("王建国", "建国", "13812345678", "北街12号")


class MaskedClient(APIClient):
    """An API client that fails the test if an answer carries the citizen's unmasked name, phone or address."""

    personal: tuple[str, ...] = PERSONAL

    def request(self, **kwargs):
        response = super().request(**kwargs)
        text = response.content.decode()
        unescaped = json.dumps(json.loads(text), ensure_ascii=False) if text.startswith(("{", "[")) else text
        for value in self.personal:
            assert value not in unescaped, (kwargs.get("PATH_INFO"), value, unescaped[:300])
        return response


def client_for(user=None) -> MaskedClient:
    client = MaskedClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def public_client(**extra) -> MaskedClient:
    return MaskedClient(**extra)


@pytest.fixture
def member(make_user):
    return make_user(Role.MEMBER)


def names(actions: list[dict]) -> list[str]:
    return [a["name"] for a in actions]


# ---------------------------------------------------------------- who may read


def test_anonymous_requests_are_401_on_every_endpoint_that_needs_an_account(keeper, officer):
    opinion = forwarded(keeper, officer)
    assignment = opinion.assignments.get()
    anonymous = client_for()
    reads = [
        API,
        f"{API}{opinion.pk}/",
        f"{API}redirect-reasons/",
        ASSIGNMENTS,
        f"{ASSIGNMENTS}{assignment.pk}/",
    ]
    writes = [
        ("post", API),
        ("patch", f"{API}{opinion.pk}/"),
        *(
            ("post", f"{API}{opinion.pk}/{step}/")
            for step in (
                "answer-on-spot",
                "redirect",
                "merge",
                "forward",
                "raise",
                "inform",
                "feedback",
                "close-escalated",
            )
        ),
        *(
            ("post", f"{ASSIGNMENTS}{assignment.pk}/{step}/")
            for step in ("sign-for", "reply", "request-reassignment", "send-opinion", "decide-reassignment")
        ),
    ]
    for url in reads:
        response = anonymous.get(url)
        assert (response.status_code, response.json()["code"]) == (401, "not_authenticated"), url
    for method, url in writes:
        response = getattr(anonymous, method)(url, {}, format="json")
        assert (response.status_code, response.json()["code"]) == (401, "not_authenticated"), url
    opinion.refresh_from_db()
    assert opinion.state == State.HANDLING


def test_each_party_lists_the_opinions_it_may_see(
    keeper, other_keeper, deputy, officer, other_officer, office, member
):
    here = taken(keeper)
    sent = forwarded(keeper, officer, title="学校门口缺少斑马线")
    theirs = taken(other_keeper, title="河西乡渡口码头破损")
    expected = {
        office: {here.pk, sent.pk, theirs.pk},
        member: {here.pk, sent.pk, theirs.pk},
        keeper: {here.pk, sent.pk},
        other_keeper: {theirs.pk},
        deputy: {here.pk, sent.pk},  # collected or came to their station
        officer: {sent.pk},
        other_officer: set(),
    }
    for user, pks in expected.items():
        response = client_for(user).get(API)
        assert response.status_code == 200
        assert {row["id"] for row in response.json()["results"]} == pks, user
    row = client_for(keeper).get(API, {"q": sent.tracking_code}).json()["results"][0]
    assert row["station"] == {"id": keeper.station_id, "name": keeper.station.name}
    assert row["state"] == "handling" and row["state_label"] == "转办中"
    assert "citizen" not in row


def test_the_list_filters_as_the_page_and_sorts(keeper, other_keeper, officer, office, township):
    from renda.suggestions.tests.factories import SuggestionCategoryFactory

    roads = SuggestionCategoryFactory(name="交通")
    lamp = taken(keeper, township=township, category=roads)
    school = forwarded(keeper, officer, title="学校门口缺少斑马线", content="孩子过马路危险。")
    online = services.opinion_submit_online(
        title="路面积水", content="雨后积水。", citizen_phone="13900001111", township=township, consent=True
    )
    elsewhere = taken(other_keeper, title="河西乡渡口码头破损")
    client = client_for(office)

    def found(**query) -> list[int]:
        response = client.get(API, query)
        assert response.status_code == 200, response.content.decode()
        return [row["id"] for row in response.json()["results"]]

    assert set(found(q="斑马线")) == {school.pk}
    assert set(found(q=lamp.tracking_code.lower())) == {lamp.pk}
    assert set(found(state="handling")) == {school.pk}
    assert set(found(channel="online")) == {online.pk}
    assert set(found(station=other_keeper.station_id)) == {elsewhere.pk}
    assert set(found(township=township.pk)) == {lamp.pk, online.pk}
    assert set(found(category=roads.pk)) == {lamp.pk}
    assert set(found(year=lamp.year)) == {lamp.pk, school.pk, online.pk, elsewhere.pk}
    assert found(year=1999) == []
    by_state = found(ordering="state")
    assert by_state[0] == school.pk  # handling < received
    bad = client.get(API, {"state": "nonsense"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_choice"
    assert client.get(API, {"page_size": 500}).status_code == 200


def test_the_list_reads_a_fixed_number_of_queries_whatever_its_length(keeper, office):
    client = client_for(office)
    client.get(API)  # the user's roles, read once per user object
    for n in range(3):
        taken(keeper, title=f"事项{n}")
    with CaptureQueriesContext(connection) as few:
        assert client.get(API).status_code == 200
    for n in range(6):
        taken(keeper, title=f"更多事项{n}")
    with CaptureQueriesContext(connection) as more:
        assert client.get(API).status_code == 200
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_detail_masks_the_citizen_and_shows_units_replies_timeline_and_actions(
    keeper, other_keeper, deputy, officer, other_officer, office, member
):
    opinion = answered(keeper, officer)
    url = f"{API}{opinion.pk}/"
    body = client_for(keeper).get(url).json()
    assert body["citizen"] == {"name": "王**", "phone": "138****5678", "address": "***", "erased": False}
    assert body["state"] == "answered" and body["version"] == opinion.version
    (assignment,) = body["assignments"]
    assert assignment["unit"]["name"] == "县住房和城乡建设局"
    assert (assignment["role"], assignment["state"]) == ("lead", "replied")
    assert assignment["due"] == opinion.reply_due.isoformat()
    assert assignment["replies"][0]["text"] == "已安排维修，三日内修复。"
    assert assignment["replies"][0]["signer"] == "李局长"
    assert [e["action"] for e in body["events"]] == ["受理", "转办", "签收", "答复", "部门答复"]
    assert names(body["available_actions"]) == ["inform"]
    for user in (office, member, deputy, officer):
        response = client_for(user).get(url)
        assert response.status_code == 200, user
        assert response.json()["citizen"]["phone"] == "138****5678"  # the office too: never unmasked here
    assert names(client_for(office).get(url).json()["available_actions"]) == ["inform"]
    assert client_for(member).get(url).json()["available_actions"] == []
    for user in (other_keeper, other_officer):
        response = client_for(user).get(url)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert client_for(office).get(f"{API}999999/").status_code == 404


def test_the_detail_offers_each_party_its_moves(keeper, deputy, officer):
    opinion = taken(keeper)
    url = f"{API}{opinion.pk}/"
    assert names(client_for(keeper).get(url).json()["available_actions"]) == [
        "edit",
        "answer_on_spot",
        "redirect",
        "merge",
        "forward",
    ]
    assert names(client_for(deputy).get(url).json()["available_actions"]) == ["raise"]
    sent = forwarded(keeper, officer)
    body = client_for(officer).get(f"{API}{sent.pk}/").json()
    assert body["available_actions"] == []
    assert names(body["assignments"][0]["available_actions"]) == ["sign_for", "request_reassignment"]
    assert client_for(keeper).get(f"{API}{sent.pk}/").json()["assignments"][0]["available_actions"] == []


def test_redirect_reasons_are_listed_for_signed_in_users(officer):
    body = client_for(officer).get(f"{API}redirect-reasons/").json()
    assert {"涉诉事项", "仲裁事项", "行政复议事项"} <= {row["label"] for row in body}
    assert all(row["referral"] for row in body)


# ---------------------------------------------------------------- intake and correction


def test_a_keeper_takes_an_opinion_for_their_station_and_gets_it_masked(keeper, township):
    response = client_for(keeper).post(
        API,
        {
            "channel": "reception",
            "title": "北街路灯不亮",
            "content": "路灯坏了一个月。",
            "citizen_phone": "13812345678",
            "citizen_name": "王建国",
            "citizen_address": "北街12号",
            "township": township.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    opinion = Opinion.objects.get(pk=body["id"])
    assert opinion.citizen_phone == "13812345678" and opinion.station == keeper.station
    assert body["citizen"]["phone"] == "138****5678" and body["tracking_code"] == opinion.tracking_code
    assert body["station"]["id"] == keeper.station_id and body["channel"] == Channel.RECEPTION


def test_intake_refuses_others_and_bad_input_with_chinese_messages(keeper, other_keeper, officer, deputy):
    data = {"channel": "visit", "title": "事项", "content": "内容"}
    station = client_for(other_keeper).post(API, {**data, "station": keeper.station_id}, format="json")
    assert (station.status_code, station.json()["code"]) == (403, "permission_denied")
    unit = client_for(officer).post(API, data, format="json")
    assert (unit.status_code, unit.json()["code"]) == (403, "permission_denied")
    bad = client_for(keeper).post(API, {**data, "channel": "online", "citizen_phone": "123"}, format="json")
    assert bad.status_code == 400 and bad.json()["codes"] == {"channel": ["invalid_choice"]}
    phone = client_for(keeper).post(API, {**data, "citizen_phone": "123"}, format="json")
    assert phone.status_code == 400 and phone.json()["citizen_phone"] == [
        "请填写11位手机号码或带区号的固定电话。"
    ]
    future = client_for(keeper).post(API, {**data, "received_on": "2099-01-01"}, format="json")
    assert future.status_code == 400 and future.json()["received_on"] == ["收到日期不能晚于今天。"]
    mine = client_for(deputy).post(API, data, format="json")
    assert mine.status_code == 201
    assert Opinion.objects.get(pk=mine.json()["id"]).deputy == deputy.deputy
    assert Opinion.objects.count() == 1


def test_a_keeper_corrects_an_opinion_with_the_version_read(keeper, other_keeper, deputy, officer):
    opinion = taken(keeper)
    url = f"{API}{opinion.pk}/"
    client = client_for(keeper)
    changed = client.patch(url, {"title": "北街路灯全部不亮", "is_complex": True, "version": opinion.version})
    assert changed.status_code == 200, changed.content.decode()
    assert changed.json()["title"] == "北街路灯全部不亮" and changed.json()["version"] == opinion.version + 1
    assert changed.json()["citizen"]["name"] == "王**"
    stale = client.patch(url, {"title": "又改", "version": opinion.version}, format="json")
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")
    missing = client.patch(url, {"title": "又改"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    refused = client_for(deputy).patch(
        url, {"title": "代表改", "version": opinion.version + 1}, format="json"
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    hidden = client_for(other_keeper).patch(
        url, {"title": "x", "version": opinion.version + 1}, format="json"
    )
    assert hidden.status_code == 404
    opinion.refresh_from_db()
    assert opinion.title == "北街路灯全部不亮" and opinion.is_complex
    sent = forwarded(keeper, officer)
    late = client.patch(f"{API}{sent.pk}/", {"title": "x", "version": sent.version}, format="json")
    assert (late.status_code, late.json()["code"]) == (409, "invalid_transition")


# ---------------------------------------------------------------- triage


def test_answered_on_the_spot_once_then_the_state_refuses_it(keeper, deputy, other_keeper):
    opinion = taken(keeper)
    url = f"{API}{opinion.pk}/answer-on-spot/"
    assert client_for(deputy).post(url, {"answer": "政策如此。"}).status_code == 403
    assert client_for(other_keeper).post(url, {"answer": "政策如此。"}).status_code == 404
    empty = client_for(keeper).post(url, {"answer": ""}, format="json")
    assert empty.status_code == 400 and empty.json()["code"] == "blank"
    done = client_for(keeper).post(url, {"answer": "已当场解释低保政策。"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "closed"
    again = client_for(keeper).post(url, {"answer": "再答一次。"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"
    assert again.json()["non_field_errors"] == ["当前状态为「已办结」，不能当场答复。"]


def test_a_court_matter_is_redirected_with_its_referral(keeper, deputy):
    opinion = taken(keeper)
    court = RedirectReason.objects.get(label="涉诉事项")
    url = f"{API}{opinion.pk}/redirect/"
    assert client_for(deputy).post(url, {"reason": court.pk}, format="json").status_code == 403
    unknown = client_for(keeper).post(url, {"reason": 999999}, format="json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "does_not_exist"
    done = client_for(keeper).post(url, {"reason": court.pk, "note": "已告知"}, format="json")
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["redirect_reason"]) == ("redirected", "涉诉事项")
    assert done.json()["answer"] == court.referral


def test_the_same_matter_is_merged_into_one(keeper, other_keeper, office):
    first = taken(keeper)
    second = taken(keeper, citizen_phone="13900001111", content="北街的路灯坏了，请维修路灯。")
    theirs = taken(other_keeper, title="河西乡渡口码头破损")
    url = f"{API}{first.pk}/merge/"
    hidden = client_for(keeper).post(url, {"others": [theirs.pk]}, format="json")
    assert hidden.status_code == 400 and hidden.json()["code"] == "does_not_exist"
    itself = client_for(keeper).post(url, {"others": [first.pk]}, format="json")
    assert itself.status_code == 400 and itself.json()["non_field_errors"] == ["不能将意见合并到其自身。"]
    done = client_for(keeper).post(url, {"others": [second.pk]}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "received"
    second.refresh_from_db()
    assert (second.state, second.merged_into_id) == (State.MERGED, first.pk)
    merged_detail = client_for(office).get(f"{API}{second.pk}/").json()
    assert merged_detail["merged_into"] == first.pk and merged_detail["available_actions"] == []


def test_forwarding_to_departments(keeper, deputy, officer, other_officer):
    opinion = taken(keeper)
    url = f"{API}{opinion.pk}/forward/"
    unit = officer.handling_unit
    assert client_for(deputy).post(url, {"lead": unit.pk}, format="json").status_code == 403
    assert client_for(officer).post(url, {"lead": unit.pk}, format="json").status_code == 404
    nobody = client_for(keeper).post(url, {}, format="json")
    assert nobody.status_code == 400
    done = client_for(keeper).post(
        url, {"lead": unit.pk, "joint": [other_officer.handling_unit_id], "is_complex": True}, format="json"
    )
    assert done.status_code == 200, done.content.decode()
    assert done.json()["state"] == "handling" and done.json()["is_complex"] is True
    assert {(a.unit_id, a.role) for a in opinion.assignments.all()} == {
        (unit.pk, "lead"),
        (other_officer.handling_unit_id, "joint"),
    }
    again = client_for(keeper).post(url, {"lead": unit.pk}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_an_opinion_raised_into_a_deputy_s_suggestion(keeper, deputy, office):
    opinion = taken(keeper)
    url = f"{API}{opinion.pk}/raise/"
    assert client_for(keeper).post(url, {}, format="json").status_code == 403
    office_without_deputy = client_for(office).post(url, {}, format="json")
    assert office_without_deputy.status_code == 400 and office_without_deputy.json()["code"] == "required"
    done = client_for(deputy).post(url, {}, format="json")
    assert done.status_code == 200, done.content.decode()
    assert done.json()["state"] == "raised" and done.json()["suggestion"]
    draft = Opinion.objects.get(pk=opinion.pk).suggestion
    assert draft.pk == done.json()["suggestion"] and draft.state == SuggestionState.DRAFT
    assert draft.lead_deputy == deputy.deputy and opinion.tracking_code in draft.content
    suggestion = client_for(deputy).get(f"/api/v1/suggestions/{draft.pk}/")
    assert suggestion.status_code == 200 and suggestion.json()["state"] == "draft"
    assert "13812345678" not in draft.content
    again = client_for(deputy).post(url, {}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_the_office_raises_for_a_deputy_it_names(keeper, deputy, office):
    opinion = taken(keeper)
    done = client_for(office).post(f"{API}{opinion.pk}/raise/", {"deputy": deputy.deputy_id}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "raised"


def test_not_resolved_goes_back_once_then_the_office_closes_it(keeper, officer, office, deputy):
    opinion = informed(keeper, officer)
    feedback = f"{API}{opinion.pk}/feedback/"
    body = {"resolved": False, "satisfaction": "dissatisfied"}
    assert client_for(deputy).post(feedback, body, format="json").status_code == 403
    again = client_for(keeper).post(feedback, body, format="json")
    assert again.status_code == 200 and (again.json()["state"], again.json()["round"]) == ("rehandling", 2)
    assignment = opinion.assignments.get()
    reply = client_for(officer).post(
        f"{ASSIGNMENTS}{assignment.pk}/reply/", {"text": "再次处理。", "signer": "李局长"}, format="json"
    )
    assert reply.status_code == 201, reply.content.decode()
    inform = client_for(keeper).post(f"{API}{opinion.pk}/inform/", {"informed_how": "sms"}, format="json")
    assert inform.status_code == 200 and inform.json()["informed_how"] == "sms"
    escalated = client_for(keeper).post(feedback, body, format="json")
    assert escalated.json()["state"] == "escalated"
    close = f"{API}{opinion.pk}/close-escalated/"
    assert client_for(keeper).post(close, {"answer": "协调"}, format="json").status_code == 403
    done = client_for(office).post(close, {"answer": "经协调，已落实维修。"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "closed"
    assert client_for(office).post(close, {"answer": "再次"}, format="json").status_code == 409


def test_informing_needs_an_answer_first(keeper, officer):
    opinion = forwarded(keeper, officer)
    url = f"{API}{opinion.pk}/inform/"
    early = client_for(keeper).post(url, {"informed_how": "phone"}, format="json")
    assert (early.status_code, early.json()["code"]) == (409, "invalid_transition")
    bad = client_for(keeper).post(f"{API}{answered(keeper, officer).pk}/inform/", {"informed_how": "fax"})
    assert bad.status_code == 400 and bad.json()["codes"] == {"informed_how": ["invalid_choice"]}


# ---------------------------------------------------------------- the departments' side


def test_a_department_lists_and_handles_its_own_assignments(keeper, officer, other_officer):
    opinion = forwarded(keeper, officer)
    taken(keeper, title="未转办的意见")
    assignment = opinion.assignments.get()
    rows = client_for(officer).get(ASSIGNMENTS).json()["results"]
    assert [row["id"] for row in rows] == [assignment.pk]
    assert rows[0]["citizen_opinion"]["tracking_code"] == opinion.tracking_code
    assert (
        rows[0]["urgency"] in {"ok", "soon", "overdue"} and rows[0]["deadline"] == assignment.due.isoformat()
    )
    assert names(rows[0]["available_actions"]) == ["sign_for", "request_reassignment"]
    assert client_for(other_officer).get(ASSIGNMENTS).json()["results"] == []
    assert client_for(keeper).get(ASSIGNMENTS).json()["results"] == []

    url = f"{ASSIGNMENTS}{assignment.pk}/"
    assert client_for(keeper).get(url).status_code == 200  # the station follows it
    assert client_for(other_officer).get(url).status_code == 404
    assert client_for(other_officer).post(f"{url}sign-for/").status_code == 404
    refused = client_for(keeper).post(f"{url}sign-for/")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    early = client_for(officer).post(f"{url}reply/", {"text": "已修。", "signer": "李局长"}, format="json")
    assert (early.status_code, early.json()["code"]) == (409, "invalid_transition")
    signed = client_for(officer).post(f"{url}sign-for/")
    assert signed.status_code == 200 and signed.json()["state"] == "accepted"
    assert names(signed.json()["available_actions"]) == ["contact", "reply", "request_reassignment"]
    twice = client_for(officer).post(f"{url}sign-for/")
    assert (twice.status_code, twice.json()["code"]) == (409, "invalid_transition")
    blank = client_for(officer).post(f"{url}reply/", {"text": "", "signer": "李局长"}, format="json")
    assert blank.status_code == 400
    assert (
        client_for(keeper).post(f"{url}reply/", {"text": "x", "signer": "y"}, format="json").status_code
        == 403
    )
    reply = client_for(officer).post(f"{url}reply/", {"text": "已修复。", "signer": "李局长"}, format="json")
    assert reply.status_code == 201 and reply.json()["round"] == 1 and reply.json()["has_letter"] is False
    opinion.refresh_from_db()
    assert opinion.state == State.ANSWERED


def test_a_department_asks_to_be_replaced_and_the_office_decides(keeper, officer, other_officer, office):
    opinion = forwarded(keeper, officer)
    assignment = opinion.assignments.get()
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    empty = client_for(officer).post(f"{url}request-reassignment/", {"reason": ""}, format="json")
    assert empty.status_code == 400
    asked = client_for(officer).post(
        f"{url}request-reassignment/", {"reason": "属交通部门职责。"}, format="json"
    )
    assert asked.status_code == 200 and asked.json()["state"] == "reassign_requested"
    assert names(asked.json()["available_actions"]) == ["contact"]
    decide = f"{url}decide-reassignment/"
    body = {"approve": True, "new_unit": other_officer.handling_unit_id}
    for user in (officer, keeper):
        refused = client_for(user).post(decide, body, format="json")
        assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied"), user
    assert names(client_for(office).get(url).json()["available_actions"]) == [
        "approve_reassignment",
        "refuse_reassignment",
    ]
    no_unit = client_for(office).post(decide, {"approve": True}, format="json")
    assert no_unit.status_code == 400 and "new_unit" in no_unit.json()
    done = client_for(office).post(decide, body, format="json")
    assert done.status_code == 200, done.content.decode()
    assert done.json()["unit"]["id"] == other_officer.handling_unit_id and done.json()["state"] == "assigned"
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.WITHDRAWN
    assert client_for(officer).get(url).status_code == 404  # no longer theirs, nor its opinion
    again = client_for(office).post(decide, {"approve": False}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


def test_the_office_refuses_a_request_and_the_department_goes_on(keeper, officer, office):
    assignment = forwarded(keeper, officer).assignments.get()
    services_request = f"{ASSIGNMENTS}{assignment.pk}/request-reassignment/"
    client_for(officer).post(services_request, {"reason": "不属本单位。"}, format="json")
    done = client_for(office).post(
        f"{ASSIGNMENTS}{assignment.pk}/decide-reassignment/", {"approve": False, "note": "请继续办理"}
    )
    assert done.status_code == 200 and done.json()["state"] == "accepted"


def test_a_joint_department_sends_its_view_and_does_not_answer(keeper, officer, other_officer):
    opinion = taken(keeper)
    services.opinion_forward(
        opinion=opinion, actor=keeper, lead=officer.handling_unit, joint=[other_officer.handling_unit]
    )
    joint = opinion.assignments.get(role="joint")
    url = f"{ASSIGNMENTS}{joint.pk}/"
    client = client_for(other_officer)
    client.post(f"{url}sign-for/")
    not_an_answer = client.post(f"{url}reply/", {"text": "意见", "signer": "王局长"}, format="json")
    assert not_an_answer.status_code == 400
    assert not_an_answer.json()["non_field_errors"] == [
        "会办、协办单位不单独答复，请向主办单位提交会办意见。"
    ]
    assert client_for(officer).post(f"{url}send-opinion/", {"opinion": "x"}, format="json").status_code == 403
    sent = client.post(f"{url}send-opinion/", {"opinion": "同意主办单位意见。"}, format="json")
    assert sent.status_code == 200
    assert (sent.json()["state"], sent.json()["opinion"]) == ("opinion_sent", "同意主办单位意见。")
    again = client.post(f"{url}send-opinion/", {"opinion": "再次"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")


# ---------------------------------------------------------------- the public endpoints


def _challenge(client) -> dict:
    response = client.get(f"{PUBLIC}challenge/")
    assert response.status_code == 200
    body = response.json()
    a, b = read_challenge(body["challenge"])
    assert body["question"] == f"{a} 加 {b} 等于几？"
    return {"challenge": body["challenge"], "answer": a + b}


def _submission(township, **fields) -> dict:
    return {
        "township": township.pk,
        "title": "北街路灯不亮",
        "content": "路灯坏了一个月。",
        "citizen_name": "王建国",
        "citizen_phone": "13812345678",
        "consent": True,
        **fields,
    }


def test_the_public_challenge_offers_townships_and_categories(township):
    body = public_client().get(f"{PUBLIC}challenge/").json()
    assert {"id": township.pk, "name": township.name} in body["townships"]
    assert isinstance(body["categories"], list)


def test_a_citizen_submits_without_an_account_after_answering_the_question(township, station):
    client = public_client()
    done = client.post(PUBLIC, {**_submission(township), **_challenge(client)}, format="json")
    assert done.status_code == 201, done.content.decode()
    body = done.json()
    opinion = Opinion.objects.get()
    assert body["tracking_code"] == opinion.tracking_code and body["state"] == "received"
    assert opinion.channel == Channel.ONLINE and opinion.station == station and opinion.client_hash
    assert set(body) == {
        "tracking_code", "title", "state", "state_label", "received_on", "reply_due", "answer",
        "suggestion_number", "feedback_open", "events",
    }  # fmt: skip


def test_a_citizen_sends_photos_with_the_opinion_as_multipart(township, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = public_client()
    png = SimpleUploadedFile("路灯.png", b"\x89PNG\r\n\x1a\n-image-", content_type="image/png")
    done = client.post(
        PUBLIC, {**_submission(township, consent="true"), **_challenge(client), "photos": [png]}
    )
    assert done.status_code == 201, done.content.decode()
    opinion = Opinion.objects.get()
    assert [photo.name for photo in opinion.photos.all()] == ["路灯.png"]
    text = SimpleUploadedFile("说明.txt", b"hello", content_type="text/plain")
    refused = client.post(
        PUBLIC, {**_submission(township, consent="true"), **_challenge(client), "photos": [text]}
    )
    assert refused.status_code == 400 and refused.json()["code"] == "upload_type"
    assert Opinion.objects.count() == 1


def test_the_public_submission_refuses_robots_wrong_answers_and_no_consent(township):
    client = public_client()
    robot = client.post(
        PUBLIC, {**_submission(township), **_challenge(client), "website": "x"}, format="json"
    )
    assert robot.status_code == 400 and robot.json()["code"] == "robot"
    wrong = client.post(PUBLIC, {**_submission(township), **_challenge(client), "answer": 999}, format="json")
    assert wrong.status_code == 400 and wrong.json()["answer"] == ["验证问题回答不正确。"]
    forged = client.post(
        PUBLIC, {**_submission(township), "challenge": "3:4:1:abc", "answer": 7}, format="json"
    )
    assert forged.status_code == 400 and forged.json()["code"] == "wrong_answer"
    unasked = client.post(PUBLIC, _submission(township), format="json")
    assert unasked.status_code == 400 and set(unasked.json()["codes"]) == {"challenge", "answer"}
    refused = client.post(
        PUBLIC, {**_submission(township, consent=False), **_challenge(client)}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["consent"] == ["请阅读并同意个人信息使用说明。"]
    no_phone = client.post(
        PUBLIC, {**_submission(township, citizen_phone=""), **_challenge(client)}, format="json"
    )
    assert no_phone.status_code == 400 and "citizen_phone" in no_phone.json()
    assert Opinion.objects.count() == 0


def test_the_public_submission_is_limited_per_address(township):
    one = public_client(REMOTE_ADDR="10.0.0.1")
    for _ in range(human.PER_HOUR):
        assert (
            one.post(PUBLIC, {**_submission(township), **_challenge(one)}, format="json").status_code == 201
        )
    limited = one.post(PUBLIC, {**_submission(township), **_challenge(one)}, format="json")
    assert limited.status_code == 429
    assert limited.json() == {
        "detail": "提交过于频繁，请一小时后再试，或拨打联络站电话反映。",
        "code": "throttled",
    }
    other = public_client(REMOTE_ADDR="10.0.0.2")
    assert (
        other.post(PUBLIC, {**_submission(township), **_challenge(other)}, format="json").status_code == 201
    )


def test_a_stale_token_does_not_refuse_the_public_endpoints(township):
    client = public_client(HTTP_AUTHORIZATION="Token stale")
    assert client.get(f"{PUBLIC}challenge/").status_code == 200
    assert (
        client.post(PUBLIC, {**_submission(township), **_challenge(client)}, format="json").status_code == 201
    )


def test_the_public_status_shows_no_personal_data(keeper, officer):
    opinion = answered(keeper, officer)
    response = public_client().get(f"{PUBLIC}{opinion.tracking_code.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["state_label"], body["feedback_open"]) == ("answered", "待告知", False)
    assert [e["action"] for e in body["events"]] == ["受理", "转办", "签收", "答复", "部门答复"]
    text = response.content.decode()
    for private in ("5678", "王", "李局长", "县住房和城乡建设局", keeper.display_name):
        assert private not in text, private
    missing = public_client().get(f"{PUBLIC}ZZZZZZZZ/")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert public_client().get(f"{PUBLIC}short/").status_code == 404


def test_the_public_status_of_a_raised_opinion_names_the_suggestion(keeper, deputy):
    opinion = services.opinion_raise(opinion=taken(keeper), deputy=deputy.deputy, actor=deputy)
    body = public_client().get(f"{PUBLIC}{opinion.tracking_code}/").json()
    assert body["state"] == "raised" and body["suggestion_number"] == ""


def test_the_citizen_rates_the_answer_with_the_phone_s_last_digits(keeper, officer):
    opinion = answered(keeper, officer)
    url = f"{PUBLIC}{opinion.tracking_code}/feedback/"
    body = {"phone_tail": "5678", "resolved": True, "satisfaction": "satisfied"}
    early = public_client().post(url, body, format="json")
    assert (early.status_code, early.json()["code"]) == (409, "invalid_transition")
    services.opinion_inform(opinion=opinion, how="phone", actor=keeper)
    wrong = public_client().post(url, {**body, "phone_tail": "0000"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["phone_tail"] == ["与登记的联系电话不符。"]
    malformed = public_client().post(url, {**body, "phone_tail": "56"}, format="json")
    assert malformed.status_code == 400 and malformed.json()["phone_tail"] == ["请填写联系电话后四位数字。"]
    assert public_client().post(f"{PUBLIC}ZZZZZZZZ/feedback/", body, format="json").status_code == 404
    done = public_client().post(url, body, format="json")
    assert done.status_code == 200, done.content.decode()
    assert done.json()["state"] == "closed" and done.json()["events"][-2]["action"] == "群众评价"


# ---------------------------------------------------------------- the whole way, through the API only


def test_public_submit_forward_reply_inform_and_the_citizen_s_feedback(township, station, keeper, officer):
    citizen = public_client(REMOTE_ADDR="10.1.1.1")
    submitted = citizen.post(PUBLIC, {**_submission(township), **_challenge(citizen)}, format="json")
    assert submitted.status_code == 201
    code = submitted.json()["tracking_code"]

    mine = client_for(keeper).get(API, {"q": code}).json()["results"]
    assert [row["tracking_code"] for row in mine] == [code] and mine[0]["channel"] == "online"
    pk = mine[0]["id"]
    detail = client_for(keeper).get(f"{API}{pk}/").json()
    assert detail["citizen"] == {"name": "王**", "phone": "138****5678", "address": "", "erased": False}
    assert "forward" in names(detail["available_actions"])
    forwarded_ = client_for(keeper).post(
        f"{API}{pk}/forward/", {"lead": officer.handling_unit_id}, format="json"
    )
    assert forwarded_.json()["state"] == "handling"
    assert citizen.get(f"{PUBLIC}{code}/").json()["reply_due"] == forwarded_.json()["reply_due"]

    (todo,) = client_for(officer).get(ASSIGNMENTS).json()["results"]
    assert todo["citizen_opinion"]["tracking_code"] == code
    assert client_for(officer).post(f"{ASSIGNMENTS}{todo['id']}/sign-for/").status_code == 200
    reply = client_for(officer).post(
        f"{ASSIGNMENTS}{todo['id']}/reply/", {"text": "已安排维修，三日内修复。", "signer": "李局长"}
    )
    assert reply.status_code == 201
    assert client_for(officer).get(ASSIGNMENTS).json()["results"] == []

    assert names(client_for(keeper).get(f"{API}{pk}/").json()["available_actions"]) == ["inform"]
    informed_ = client_for(keeper).post(
        f"{API}{pk}/inform/", {"informed_how": "phone", "answer": "路灯三日内修复。"}, format="json"
    )
    assert informed_.json()["state"] == "informed"
    status = citizen.get(f"{PUBLIC}{code}/").json()
    assert (status["state"], status["answer"], status["feedback_open"]) == (
        "informed",
        "路灯三日内修复。",
        True,
    )

    rated = citizen.post(
        f"{PUBLIC}{code}/feedback/",
        {"phone_tail": "5678", "resolved": True, "satisfaction": "satisfied"},
        format="json",
    )
    assert rated.status_code == 200 and rated.json()["state"] == "closed"
    assert [e["action"] for e in rated.json()["events"]] == [
        "受理", "转办", "签收", "答复", "部门答复", "告知群众", "群众评价", "办结",
    ]  # fmt: skip
    final = client_for(keeper).get(f"{API}{pk}/").json()
    assert (final["state"], final["resolved"], final["satisfaction"]) == ("closed", True, "satisfied")
    assert final["available_actions"] == []


# ---------------------------------------------------------------- the schema tells the truth


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        document = SchemaGenerator().get_schema(request=None, public=True)
    return _openapi_to_json_schema(document)


def _valid(schema: dict, path: str, response, status: int = 200, method: str = "get") -> None:
    assert response.status_code == status, (path, response.content.decode()[:300])
    declared = schema["paths"][path][method]["responses"][str(status)]["content"]["application/json"][
        "schema"
    ]
    validator = Draft4Validator({**declared, "components": schema["components"]}, format_checker=formats)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.json())]
    assert not errors, (path, errors[:10])


@pytest.mark.parametrize("party", ["office", "keeper", "deputy", "officer", "member"])
def test_every_read_answers_as_its_schema_says(request, schema, keeper, officer, other_officer, party):
    opinion = taken(keeper)
    services.opinion_forward(
        opinion=opinion, actor=keeper, lead=officer.handling_unit, joint=[other_officer.handling_unit]
    )
    done = answered(keeper, officer)
    bare = services.opinion_submit_online(
        title="路面积水", content="雨后积水。", citizen_phone="13900001111", township=keeper.station.township,
        consent=True,
    )  # fmt: skip
    client = client_for(request.getfixturevalue(party))
    reads = [
        (API, "/api/v1/opinions/"),
        (f"{API}{opinion.pk}/", "/api/v1/opinions/{id}/"),
        (f"{API}{done.pk}/", "/api/v1/opinions/{id}/"),
        (f"{API}redirect-reasons/", "/api/v1/opinions/redirect-reasons/"),
        (ASSIGNMENTS, "/api/v1/opinion-assignments/"),
        (f"{ASSIGNMENTS}{opinion.assignments.first().pk}/", "/api/v1/opinion-assignments/{id}/"),
    ]
    if party != "officer":  # not forwarded: the department does not see it
        reads.append((f"{API}{bare.pk}/", "/api/v1/opinions/{id}/"))
    for url, path in reads:
        _valid(schema, path, client.get(url))


def test_the_public_answers_and_writes_answer_as_their_schema_says(schema, township, keeper, officer):
    client = public_client()
    _valid(schema, "/api/v1/public/opinions/challenge/", client.get(f"{PUBLIC}challenge/"))
    created = client.post(PUBLIC, {**_submission(township), **_challenge(client)}, format="json")
    _valid(schema, "/api/v1/public/opinions/", created, 201, "post")
    done = informed(keeper, officer)
    _valid(schema, "/api/v1/public/opinions/{code}/", client.get(f"{PUBLIC}{done.tracking_code}/"))
    rated = client.post(
        f"{PUBLIC}{done.tracking_code}/feedback/",
        {"phone_tail": "5678", "resolved": False, "satisfaction": "dissatisfied"},
        format="json",
    )
    _valid(schema, "/api/v1/public/opinions/{code}/feedback/", rated, 200, "post")
    taken_ = client_for(keeper).post(
        API, {"channel": "visit", "title": "事项", "content": "内容"}, format="json"
    )
    _valid(schema, "/api/v1/opinions/", taken_, 201, "post")
    reply_path = "/api/v1/opinion-assignments/{id}/reply/"
    assignment = forwarded(keeper, officer).assignments.get()
    client_for(officer).post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/")
    reply = client_for(officer).post(
        f"{ASSIGNMENTS}{assignment.pk}/reply/", {"text": "已修。", "signer": "李局长"}
    )
    _valid(schema, reply_path, reply, 201, "post")
