"""An appointment in a real browser, as the office works it: the nomination form, the legal exam, the agenda, the
papers, the statement and the deliberation at the meeting, the vote created from the page and run on the voting's
control page, the announcement, the numbered letter, the oath and the publication — then a citizen on a phone
reads the announcement on the public site."""

import re

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import PASSWORD
from renda.appointments import services
from renda.appointments.models import Appointment, AppointmentState, Holding, PostKind
from renda.core import clock
from renda.core.roles import Role
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.meetings.tests.conftest import sign_in
from renda.voting import services as voting
from renda.voting.models import VoteEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_office_takes_an_appointment_from_nomination_to_publication(
    live_server, browser, term, committee, office, make_user
):
    from playwright.sync_api import expect

    term.is_current = True
    term.save()
    post = services.post_create(name="县教育局局长", organ="县教育局", kind=PostKind.DEPT_HEAD, actor=office)
    services.person_create(name="王建国", gender="male", birth_month="1975.04", actor=office)
    day = clock.today()  # the meeting sits today (its papers are late: flagged, not refused)
    meeting = meetings.meeting_create(
        kind=MeetingKind.STANDING,
        term=term,
        date=day,
        place="县人大常委会会议室",
        presider=committee[0],
        actor=office,
    )

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations (公告)
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("用户名").fill(office.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    # 提请: the form, with the government head as nominator
    page.goto(f"{live_server.url}{reverse('appointments:nominate')}")
    page.get_by_label("任免对象").select_option(label="王建国")
    page.locator("#id_post").select_option(label=post.name)
    page.get_by_label("提请人").select_option(label="县人民政府县长")
    page.get_by_label("提请理由").fill("工作需要")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("王建国")
    appointment = Appointment.objects.get()

    def step(label: str) -> None:
        page.goto(f"{live_server.url}{appointment.get_absolute_url()}")
        page.locator("main").get_by_role("link", name=label, exact=True).click()

    def button(label: str) -> None:
        page.goto(f"{live_server.url}{appointment.get_absolute_url()}")
        page.locator("main").get_by_role("button", name=label, exact=True).click()
        expect(page.locator(".alert-success")).to_be_visible()

    step("登记任前法律知识考试")
    page.get_by_label("考试日期").fill(clock.today().isoformat())
    page.get_by_label("成绩").fill("86")
    page.locator("main form button[type=submit]").click()
    step("列入会议议程")
    page.get_by_label("常委会会议").select_option(value=str(meeting.pk))
    page.locator("main form button[type=submit]").click()
    button("材料送组成人员")
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.SCHEDULED and appointment.papers_sent_on == clock.today()

    # the meeting opens with a quorum signed in (the meetings' own pages are tested there)
    meetings.meeting_convene(meeting=meeting, actor=office)
    sign_in(meeting, committee[:20], office)
    step("供职发言")
    page.get_by_label("摘要").fill("拟任人员作供职发言，表示将依法履职。")
    page.locator("main form button[type=submit]").click()
    step("审议")
    page.get_by_label("摘要").fill("组成人员进行了审议。")
    page.locator("main form button[type=submit]").click()
    step("提付表决")
    expect(page.get_by_label("表决方式")).to_have_value("secret")  # 【地】 secret by default
    page.get_by_role("button", name="发起表决").click()
    expect(page).to_have_url(re.compile(r"/voting/\d+/control/"))
    page.get_by_role("button", name="开始表决").click()
    event = VoteEvent.objects.get()
    for deputy in committee[:16]:
        voter = make_user(Role.MEMBER, deputy=deputy)
        voting.ballot_cast(event=event, deputy=deputy, choice="yes", actor=voter)
    page.get_by_role("button", name="结束表决").click()
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.ADOPTED and "赞成16票" in appointment.result

    button("当场宣布")
    button("颁发任命书")
    step("宪法宣誓")
    page.get_by_label("宣誓日期").fill(day.isoformat())
    page.get_by_label("监誓人").fill(committee[0].name)
    page.locator("main form button[type=submit]").click()
    button("公告")
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.PUBLISHED and appointment.letter_number == 1
    assert Holding.objects.get(post=post, end_date__isnull=True).person.name == "王建国"
    page.goto(f"{live_server.url}{appointment.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(appointment.letter_code)
    page.context.close()

    # a citizen on a phone: the announcement, without the nominee's personal papers
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    phone.goto(f"{live_server.url}/public/appointments/")
    expect(phone.locator("main")).to_contain_text("王建国")
    expect(phone.locator("main")).to_contain_text(post.name)
    expect(phone.locator("main")).not_to_contain_text("1975")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.context.close()
