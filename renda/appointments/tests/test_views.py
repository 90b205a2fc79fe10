"""The pages: a nomination goes to the oath and the publication in the browser (the office's pages, the voting's
control page), the nominee's papers kept to the office and the members before the vote, the lists and exports,
the public announcements."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.appointments.models import Appointment, AppointmentState
from renda.appointments.tests.conftest import DAY, at, cast, sign_in
from renda.meetings import services as meetings
from renda.voting.models import VoteEvent


def pdf(name="简历.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_a_nomination_goes_to_the_oath_in_the_browser(
    client, term, committee, meeting, office, member_user, post, make_user
):
    client.force_login(office)
    with at(datetime.date(2026, 3, 1)):
        response = client.post(
            "/appointments/people/new/", {"name": "赵敏", "gender": "female", "resume": pdf()}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        from renda.appointments.models import Person

        person = Person.objects.get(name="赵敏")
        response = client.post(
            "/appointments/new/",
            {
                "term": term.pk,
                "kind": "appoint",
                "person": person.pk,
                "post": post.pk,
                "nominator": "court_president",
                "letter": pdf("提请函.pdf"),
            },
        )
        assert (
            response.status_code == 200 and "县人民政府县长" in response.content.decode()
        )  # error beside the field
        response = client.post(
            "/appointments/new/",
            {
                "term": term.pk,
                "kind": "appoint",
                "person": person.pk,
                "post": post.pk,
                "nominator": "government_head",
                "letter": pdf("提请函.pdf"),
            },
        )
        appointment = Appointment.objects.get()
        assert response["Location"] == f"/appointments/{appointment.pk}/"
        page = client.get(response["Location"]).content.decode()
        assert "登记任前法律知识考试" in page and "列入会议议程" in page
        assert (
            client.post(
                f"/appointments/{appointment.pk}/exam/", {"taken_on": "2026-03-01", "score": "88"}
            ).status_code
            == 302
        )
        assert (
            client.post(f"/appointments/{appointment.pk}/schedule/", {"meeting": meeting.pk}).status_code
            == 302
        )
        assert client.post(f"/appointments/{appointment.pk}/papers/").status_code == 302
    # the member reads the résumé before the vote
    client.force_login(member_user)
    assert client.get(f"/appointments/{appointment.pk}/resume/").status_code == 200
    assert "88分" in client.get(f"/appointments/{appointment.pk}/").content.decode()
    client.force_login(office)
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:15], office)
        assert (
            client.post(f"/appointments/{appointment.pk}/statement/", {"summary": "表态发言"}).status_code
            == 302
        )
        assert (
            client.post(f"/appointments/{appointment.pk}/deliberate/", {"summary": "同意"}).status_code == 302
        )
        response = client.post(f"/appointments/{appointment.pk}/vote/", {"method": "secret"})
        event = VoteEvent.objects.get()
        assert response["Location"] == f"/voting/{event.pk}/control/"
        assert client.post(f"/voting/{event.pk}/open/").status_code == 302
    cast(event, committee[:14], make_user)
    with at(DAY, 11):
        assert client.post(f"/voting/{event.pk}/close/").status_code == 302
        appointment.refresh_from_db()
        assert appointment.state == AppointmentState.ADOPTED
        for step in ("announce", "letter"):
            assert client.post(f"/appointments/{appointment.pk}/{step}/").status_code == 302
        letter = client.get(f"/appointments/{appointment.pk}/letter.docx")
        assert letter.status_code == 200 and letter.content.startswith(b"PK")
        response = client.post(
            f"/appointments/{appointment.pk}/oath/",
            {"oath_on": DAY.isoformat(), "presider": committee[0].name, "witnesses": "全体组成人员"},
        )
        assert response.status_code == 302
        assert client.post(f"/appointments/{appointment.pk}/publish/").status_code == 302
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.PUBLISHED and appointment.letter_code == "任字〔2026〕1号"
    # after the vote: the member no longer opens the résumé; the public sees name, post and decision
    client.force_login(member_user)
    assert client.get(f"/appointments/{appointment.pk}/resume/").status_code == 403
    assert "88分" not in client.get(f"/appointments/{appointment.pk}/").content.decode()
    client.logout()
    public = client.get("/public/appointments/").content.decode()
    assert "任命赵敏为县教育局局长" in public and "简历" not in public


def test_lists_exports_and_statistics(client, term, committee, meeting, office, post, person):
    from renda.appointments import services

    services.holding_record(post=post, person=person, start_date=datetime.date(2022, 1, 10), actor=office)
    client.force_login(office)
    for url in (
        "/appointments/",
        "/appointments/holders/",
        "/appointments/holders/?history=1",
        "/appointments/posts/",
        f"/appointments/posts/{post.pk}/",
        "/appointments/statistics/",
        "/appointments/members/",
    ):
        assert client.get(url).status_code == 200, url
    export = client.get("/appointments/holders/?export=xlsx")
    assert export.status_code == 200 and export.content.startswith(b"PK")
    assert client.get("/appointments/?export=xlsx").status_code == 200
    partial = client.get("/appointments/", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "HX-Request" in partial["Vary"]


def test_others_are_kept_out(client, make_user, term, office, post, person):
    from renda.appointments.tests.conftest import nominate
    from renda.core.roles import Role

    appointment = nominate(term, person, post, office)
    client.force_login(make_user(Role.DEPUTY))
    assert client.get(f"/appointments/{appointment.pk}/").status_code == 404
    assert client.get("/appointments/new/").status_code == 403
    assert client.get(f"/appointments/{appointment.pk}/nomination-letter/").status_code == 404


def test_the_dashboard_shows_the_year_s_appointments(client, office):
    client.force_login(office)
    page = client.get("/suggestions/dashboard/").content.decode()
    assert "任免国家机关工作人员0人次" in page


def test_list_queries_do_not_grow_with_rows(client, term, office, post):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.appointments import services
    from renda.appointments.tests.conftest import nominate

    client.force_login(office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/appointments/").status_code == 200
        return len(captured)

    nominate(term, services.person_create(name="甲", actor=office), post, office)
    one = queries()
    for name in ("乙", "丙", "丁"):
        other = services.post_create(name=f"{name}局局长", organ=f"{name}局", kind="dept_head", actor=office)
        nominate(term, services.person_create(name=name, actor=office), other, office)
    assert queries() == one


def test_search_by_name_pinyin_initials_and_post(client, term, office, post, person):
    from renda.appointments.tests.conftest import nominate

    nominate(term, person, post, office)  # 王建国, 县教育局局长
    client.force_login(office)
    for q, found in (("wjg", True), ("wangjian", True), ("教育局", True), ("lm", False)):
        page = client.get(f"/appointments/?q={q}").content.decode()
        assert ("任命王建国为县教育局局长" in page) is found, q
