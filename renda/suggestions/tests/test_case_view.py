"""Who sees which parts of one case (selectors.CaseView), in the pages and in the API alike.

One case with every kind of party: the lead deputy, a confirmed co-signer, a deputy whose own suggestion was
merged into it, the office, a committee member, two split units (co-handling units) each with its own contact
records and reply (one published, one not), the lead deputy's evaluation, key supervision, an attachment and
a reply letter. Outsiders — a deputy who declined to co-sign, another deputy, a unit not assigned — get a 404
for every part and read the published reply on the public page, nothing more."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.casework import services as casework
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import selectors, services
from renda.suggestions.models import Cosigner, Rating
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
PDF = b"%PDF-1.4 test"

# party: (contact records it sees, by unit key; co-signers' statuses it sees)
INSIDERS = {
    "office": ({"unit", "co_unit"}, {"confirmed", "declined"}),
    "lead": (set(), {"confirmed", "declined"}),
    "cosigner": (set(), {"confirmed", "declined"}),
    "merged_signer": (set(), {"confirmed", "declined"}),
    "member": (set(), {"confirmed"}),
    "unit": ({"unit"}, {"confirmed"}),
    "co_unit": ({"co_unit"}, {"confirmed"}),
}
OUTSIDERS = ("declined", "other_deputy", "other_unit")
SUMMARY = {"unit": "交通局电话听取代表意见，代表希望年内完工", "co_unit": "住建局座谈，代表提出排水问题"}


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def case(make_user, deputy, other_deputy, office, officer, other_officer, committee_member, chairpersons):
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    decliner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    merged_signer = make_user(Role.DEPUTY, deputy=DeputyFactory())
    other_unit = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县教育局"))

    suggestion = flow.draft(deputy)
    services.attachments_add(suggestion=suggestion, files=[pdf("现场照片说明.pdf")], actor=deputy)
    services.cosigners_invite(
        suggestion=suggestion, deputies=[cosigner.deputy, decliner.deputy], actor=deputy
    )
    for user, confirm in ((cosigner, True), (decliner, False)):
        invitation = Cosigner.objects.get(suggestion=suggestion, deputy=user.deputy)
        services.cosigner_respond(cosigner=invitation, confirm=confirm, actor=user)
    services.suggestion_submit(suggestion=suggestion, actor=deputy)
    services.suggestion_accept(suggestion=suggestion, actor=office)
    services.suggestions_merge(into=suggestion, others=[flow.submitted(merged_signer)], actor=office)
    services.suggestion_assign(
        suggestion=suggestion,
        on=timezone.localdate(),
        actor=office,
        split=[officer.handling_unit, other_officer.handling_unit],
    )
    vice, _ = chairpersons
    services.key_supervision_select(
        suggestion=suggestion, decided_on=timezone.localdate(), leader=vice, actor=office
    )
    letters, category = {}, flow.category_a()
    for key, user, publishable in (("unit", officer, True), ("co_unit", other_officer, False)):
        assignment = flow.assignment_of(suggestion, user)
        flow.contact(assignment, user)
        casework.record_contact(
            assignment=assignment,
            stage="during",
            method="meeting",
            date=timezone.localdate(),
            summary=SUMMARY[key],
            actor=user,
        )
        assignment.refresh_from_db()
        letters[key] = services.reply_send(
            assignment=assignment,
            result_category=category,
            text="已纳入年度计划并组织实施。",
            signer="李局长",
            publishable=publishable,
            letter=pdf(f"答复函{key}.pdf"),
            actor=user,
        )
    suggestion.refresh_from_db()
    services.evaluation_submit(
        suggestion=suggestion, rating=Rating.SATISFIED, comment="办理认真，感谢两家单位", actor=deputy
    )
    suggestion.refresh_from_db()
    return {
        "suggestion": suggestion,
        "replies": letters,
        "attachment": suggestion.attachments.get(),
        "users": {
            "office": office,
            "lead": deputy,
            "cosigner": cosigner,
            "merged_signer": merged_signer,
            "member": committee_member,
            "unit": officer,
            "co_unit": other_officer,
            "declined": decliner,
            "other_deputy": other_deputy,
            "other_unit": other_unit,
        },
        "units": {"unit": officer.handling_unit.name, "co_unit": other_officer.handling_unit.name},
    }


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contact_notes(events: list[dict]) -> list[str]:
    return [event["note"] for event in events if event["action"] == selectors.CONTACT_EVENT]


# ---------------------------------------------------------------- the decision itself


@pytest.mark.parametrize("party", [*INSIDERS, *OUTSIDERS])
def test_case_view_agrees_with_suggestions_visible_to(case, party):
    user, suggestion = case["users"][party], case["suggestion"]
    view = selectors.case_view(user, suggestion)
    assert view.record == (party in INSIDERS)
    assert view.record == selectors.suggestions_visible_to(user).filter(pk=suggestion.pk).exists()


def test_a_draft_is_no_committee_members_record(deputy, committee_member):
    assert not selectors.case_view(committee_member, flow.draft(deputy)).record


def test_a_unit_whose_assignment_was_withdrawn_is_an_outsider(office, deputy, officer, other_officer):
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    request = casework.request_reassignment(
        assignment=flow.assignment_of(suggestion, officer), reason="非本单位职责", actor=officer
    )
    services.reassignment_decide(
        assignment=request, approve=True, new_unit=other_officer.handling_unit, actor=office
    )
    assert not selectors.case_view(officer, suggestion).record
    assert selectors.case_view(other_officer, suggestion).unit_id == other_officer.handling_unit_id


# ---------------------------------------------------------------- the API


@pytest.mark.parametrize("party", INSIDERS)
def test_api_detail_each_insider_sees_the_record_and_only_its_contact_records(case, party):
    contacts_of, statuses = INSIDERS[party]
    suggestion = case["suggestion"]
    detail = api(case["users"][party]).get(f"{SUGGESTIONS}{suggestion.pk}/")
    assert detail.status_code == 200, detail.content.decode()
    body = detail.json()
    assert {row["summary"] for row in body["contacts"]} & set(SUMMARY.values()) == {
        SUMMARY[key] for key in contacts_of
    }
    units = {row["assignment"] for row in body["contacts"]}
    assert units <= {row["id"] for row in body["assignments"]}
    assert {row["status"] for row in body["cosigners"]} == statuses
    # the rest of the record is the same for every party to the case
    assert sorted(row["publishable"] for row in body["replies"]) == [False, True]
    assert [row["comment"] for row in body["evaluations"]] == ["办理认真，感谢两家单位"]
    assert body["key_supervision"] is not None
    assert [row["name"] for row in body["attachments"]] == ["现场照片说明.pdf"]
    assert len(body["assignments"]) == 2 and len(body["merged_cases"]) == 1


@pytest.mark.parametrize("party", INSIDERS)
def test_api_events_carry_contact_notes_only_for_those_who_see_the_contact_records(case, party):
    contacts_of, _ = INSIDERS[party]
    response = api(case["users"][party]).get(f"{SUGGESTIONS}{case['suggestion'].pk}/events/")
    assert response.status_code == 200
    events = response.json()
    notes = contact_notes(events)
    assert len(notes) == 4  # two contacts per unit: every party sees that the units made contact
    shown = [note for note in notes if note]
    assert len(shown) == 2 * len(contacts_of)
    for key, summary in SUMMARY.items():
        assert any(summary in note for note in shown) == (key in contacts_of)
        if key not in contacts_of:
            assert all(case["units"][key] not in note for note in shown)
    withheld = [e for e in events if e["action"] == selectors.CONTACT_EVENT and e["note_withheld"]]
    assert len(withheld) == 4 - len(shown)
    assert "评价" in {event["action"] for event in events}


@pytest.mark.parametrize("party", INSIDERS)
def test_api_files_are_read_by_every_party_to_the_case(case, party):
    client = api(case["users"][party])
    assert client.get(f"{SUGGESTIONS}attachments/{case['attachment'].pk}/file/").status_code == 200
    for reply in case["replies"].values():
        assert client.get(f"{SUGGESTIONS}replies/{reply.pk}/letter/").status_code == 200


@pytest.mark.parametrize("party", OUTSIDERS)
def test_api_outsiders_get_404_for_every_part_of_a_published_case(case, party):
    client, pk = api(case["users"][party]), case["suggestion"].pk
    assert pk not in {row["id"] for row in client.get(SUGGESTIONS).json()["results"]}
    for url in (
        f"{SUGGESTIONS}{pk}/",
        f"{SUGGESTIONS}{pk}/events/",
        f"{SUGGESTIONS}attachments/{case['attachment'].pk}/file/",
        *(f"{SUGGESTIONS}replies/{reply.pk}/letter/" for reply in case["replies"].values()),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("party", [None, *OUTSIDERS])
def test_outsiders_read_the_published_reply_on_the_public_api_only(case, party):
    client = api(case["users"][party]) if party else APIClient()
    rows = client.get(f"{SUGGESTIONS}public-replies/").json()["results"]
    [row] = [row for row in rows if row["id"] == case["suggestion"].pk]
    assert [answer["unit"] for answer in row["answers"]] == [case["units"]["unit"]]
    text = str(row)
    assert "办理认真" not in text and not any(summary in text for summary in SUMMARY.values())


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("name", ["suggestions:detail", "suggestions:print"])
@pytest.mark.parametrize("party", INSIDERS)
def test_pages_each_insider_sees_the_record_and_only_its_contact_records(case, party, name):
    contacts_of, statuses = INSIDERS[party]
    response = page(case["users"][party]).get(reverse(name, args=[case["suggestion"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for key, summary in SUMMARY.items():
        assert (summary in html) == (key in contacts_of), key
    assert ("联系情况仅代表工作机构和该承办单位可见" in html) == (len(contacts_of) < 2)
    assert ("已谢绝" in html) == ("declined" in statuses)
    assert "办理认真，感谢两家单位" in html  # the evaluation
    assert "不公开" in html and "同意公开" in html  # both replies
    assert "现场照片说明.pdf" in html and "重点督办" in html


@pytest.mark.parametrize("name", ["suggestions:detail", "suggestions:print"])
@pytest.mark.parametrize("party", OUTSIDERS)
def test_pages_outsiders_get_404_and_the_public_page_shows_the_published_reply_only(case, party, name):
    client = page(case["users"][party])
    assert client.get(reverse(name, args=[case["suggestion"].pk])).status_code == 404
    assert client.get(reverse("suggestions:attachment", args=[case["attachment"].pk])).status_code == 404
    for reply in case["replies"].values():
        assert client.get(reverse("suggestions:reply_letter", args=[reply.pk])).status_code == 404
    public = Client().get("/public/replies/").content.decode()
    assert case["suggestion"].title in public
    assert case["units"]["unit"] in public and case["units"]["co_unit"] not in public
    assert "办理认真" not in public and not any(summary in public for summary in SUMMARY.values())


def test_my_suggestions_leave_out_invitations_the_deputy_declined(case):
    pk = case["suggestion"].pk
    assert pk in {s.pk for s in selectors.deputy_suggestions(case["users"]["cosigner"])}
    assert pk not in {s.pk for s in selectors.deputy_suggestions(case["users"]["declined"])}


def test_the_timeline_is_one_query_once_the_view_is_known(case, django_assert_num_queries):
    user = case["users"]["lead"]
    view = selectors.case_view(user, case["suggestion"])
    with django_assert_num_queries(1):
        assert selectors.suggestion_events(user, case["suggestion"], view)
