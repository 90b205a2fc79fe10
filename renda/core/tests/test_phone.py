"""Phones (390 × 844) in a real browser: the deputy's, the handling unit's and the station keeper's main pages and
every page of their menus fit the width; list tables are labelled cards with the title first and the actions full
width at the bottom; the primary buttons are on screen once scrolled to; no date breaks across lines. On a wide
screen the same lists stay tables."""

import datetime

import pytest
from django.urls import reverse

from renda.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
LONG_TITLE = "关于加快推进羊场镇凤坝村至猫场镇金屯村通组公路硬化及沿线安全防护设施建设、方便群众出行的建议"

# Everything that can be wrong with a page on a phone, found in the page in one pass: a page wider than the
# screen, a table that scrolls sideways, a list card whose title is not first and full width, an action button
# off screen or covered once scrolled to, a date broken across lines.
PROBLEMS = """() => {
  const vw = document.documentElement.clientWidth, found = [];
  const name = el => (el.innerText || el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 30);
  if (document.documentElement.scrollWidth > vw)
    found.push(`页面宽 ${document.documentElement.scrollWidth}px`);
  for (const wrap of document.querySelectorAll("main .table-responsive")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) found.push(`表格横向滚动：${name(wrap)}`);
    const table = wrap.querySelector(":scope > table.table:not(.table-keep)");
    if (!table) continue;
    for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
      const shown = [...row.cells].filter(c => c.getClientRects().length);
      const title = row.querySelector(":scope > .cell-title");
      if (!title || shown.length < 2) continue;
      const top = Math.min(...shown.map(c => c.getBoundingClientRect().top));
      const box = title.getBoundingClientRect(), card = row.getBoundingClientRect();
      if (box.top > top + 0.5 || box.width < card.width * 0.9) found.push(`卡片标题不在首行整宽：${name(title)}`);
      for (const cell of shown)
        if (cell !== title && !cell.classList.contains("cell-actions") && !cell.hasAttribute("colspan")
            && !cell.dataset.label) found.push(`单元格没有列名：${name(cell)}`);
    }
  }
  const buttons = "main .btn-primary, main .btn-outline-primary, main .btn-warning, main .btn-success";
  for (const button of document.querySelectorAll(buttons)) {
    if (!button.getClientRects().length) continue;  // not shown at this width
    button.scrollIntoView({block: "center", behavior: "instant"});
    const r = button.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.left < 0 || r.right > vw || !(hit && (button === hit || button.contains(hit))))
      found.push(`按钮不在屏幕上：${name(button)}`);
  }
  window.scrollTo(0, 0);
  const date = /^\\d{4}年\\d{1,2}月\\d{1,2}日/;
  for (const span of document.querySelectorAll("main span.text-nowrap")) {
    if (!date.test(span.textContent.trim()) || !span.getClientRects().length) continue;
    if (span.getClientRects().length > 1 || span.getBoundingClientRect().right > vw)
      found.push(`日期断行或超出：${name(span)}`);
  }
  return found;
}"""

MENU = """() => [...document.querySelectorAll("#mainnav .dropdown-menu a.dropdown-item[href]")]
  .map(a => a.getAttribute("href")).filter(h => h.startsWith("/") && !h.startsWith("/admin/"))"""


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def county(make_user):
    """A township's station with its keeper and a deputy, the office and a department; the deputy's suggestions
    in every state a phone shows (a draft with a long title, two at the department, one awaiting the deputy's
    evaluation); citizens' opinions at the station, one forwarded to the department; a reception day past and
    not yet recorded; a standing-committee meeting next week the deputy attends (列席), with an item and its
    papers."""
    from renda.core import clock
    from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory, ReceptionDayFactory
    from renda.opinions import services as opinions
    from renda.opinions.models import Channel
    from renda.org.tests.factories import CommitteeOfficeFactory, HandlingUnitFactory, TownshipFactory
    from renda.suggestions.tests import flow
    from renda.suggestions.tests.factories import SuggestionCategoryFactory

    township = TownshipFactory(name="羊场镇")
    station = LiaisonStationFactory(name="羊场镇人大代表联络站", township=township)
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory(name="张松", station=station))
    keeper = make_user(Role.KEEPER, station=station)
    office = make_user(Role.CLERK, office=CommitteeOfficeFactory())
    unit = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县住房和城乡建设局"))
    category = SuggestionCategoryFactory(name="城乡建设")

    flow.draft(deputy, title=LONG_TITLE, category=category)
    for title in ("关于改造羊场镇华洞村危桥的建议", "关于解决羊场镇五河村群众安全饮水问题的建议"):
        flow.assigned(office, deputy, lead=unit.handling_unit, title=title, category=category)
    flow.replied(office, deputy, unit, title="关于维修羊场镇桃塘小学校舍的建议", category=category)

    for title in ("羊场镇凤坝村垃圾桶满了没人收", "希望在羊场镇集镇增设路灯"):
        opinion = opinions.opinion_take(
            actor=keeper, channel=Channel.RECEPTION, title=title, content=f"{title}，请尽快解决。"
        )
    opinions.opinion_forward(opinion=opinion, lead=unit.handling_unit, actor=office)
    ReceptionDayFactory(
        station=station,
        deputies=[deputy.deputy],
        date=clock.today() - datetime.timedelta(days=3),
        announced_at=clock.now() - datetime.timedelta(days=20),
        topic="听取群众对农村公路建设的意见",
    )
    from renda.meetings import services as meetings
    from renda.meetings.models import ItemKind, MeetingKind
    from renda.org.tests.factories import TermFactory

    meeting = meetings.meeting_create(
        kind=MeetingKind.STANDING,
        term=TermFactory(),
        date=clock.today() + datetime.timedelta(days=7),
        place="县人大常委会会议室",
        actor=office,
    )
    meetings.agenda_item_add(
        meeting=meeting,
        kind=ItemKind.WORK_REPORT,
        title="审议县人民政府关于农村公路建设情况的报告",
        actor=office,
    )
    meetings.attendee_add(meeting=meeting, deputy=deputy.deputy, actor=office)
    # a member of the standing committee, and an appointment on the meeting for them to read before the vote
    from renda.appointments import services as appointments
    from renda.org.tests.factories import CommitteeMembershipFactory

    member = make_user(Role.MEMBER, Role.DEPUTY, deputy=CommitteeMembershipFactory(term=meeting.term).deputy)
    post = appointments.post_create(
        name="县住房和城乡建设局局长", organ="县住房和城乡建设局", kind="dept_head", actor=office
    )
    nominee = appointments.person_create(
        name="王建国", birth_month="1975.04", current_job="县住房和城乡建设局副局长", actor=office
    )
    appointment = appointments.appointment_nominate(
        term=meeting.term,
        kind="appoint",
        person=nominee,
        post=post,
        nominator="government_head",
        reason="工作需要",
        actor=office,
    )
    return {
        "deputy": deputy,
        "unit": unit,
        "keeper": keeper,
        "member": member,
        "opinion": opinion,
        "meeting": meeting,
        "appointment": appointment,
    }


