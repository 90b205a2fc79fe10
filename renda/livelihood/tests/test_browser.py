"""A livelihood project's year on phones (390 × 844), in a real browser: a citizen proposes a project on the public
page (answering its question), the responsible unit reports the month's progress with a site photo, a deputy
following the project records an inspection and its problem, the unit signs for and answers it on its 待办, and
the public page shows the progress bar and the photo. The ballot before it is played through the services (the
voting has its own browser test)."""

import datetime
import re

import pytest
from django.urls import reverse

from renda.core import clock
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.livelihood import services
from renda.livelihood.models import Finding, FindingState, LivelihoodProject, ProjectProposal
from renda.livelihood.tests.conftest import at, cast_all
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.org.tests.factories import (
    CommitteeOfficeFactory,
    CongressSessionFactory,
    HandlingUnitFactory,
    TermFactory,
)
from renda.voting import services as voting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
PNG = (  # a 1 × 1 PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def adopted(make_user):
    """This year's list adopted at a congress session two months ago (two of three candidates), its unit."""
    day = clock.today() - datetime.timedelta(days=60)
    term = TermFactory()
    deputies = DeputyFactory.create_batch(9)
    term.deputies.add(*deputies)
    office = make_user(Role.CLERK, office=CommitteeOfficeFactory(name="办公室"))
    unit = HandlingUnitFactory(name="县住房和城乡建设局")
    with at(day - datetime.timedelta(days=30)):
        congress = meetings.meeting_create(
            kind=MeetingKind.CONGRESS, term=term, congress_session=CongressSessionFactory(term=term), date=day,
            actor=office,
        )  # fmt: skip
        ballot = services.ballot_create(
            year=day.year, seats=2, candidates_count=3, meeting=congress, actor=office
        )
        for name in ("城东老旧小区改造", "学校食堂提升", "农村公路养护"):
            services.candidate_add(
                ballot=ballot, name=name, cost=1_000_000, funding_source="县级财政", unit=unit,
                place="城关镇东街", planned_completion=datetime.date(day.year, 12, 31),
                milestones=[("主体完工", datetime.date(day.year, 12, 31), 100)], actor=office,
            )  # fmt: skip
    with at(day - datetime.timedelta(days=10)):
        ballot = services.ballot_submit(ballot=ballot, actor=office)
    with at(day):
        meeting = meetings.meeting_convene(meeting=congress, actor=office)
        meetings.attendance_sign_in_many(meeting=meeting, deputies=deputies[:7], actor=office)
        event = services.ballot_vote_create(ballot=ballot, method="secret", actor=office)
        voting.vote_open(event=event, actor=office)
        cast_all(event, deputies, make_user, [["城东老旧小区改造", "学校食堂提升"]] * 7)
        voting.vote_close(event=event, actor=office)
        ballot.refresh_from_db()
        services.ballot_publish(ballot=ballot, actor=office)
    project = LivelihoodProject.objects.get(name="城东老旧小区改造")
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory(name="跟踪代表"))
    services.project_follow(project=project, actor=deputy)
    return {
        "project": project,
        "office": office,
        "unit": make_user(Role.UNIT, handling_unit=unit),
        "deputy": deputy,
    }


def test_a_project_s_year_on_phones(live_server, open_page, adopted):
    from playwright.sync_api import expect

    project = adopted["project"]

    phone = open_page

    def fits(page) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url

    # a citizen proposes next year's project, answering the page's question
    page = phone()
    page.goto(f"{live_server.url}/public/livelihood/propose/")
    page.get_by_label("项目名称").fill("城西增设公交站台")
    page.get_by_label("项目内容").fill("城西新区到县医院没有公交站台，群众出行不便。")
    page.get_by_label("提出人").fill("李四")
    a, b = map(int, re.findall(r"(\d+) 加 (\d+)", page.locator("label[for=id_answer]").inner_text())[0])
    page.get_by_label(re.compile("验证问题")).fill(str(a + b))
    fits(page)
    page.get_by_role("button", name="提交").click()
    code = ProjectProposal.objects.get(title="城西增设公交站台").tracking_code
    expect(page.locator("main")).to_contain_text("待筛选")
    assert code in page.url
    page.context.close()

    # the unit reports last month's progress with a site photo
    page = phone(adopted["unit"])
    page.goto(f"{live_server.url}{reverse('livelihood:project', args=[project.pk])}")
    fits(page)
    page.get_by_role("link", name="报送进度").click()
    page.get_by_label("月份").fill(services.previous_month().isoformat())
    page.get_by_label("完成进度（%）").fill("30")
    page.get_by_label("累计完成投资（元）").fill("300000")
    page.get_by_label("存在问题").fill("雨季影响施工")
    page.get_by_label("现场照片").set_input_files(
        {"name": "现场.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("进度已报送")
    page.context.close()
    project.refresh_from_db()
    assert project.percent == 30

    # the deputy following it records an inspection and what they found
    page = phone(adopted["deputy"])
    page.goto(f"{live_server.url}{reverse('livelihood:project', args=[project.pk])}")
    page.get_by_role("link", name="登记代表视察").click()
    page.get_by_label("视察情况").fill("实地察看了施工现场。")
    page.get_by_label("发现的问题").fill("施工围挡破损，夜间缺少警示灯")
    fits(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.context.close()
    finding = Finding.objects.get()
    services.finding_forward(finding=finding, actor=adopted["office"])  # the office, at its desk

    # the unit signs for it and answers on its phone
    page = phone(adopted["unit"])
    page.goto(f"{live_server.url}{finding.get_absolute_url()}")
    fits(page)
    page.get_by_role("button", name="签收").click()
    page.get_by_role("link", name="答复").click()
    page.get_by_label("答复内容").fill("已更换围挡并加装警示灯。")
    page.get_by_label("签发人").fill("王局长")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("已更换围挡并加装警示灯")
    page.context.close()
    finding.refresh_from_db()
    assert finding.state == FindingState.ANSWERED

    # everyone: the year's projects with the progress bar and the photo
    page = phone()
    page.goto(f"{live_server.url}/public/livelihood/")
    card = page.locator("main").get_by_text("城东老旧小区改造").first
    expect(card).to_be_visible()
    expect(page.locator("main img[alt='城东老旧小区改造现场照片']")).to_be_visible()
    expect(page.locator("main")).to_contain_text("30%")
    fits(page)
    page.context.close()


def test_a_lagging_project_s_inquiry_shows_on_phones(live_server, open_page, adopted):
    """The inquiry on a lagging project (an item of the oversight plan) on a following deputy's phone — the
    project page — and on a citizen's — the public page; both fit 390 px."""
    from playwright.sync_api import expect

    project = adopted["project"]
    services.lagging_mark(today=datetime.date(project.year + 1, 1, 2))  # its planned completion passed
    item = services.inquiry_start(year=project.year, projects=[project], actor=adopted["office"])
    page = open_page(adopted["deputy"])
    page.goto(f"{live_server.url}{reverse('livelihood:project', args=[project.pk])}")
    expect(page.locator("main")).to_contain_text(item.title)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    page.context.close()
    page = open_page()
    page.goto(f"{live_server.url}/public/livelihood/?year={project.year}")
    expect(page.locator("main")).to_contain_text(item.title)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    page.context.close()
