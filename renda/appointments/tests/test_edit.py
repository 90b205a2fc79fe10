"""Posts and people as the office keeps them: edit pages refusing stale forms, the 职数 of a post, and the successor
whose appointment ends the previous holding."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from renda.appointments import services
from renda.appointments.models import Appointment, Holding, Person, Post
from renda.appointments.tests.conftest import DAY, cast, close, nominate, to_vote
from renda.core.services import StaleEditError


def _appoint(term, person, post, meeting, committee, office, make_user):
    _, event = to_vote(nominate(term, person, post, office), meeting, committee, office)
    cast(event, committee[:13], make_user)
    close(event, office)  # the close settles the appointment
    return Appointment.objects.get(pk=event.subject_id)


def test_a_successor_s_appointment_ends_the_previous_holding(
    term, committee, meeting, office, post, make_user
):
    """A 局长 (职数 1) appointed in place of the holder: the old holding ends on the meeting's day by this decision,
    so the post never shows two holders."""
    old = services.person_create(name="李旧任", actor=office)
    services.holding_record(post=post, person=old, start_date=datetime.date(2021, 6, 1), actor=office)
    new = services.person_create(name="张新任", actor=office)
    appointment = _appoint(term, new, post, meeting, committee, office, make_user)
    previous = Holding.objects.get(post=post, person=old)
    assert previous.end_date == DAY and previous.ended_by == appointment
    assert list(
        Holding.objects.filter(post=post, end_date__isnull=True).values_list("person__name", flat=True)
    ) == ["张新任"]


def test_a_post_with_several_seats_keeps_its_holders_until_full(term, committee, meeting, office, make_user):
    """A post with 职数 2 (e.g. 审判员) takes a second holder without ending the first."""
    post = services.post_create(name="县法院审判员", organ="县人民法院", kind="court", seats=2, actor=office)
    first = services.person_create(name="赵一", actor=office)
    services.holding_record(post=post, person=first, start_date=datetime.date(2021, 6, 1), actor=office)
    second = services.person_create(name="钱二", actor=office)
    _, event = to_vote(
        nominate(term, second, post, office, nominator="court_president"), meeting, committee, office
    )
    cast(event, committee[:13], make_user)
    close(event, office)
    assert Holding.objects.filter(post=post, end_date__isnull=True).count() == 2


def test_post_edit_refuses_a_stale_form_and_a_duplicate_name(office, post):
    other = services.post_create(name="县科技局局长", organ="县科技局", kind="dept_head", actor=office)
    edited = services.post_update(
        post=post, expected_version=post.version, changes={"organ": "县教育和体育局"}, actor=office
    )
    assert edited.organ == "县教育和体育局" and edited.version == post.version + 1
    with pytest.raises(StaleEditError):
        services.post_update(post=post, expected_version=post.version, changes={"order": 3}, actor=office)
    with pytest.raises(ValidationError) as refused:
        services.post_update(
            post=edited, expected_version=edited.version, changes={"name": other.name}, actor=office
        )
    assert refused.value.message_dict["name"] == ["该职务已经登记。"]


def test_post_seats_cannot_drop_below_its_current_holders(office, post, person):
    services.holding_record(post=post, person=person, start_date=datetime.date(2021, 6, 1), actor=office)
    with pytest.raises(ValidationError) as refused:
        services.post_update(post=post, expected_version=post.version, changes={"seats": 0}, actor=office)
    assert "职数不能少于1" in refused.value.message_dict["seats"][0]


def test_person_edit_recomputes_the_pinyin_and_refuses_a_stale_form(office, person):
    edited = services.person_update(
        person=person, expected_version=person.version, changes={"name": "王建华"}, actor=office
    )
    assert (edited.name, edited.name_initials) == ("王建华", "wjh")
    with pytest.raises(StaleEditError):
        services.person_update(
            person=person, expected_version=person.version, changes={"current_job": "x"}, actor=office
        )


def test_edit_pages_save_and_show_a_stale_form_s_error(client, office, post, person):
    client.force_login(office)
    page = client.get(f"/appointments/posts/{post.pk}/edit/")
    assert page.status_code == 200 and "职数" in page.content.decode()
    data = {
        "name": post.name,
        "organ": "县教育局",
        "kind": "dept_head",
        "order": 1,
        "seats": 1,
        "active": "on",
    }
    saved = client.post(f"/appointments/posts/{post.pk}/edit/", {**data, "version": post.version})
    assert saved.status_code == 302 and Post.objects.get(pk=post.pk).order == 1
    stale = client.post(f"/appointments/posts/{post.pk}/edit/", {**data, "order": 5, "version": post.version})
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    assert Post.objects.get(pk=post.pk).order == 1
    saved = client.post(
        f"/appointments/people/{person.pk}/edit/",
        {
            "name": person.name,
            "gender": "male",
            "birth_month": "1975.04",
            "current_job": "县教育局副局长",
            "version": person.version,
        },
    )
    assert saved.status_code == 302 and Person.objects.get(pk=person.pk).current_job == "县教育局副局长"


def test_edit_pages_are_the_office_s(client, member_user, post, person):
    client.force_login(member_user)
    assert client.get(f"/appointments/posts/{post.pk}/edit/").status_code == 403
    assert client.get(f"/appointments/people/{person.pk}/edit/").status_code == 403


def test_the_api_edits_posts_and_people_with_their_version(office, member_user, post, person):
    api_client = APIClient()
    api_client.force_authenticate(office)
    changed = api_client.patch(
        f"/api/v1/appointment-posts/{post.pk}/", {"seats": 2, "version": post.version}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["seats"] == 2
    stale = api_client.patch(
        f"/api/v1/appointment-posts/{post.pk}/", {"seats": 3, "version": post.version}, format="json"
    )
    assert stale.status_code == 409
    missing = api_client.patch(f"/api/v1/appointment-posts/{post.pk}/", {"seats": 3}, format="json")
    assert missing.status_code == 400
    fixed = api_client.patch(
        f"/api/v1/appointment-people/{person.pk}/",
        {"current_job": "县教育局副局长", "version": 1},
        format="json",
    )
    assert fixed.status_code == 200 and fixed.json()["current_job"] == "县教育局副局长"
    api_client.force_authenticate(member_user)
    assert api_client.get(f"/api/v1/appointment-people/{person.pk}/").status_code == 404
    assert (
        api_client.patch(
            f"/api/v1/appointment-posts/{post.pk}/", {"seats": 3, "version": 2}, format="json"
        ).status_code
        == 403
    )