def test_the_deputy_s_the_unit_s_and_the_keeper_s_pages_fit_a_phone(live_server, open_page, county):
    from playwright.sync_api import expect

    signed_in = open_page  # a phone unless a width is given

    def check(page, path) -> list[str]:
        response = page.goto(f"{live_server.url}{path}")
        if response is None or response.status != 200:
            return [f"{path}: HTTP {response and response.status}"]
        return [f"{path}: {problem}" for problem in page.evaluate(PROBLEMS)]

    from renda.suggestions.models import Suggestion

    suggestion = reverse("suggestions:detail", args=[Suggestion.objects.get(title=LONG_TITLE).pk])
    opinion = reverse("opinions:detail", args=[county["opinion"].pk])
    main_pages = {
        "deputy": [
            reverse("suggestions:mine"),
            "/",
            reverse("duties:mine"),
            suggestion,
            reverse("meetings:mine"),
            reverse("meetings:detail", args=[county["meeting"].pk]),
        ],
        "unit": [reverse("suggestions:todo"), "/", reverse("casework:deputies"), opinion],
        "keeper": ["/", reverse("opinions:list"), reverse("deputies:reception_list"), opinion],
    }
    # a member's pages of appointments (their other pages are the office's desktop pages)
    member_pages = [
        reverse("appointments:list"),
        reverse("appointments:detail", args=[county["appointment"].pk]),
        reverse("appointments:posts"),
        reverse("appointments:holders"),
        reverse("appointments:appraisals"),
        reverse("appointments:statistics"),
        "/public/appointments/",
    ]
    problems: list[str] = []
    seen: set[str] = set()  # a page of several menus is checked once, as the first role that has it
    for role, paths in main_pages.items():
        page = signed_in(county[role])
        menu = page.evaluate(MENU)
        for path in dict.fromkeys(paths + [p for p in menu if p not in seen]):
            problems += check(page, path)
            seen.add(path)
        page.context.close()
    page = signed_in(county["member"])
    for path in member_pages:
        problems += check(page, path)
    page.context.close()
    assert not problems, "\n".join(problems)

    # The lists seen: the deputy's cards (the long title first, 继续办理 and 评价 full width at the bottom), the
    # unit's to-do (签收 on every card), the keeper's reception days (登记接待情况).
    page = signed_in(county["deputy"])
    page.goto(f"{live_server.url}{reverse('suggestions:mine')}")
    card = page.locator("#results tbody tr", has_text=LONG_TITLE)
    expect(card.locator(".cell-title")).to_contain_text(LONG_TITLE)
    expect(card.locator("[data-label='状态']")).to_contain_text("草稿")
    for name in ("继续办理", "评价"):
        button = page.locator("#results").get_by_role("link", name=name, exact=True)
        box = button.bounding_box()
        assert box and box["width"] > WIDTH * 0.7, f"「{name}」不是整宽按钮：{box}"
    page.context.close()
    page = signed_in(county["unit"])
    page.goto(f"{live_server.url}{reverse('suggestions:todo')}")
    expect(page.locator("#results .cell-actions").get_by_role("button", name="签收")).to_have_count(2)
    page.context.close()
    page = signed_in(county["keeper"])
    page.goto(f"{live_server.url}{reverse('deputies:reception_list')}")
    record = page.get_by_role("link", name="登记接待情况")
    record.scroll_into_view_if_needed()
    expect(record).to_be_in_viewport()
    page.context.close()

    # On a wide screen the same list is a table again.
    page = signed_in(county["deputy"], width=1280, height=900)
    page.goto(f"{live_server.url}{reverse('suggestions:mine')}")
    cell = page.locator("#results tbody tr td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert page.locator("#results thead th").nth(1).is_visible()
    page.context.close()
