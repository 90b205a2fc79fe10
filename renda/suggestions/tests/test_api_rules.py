"""The workflow's rules hold through the API as on the pages: each action endpoint calls its one service,
whose rule errors come back as 400 with the Chinese message keyed by field and a machine-readable code, a move
the current state does not allow and a stale draft as 409."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.deputies.tests.factories import DelegationFactory, DeputyFactory
from renda.suggestions import services
from renda.suggestions.models import AssignmentMeeting, Rating, State, Suggestion
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import RefusalReasonFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
ASSIGNMENTS = "/api/v1/suggestions/assignments/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def ok(response, status: int = 200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def refused(response, status: int = 400, code: str | None = None) -> dict:
    """The messages of a refused request; its `code` (and, for invalid input, `codes`) checked and left out."""
    assert response.status_code == status, response.content.decode()
    body = response.json()
    first = body.pop("code")
    if code is not None:
        assert first == code, body
    if "detail" not in body:
        assert first in str(body.pop("codes"))
    return body


def url(suggestion: Suggestion, step: str = "") -> str:
    return f"{SUGGESTIONS}{suggestion.pk}/{step}/" if step else f"{SUGGESTIONS}{suggestion.pk}/"


# ---------------------------------------------------------------- drafting and submission


def test_a_stale_version_is_409_and_the_newer_text_stays(deputy):
    draft = flow.draft(deputy)
    client = client_for(deputy)
    edited = ok(client.patch(url(draft), {"version": draft.version, "title": "新标题"}, format="json"))
    assert edited["version"] == draft.version + 1

    stale = refused(
        client.patch(url(draft), {"version": draft.version, "title": "旧表单"}, format="json"), 409
    )

    assert stale["detail"] == "该建议已被他人修改，请刷新页面后重新修改。"
    assert Suggestion.objects.get(pk=draft.pk).title == "新标题"


def test_during_session_needs_its_congress_session(deputy):
    response = client_for(deputy).post(
        SUGGESTIONS, {"title": "标题", "content": "内容", "timing": "during_session"}, format="json"
    )
    assert refused(response) == {"congress_session": ["大会期间提出的建议须选择人代会会议。"]}


def test_the_office_enters_paper_suggestions_on_a_deputys_behalf_and_must_name_the_deputy(office, deputy):
    client = client_for(office)
    assert refused(client.post(SUGGESTIONS, {"title": "标题", "content": "内容"}, format="json")) == {
        "lead_deputy": ["请选择领衔代表。"]
    }
    entered = ok(
        client.post(
            SUGGESTIONS, {"title": "标题", "content": "内容", "lead_deputy": deputy.deputy_id}, format="json"
        ),
        201,
    )
    assert entered["lead_deputy"]["id"] == deputy.deputy_id


def test_motion_rule_10_deputies_through_the_api(office, deputy):
    client = client_for(office)
    motion = ok(
        client.post(
            SUGGESTIONS,
            {
                "kind": "motion",
                "title": "关于制定河道管理办法的议案",
                "content": "内容",
                "lead_deputy": deputy.deputy_id,
            },
            format="json",
        ),
        201,
    )
    motion_url = f"{SUGGESTIONS}{motion['id']}/"
    eight = [DeputyFactory().pk for _ in range(8)]
    ok(client.post(f"{motion_url}cosigners/", {"deputies": eight, "confirmed": True}, format="json"), 201)

    error = refused(client.post(f"{motion_url}submit/"))

    assert error == {
        "non_field_errors": ["议案须由代表团或者10名以上代表联名提出，目前确认联名的代表为9名。"]
    }
    ok(
        client.post(
            f"{motion_url}cosigners/", {"deputies": [DeputyFactory().pk], "confirmed": True}, format="json"
        ),
        201,
    )
    assert ok(client.post(f"{motion_url}submit/"))["state"] == "presidium_review"
    decided = ok(
        client.post(f"{motion_url}presidium-decision/", {"decision": "as_suggestion"}, format="json")
    )
    assert (decided["state"], decided["kind"]) == ("submitted", "suggestion")


def test_a_delegations_motion_needs_no_ten_signers(deputy):
    motion = flow.draft(deputy, kind="motion", delegation=DelegationFactory())
    assert ok(client_for(deputy).post(url(motion, "submit")))["state"] == "presidium_review"


def test_co_signers_confirm_in_person_and_unconfirmed_ones_can_be_dropped(make_user, deputy, other_deputy):
    draft = flow.draft(deputy)
    lead = client_for(deputy)
    third = DeputyFactory()
    response = lead.post(url(draft, "cosigners"), {"deputies": [third.pk], "confirmed": True}, format="json")
    assert refused(response, 403) == {"detail": "附议须由代表本人确认。"}
    invited = ok(
        lead.post(url(draft, "cosigners"), {"deputies": [other_deputy.deputy_id, third.pk]}, format="json"),
        201,
    )
    by_deputy = {row["deputy"]["id"]: row["id"] for row in invited}
    cosigners = f"{SUGGESTIONS}cosigners/"

    assert refused(
        lead.post(f"{cosigners}{by_deputy[other_deputy.deputy_id]}/respond/", {"confirm": True}), 403
    )
    declined = client_for(other_deputy).post(
        f"{cosigners}{by_deputy[other_deputy.deputy_id]}/respond/", {"confirm": False}, format="json"
    )
    assert ok(declined)["status"] == "declined"
    assert lead.delete(f"{cosigners}{by_deputy[third.pk]}/").status_code == 204
    assert [row["status"] for row in ok(lead.get(url(draft)))["cosigners"]] == ["declined"]


def test_attachments_are_checked_like_on_the_pages(settings, tmp_path, deputy, other_deputy):
    settings.MEDIA_ROOT = tmp_path
    draft = flow.draft(deputy)
    client = client_for(deputy)
    pdf = SimpleUploadedFile("现场照片说明.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    added = ok(client.post(url(draft, "attachments"), {"files": [pdf]}, format="multipart"), 201)
    assert [row["name"] for row in added] == ["现场照片说明.pdf"]
    downloaded = client.get(added[0]["url"])
    assert (downloaded.status_code, b"".join(downloaded.streaming_content)) == (200, b"%PDF-1.4 x")
    assert client_for(other_deputy).get(added[0]["url"]).status_code == 404

    fake = SimpleUploadedFile("说明.pdf", b"MZ not a pdf", content_type="application/pdf")
    error = refused(client.post(url(draft, "attachments"), {"files": [fake]}, format="multipart"))
    assert error == {"non_field_errors": ["「说明.pdf」的内容与文件类型不符。"]}


# ---------------------------------------------------------------- registration review


def test_return_then_edit_and_resubmit(deputy, office):
    submitted = flow.submitted(deputy)
    clerk, lead = client_for(office), client_for(deputy)
    assert "reason" in refused(clerk.post(url(submitted, "return"), {}, format="json"))
    returned = ok(clerk.post(url(submitted, "return"), {"reason": "请补充具体地点"}, format="json"))
    assert (returned["state"], returned["return_reason"]) == ("returned", "请补充具体地点")

    edited = ok(
        lead.patch(url(submitted), {"version": returned["version"], "content": "地点：某村"}, format="json")
    )
    assert edited["content"] == "地点：某村"
    assert ok(lead.post(url(submitted, "submit")))["state"] == "submitted"


def test_reject_with_a_configured_reason(deputy, office):
    submitted = flow.submitted(deputy)
    reason = RefusalReasonFactory()
    clerk = client_for(office)
    assert "reason" in refused(clerk.post(url(submitted, "reject"), {"reason": 999}, format="json"))
    rejected = ok(
        clerk.post(url(submitted, "reject"), {"reason": reason.pk, "note": "属个人事务"}, format="json")
    )
    assert (rejected["state"], rejected["refusal_reason"]) == ("rejected", reason.label)
    again = refused(clerk.post(url(submitted, "register")), 409, "invalid_transition")
    assert again == {"non_field_errors": ["当前状态为「不予立案」，不能立案。"]}


def test_merge_several_into_one(deputy, other_deputy, office):
    into, other = flow.accepted(office, deputy), flow.submitted(other_deputy)
    merged = ok(client_for(office).post(url(into, "merge"), {"others": [other.pk]}, format="json"))
    assert merged["id"] == into.pk
    other.refresh_from_db()
    assert (other.state, other.merged_into_id) == (State.MERGED, into.pk)


# ---------------------------------------------------------------- assignment


def test_batch_assignment_is_all_or_nothing_with_errors_by_item(deputy, office, officer):
    ready = flow.accepted(office, deputy)
    draft = SuggestionFactory(lead_deputy=deputy.deputy, entered_by=office)  # a draft the office sees
    unit = officer.handling_unit_id
    batch = {
        "meeting_name": "2026年第一次交办会",
        "items": [{"suggestion": ready.pk, "lead": unit}, {"suggestion": draft.pk, "lead": unit}],
    }
    clerk = client_for(office)

    error = refused(clerk.post(f"{SUGGESTIONS}assign-batch/", batch, format="json"))

    assert error == {"items": {"1": ["当前状态为「草稿」，不能交办。"]}}
    assert (Suggestion.objects.get(pk=ready.pk).state, AssignmentMeeting.objects.count()) == (
        State.ACCEPTED,
        0,
    )
    meeting = ok(
        clerk.post(f"{SUGGESTIONS}assign-batch/", {**batch, "items": batch["items"][:1]}, format="json"), 201
    )
    assert meeting["name"] == "2026年第一次交办会"
    assert Suggestion.objects.get(pk=ready.pk).state == State.HANDLING


def test_complex_cases_get_six_months_and_split_excludes_a_lead(deputy, office, officer, other_officer):
    accepted = flow.accepted(office, deputy)
    clerk = client_for(office)
    both = {"lead": officer.handling_unit_id, "split": [other_officer.handling_unit_id]}
    assert refused(clerk.post(url(accepted, "assign"), both, format="json")) == {
        "non_field_errors": ["分办时不再指定主办、会办、协办单位。"]
    }
    on = datetime.date(2026, 3, 2)
    assigned = ok(
        clerk.post(
            url(accepted, "assign"),
            {"lead": officer.handling_unit_id, "is_complex": True, "on": on},
            format="json",
        )
    )
    assert (assigned["assigned_on"], assigned["reply_due"]) == ("2026-03-02", "2026-09-02")


def test_reassignment_request_and_decision(deputy, office, officer, other_officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(handling, officer)
    unit, clerk = client_for(officer), client_for(office)
    requested = ok(
        unit.post(
            f"{ASSIGNMENTS}{assignment.pk}/reassignment-request/", {"reason": "不属本单位职责"}, format="json"
        )
    )
    assert requested["state"] == "reassign_requested"
    requests = ok(clerk.get(f"{SUGGESTIONS}reassignment-requests/"))["results"]
    assert [(row["id"], row["suggestion"]["id"]) for row in requests] == [(assignment.pk, handling.pk)]
    assert [row["id"] for row in ok(unit.get(f"{SUGGESTIONS}reassignment-requests/"))["results"]] == [
        assignment.pk
    ]
    decision = f"{ASSIGNMENTS}{assignment.pk}/reassignment-decision/"
    assert refused(unit.post(decision, {"approve": True}, format="json"), 403)
    assert refused(clerk.post(decision, {"approve": True}, format="json")) == {
        "new_unit": ["同意调整时须指定新的承办单位。"]
    }

    moved = ok(
        clerk.post(decision, {"approve": True, "new_unit": other_officer.handling_unit_id}, format="json")
    )

    assert (moved["unit"]["id"], moved["role"], moved["state"]) == (
        other_officer.handling_unit_id,
        "lead",
        "assigned",
    )
    assert unit.get(url(handling)).status_code == 404
    assert [row["id"] for row in ok(client_for(other_officer).get(ASSIGNMENTS))["results"]] == [moved["id"]]


def test_reply_needs_contact_first_article_51(deputy, office, officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(handling, officer)
    unit = client_for(officer)
    ok(unit.post(f"{ASSIGNMENTS}{assignment.pk}/sign-for/"))
    reply = {"result_category": flow.category_a().pk, "text": "已解决", "signer": "李局长"}

    error = refused(
        unit.post(f"{ASSIGNMENTS}{assignment.pk}/reply/", reply, format="json"), 400, "contact_required"
    )

    assert error == {"non_field_errors": ["答复前须与代表联系沟通（代表法第51条），请先登记联系代表情况。"]}
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    contact = {"stage": "before", "method": "visit", "summary": "走访代表", "date": future}
    assert refused(unit.post(f"{ASSIGNMENTS}{assignment.pk}/contacts/", contact, format="json")) == {
        "date": ["联系日期不能晚于今天。"]
    }


def test_the_reply_letter_can_be_generated_from_the_template(settings, tmp_path, deputy, office, officer):
    settings.MEDIA_ROOT = tmp_path
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(handling, officer)
    unit = client_for(officer)
    ok(unit.post(f"{ASSIGNMENTS}{assignment.pk}/accept/"))
    today = timezone.localdate().isoformat()
    contact = {"stage": "before", "method": "phone", "summary": "电话沟通", "date": today}
    ok(unit.post(f"{ASSIGNMENTS}{assignment.pk}/contacts/", contact, format="json"), 201)
    reply = {
        "result_category": flow.category_a().pk,
        "text": "道路已完成硬化。",
        "signer": "李局长",
        "generate_letter": True,
    }
    # a letter made from the template needs its 文号, 联系人 and 联系电话
    assert set(refused(unit.post(f"{ASSIGNMENTS}{assignment.pk}/reply/", reply, format="json"))) == {
        "document_number",
        "contact_person",
        "contact_phone",
    }
    reply |= {
        "document_number": "方住建函〔2026〕3号",
        "contact_person": "王小明",
        "contact_phone": "13812345678",
    }

    answered = ok(unit.post(f"{ASSIGNMENTS}{assignment.pk}/reply/", reply, format="json"), 201)
    assert answered["document_number"] == "方住建函〔2026〕3号"
    assert "县人大常委会代表工作委员会" in answered["copy_to"]  # the template's default 抄送

    letter = unit.get(answered["letter_url"])
    assert letter.status_code == 200
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(b"".join(letter.streaming_content))).paragraphs)
    assert f"{deputy.deputy.name}代表" in text and "道路已完成硬化。" in text and "李局长" in text
    assert "方住建函〔2026〕3号" in text and "联系电话：13812345678" in text


def test_joint_unit_sends_its_view_to_the_lead_unit(deputy, office, officer, other_officer):
    handling = flow.assigned(
        office, deputy, assign={"lead": officer.handling_unit, "joint": [other_officer.handling_unit]}
    )
    joint = flow.assignment_of(handling, other_officer)
    client = client_for(other_officer)
    todo = ok(client.get(ASSIGNMENTS))["results"]
    assert [(row["role"], row["deadline"]) for row in todo] == [("joint", joint.opinion_due.isoformat())]
    ok(client.post(f"{ASSIGNMENTS}{joint.pk}/accept/"))
    reply = {"result_category": flow.category_a().pk, "text": "答复", "signer": "王"}
    assert refused(client.post(f"{ASSIGNMENTS}{joint.pk}/reply/", reply, format="json")) == {
        "non_field_errors": ["会办、协办单位不单独答复，请向主办单位提交会办意见。"]
    }

    sent = ok(
        client.post(f"{ASSIGNMENTS}{joint.pk}/joint-opinion/", {"opinion": "同意列入计划"}, format="json")
    )

    assert (sent["state"], sent["opinion"]) == ("opinion_sent", "同意列入计划")


def test_a_being_solved_answer_carries_commitments_followed_up_until_solved(deputy, office, officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(handling, officer)
    flow.contact(assignment, officer)
    planned, solved = flow.category_b(), flow.category_a()
    unit = client_for(officer)
    reply_url = f"{ASSIGNMENTS}{assignment.pk}/reply/"
    reply = {"result_category": planned.pk, "text": "已列入明年计划。", "signer": "李局长"}
    assert refused(unit.post(reply_url, reply, format="multipart")) == {
        "commitments": ["「正在解决或列入计划」类答复须填写承诺事项和期限。"]
    }

    sent = ok(
        unit.post(
            reply_url,
            {**reply, "commitments[0]description": "完成道路硬化", "commitments[0]due": "2027-06-30"},
            format="multipart",
        ),
        201,
    )

    assert [(row["description"], row["due"]) for row in sent["commitments"]] == [
        ("完成道路硬化", "2027-06-30")
    ]
    open_ones = ok(unit.get(f"{SUGGESTIONS}commitments/"))["results"]
    assert [(row["suggestion"]["id"], row["result_category"]["code"]) for row in open_ones] == [
        (handling.pk, "B")
    ]
    update = {"text": "已完工", "solved": True, "raise_to": solved.pk}
    posted = ok(
        unit.post(f"{SUGGESTIONS}commitments/{open_ones[0]['id']}/updates/", update, format="json"), 201
    )
    assert posted["solved"] is True
    assert ok(unit.get(f"{SUGGESTIONS}commitments/"))["results"] == []
    assert ok(unit.get(url(handling)))["replies"][0]["result_category"]["code"] == "A"
    assert (
        client_for(office).post(f"{SUGGESTIONS}commitments/{open_ones[0]['id']}/updates/", update).status_code
        == 404
    )


# ---------------------------------------------------------------- evaluation, coordination, supervision


def test_only_the_lead_deputy_evaluates_by_default(make_user, deputy, other_deputy, office, officer):
    draft = flow.draft(deputy)
    services.cosigners_invite(suggestion=draft, deputies=[other_deputy.deputy], actor=deputy)
    services.cosigner_respond(cosigner=draft.cosigners.get(), confirm=True, actor=other_deputy)
    services.suggestion_submit(suggestion=draft, actor=deputy)
    services.suggestion_accept(suggestion=draft, actor=office)
    services.suggestion_assign(
        suggestion=draft, lead=officer.handling_unit, on=timezone.localdate(), actor=office
    )
    flow.answer(flow.assignment_of(draft, officer), officer)

    response = client_for(other_deputy).post(
        url(draft, "evaluations"), {"rating": "satisfied"}, format="json"
    )
    assert refused(response, 403) == {"detail": "只有领衔代表（或按设置的联名代表）可以评价。"}
    assert "rating" in refused(client_for(deputy).post(url(draft, "evaluations"), {"rating": "no_feedback"}))


def test_still_dissatisfied_after_rehandling_goes_to_the_office_which_closes_it(deputy, office, officer):
    replied = flow.replied(office, deputy, officer)
    services.evaluation_submit(suggestion=replied, rating=Rating.DISSATISFIED, actor=deputy)
    flow.answer(flow.assignment_of(replied, officer), officer)
    services.evaluation_submit(suggestion=replied, rating=Rating.DISSATISFIED, actor=deputy)
    clerk = client_for(office)
    assert refused(clerk.post(url(replied, "coordination-close"), {"outcome": ""}, format="json")) == {
        "outcome": ["该字段不能为空。"]
    }

    closed = ok(
        clerk.post(url(replied, "coordination-close"), {"outcome": "座谈后代表表示理解"}, format="json")
    )

    assert (closed["state"], closed["outcome"]) == ("closed", "座谈后代表表示理解")


def test_key_supervision_is_led_by_a_chairperson_and_keeps_notes(chairpersons, deputy, office, officer):
    vice, plain = chairpersons
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    clerk = client_for(office)
    assert refused(clerk.post(url(handling, "key-supervision/notes"), {"kind": "visit", "text": "视察"}), 404)
    assert refused(clerk.post(url(handling, "key-supervision"), {"leader": plain.pk}, format="json")) == {
        "leader": ["领衔督办须为主任或副主任。"]
    }

    selected = ok(
        clerk.post(url(handling, "key-supervision"), {"leader": vice.pk, "decision": "主任会议决定"}), 201
    )
    note = ok(clerk.post(url(handling, "key-supervision/notes"), {"kind": "visit", "text": "现场视察"}), 201)

    assert (selected["leader"], selected["leader_name"]) == (vice.pk, vice.deputy.name)
    assert note["date"] == timezone.localdate().isoformat()
    supervision = ok(clerk.get(url(handling)))["key_supervision"]
    assert [row["text"] for row in supervision["notes"]] == ["现场视察"]
    assert [row["id"] for row in ok(clerk.get(SUGGESTIONS, {"key": "true"}))["results"]] == [handling.pk]
