"""The whole chain in a real browser, one browser context per user: the deputy submits, the office accepts
and assigns, the unit contacts the deputy and replies, the deputy is dissatisfied, the unit answers again,
and the deputy is satisfied. Then, on a phone's width, the office dismisses a confirmation (nothing is sent)
and picks units in the searchable multi-select."""

import re

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import PASSWORD
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions.tests.factories import ResultCategoryFactory, SuggestionCategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path


def test_suggestion_from_submission_to_satisfied_after_rehandling(live_server, browser, make_user):
    from playwright.sync_api import expect

    from renda.core.roles import Role
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.tests.factories import CommitteeOfficeFactory

    SuggestionCategoryFactory(name="交通运输")
    ResultCategoryFactory()
    unit = HandlingUnitFactory(name="县交通运输局")
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory(name="陈红"))
    clerk = make_user(Role.CLERK, office=CommitteeOfficeFactory())
    officer = make_user(Role.UNIT, handling_unit=unit)

    def open_as(user):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())  # 提交, 立案, 交办 ask first (data-confirm)
        page.goto(f"{live_server.url}{reverse('accounts:login')}")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    def go(page, name, *args):
        page.goto(f"{live_server.url}{reverse(name, args=args)}")

    # The deputy drafts and submits.
    deputy_page = open_as(deputy)
    go(deputy_page, "suggestions:create")
    deputy_page.fill("#id_title", "关于增开县城至石桥镇公交班次的建议")
    deputy_page.fill("#id_content", "石桥镇群众进城只有早晚两班车，建议增开班次。")
    deputy_page.select_option("#id_category", label="交通运输")
    deputy_page.get_by_role("button", name="保存草稿").click()
    expect(deputy_page.get_by_role("heading", level=1)).to_have_text("关于增开县城至石桥镇公交班次的建议")
    deputy_page.get_by_role("button", name="提交", exact=True).click()
    expect(deputy_page.locator("main")).to_contain_text("待审查")
    detail_url = deputy_page.url

    # The office accepts and assigns to the transport bureau.
    clerk_page = open_as(clerk)
    go(clerk_page, "suggestions:review")
    clerk_page.get_by_role("button", name="立案").click()
    clerk_page.goto(detail_url)
    expect(clerk_page.locator("main")).to_contain_text("已立案")
    clerk_page.get_by_role("link", name="交办", exact=True).click()
    clerk_page.fill("#id_meeting_name", "2026年闭会期间建议交办会")
    clerk_page.select_option("#id_rows-0-lead", label="县交通运输局")
    clerk_page.get_by_role("button", name="交办勾选的建议").click()
    clerk_page.goto(detail_url)
    expect(clerk_page.locator("main")).to_contain_text("办理中")

    # The unit accepts, contacts the deputy and replies with a generated letter.
    unit_page = open_as(officer)
    go(unit_page, "suggestions:todo")
    unit_page.get_by_role("button", name="签收").click()
    unit_page.get_by_role("link", name="联系代表").click()
    unit_page.fill("#id_summary", "电话联系陈红代表，听取意见。")
    unit_page.get_by_role("button", name="提交").click()
    unit_page.get_by_role("link", name="答复", exact=True).click()
    unit_page.select_option("#id_result_category", label="A类 已解决或基本解决")
    unit_page.fill("#id_text", "已与公交公司协商，每日增开两个班次。")
    unit_page.fill("#id_signer", "张局长")
    unit_page.fill("#id_document_number", "方交函〔2026〕8号")
    unit_page.fill("#id_contact_person", "王小明")
    unit_page.fill("#id_contact_phone", "0857-5221234")
    unit_page.check("#id_generate_letter")
    unit_page.get_by_role("button", name="预览答复函").click()  # the letter as it will be made, nothing sent
    expect(unit_page.locator(".reply-letter")).to_contain_text("联系人：王小明，联系电话：0857-5221234")
    unit_page.get_by_role("button", name="发送答复").click()
    expect(unit_page.locator("main")).to_contain_text("待评价")
    expect(unit_page.get_by_role("link", name="下载答复函")).to_be_visible()

    # The deputy is dissatisfied: one more round.
    deputy_page.goto(detail_url)
    deputy_page.get_by_role("link", name="评价").click()
    deputy_page.check("input[name=rating][value=dissatisfied]")
    deputy_page.fill("#id_comment", "班次仍不够，周末没有车。")
    deputy_page.get_by_role("button", name="提交").click()
    expect(deputy_page.locator("main")).to_contain_text("重新办理")

    # The unit answers again.
    go(unit_page, "suggestions:todo")
    expect(unit_page.locator("main")).to_contain_text("重新办理")
    unit_page.get_by_role("link", name="答复", exact=True).click()
    unit_page.select_option("#id_result_category", label="A类 已解决或基本解决")
    unit_page.fill("#id_text", "周末增开四个班次，已于本月起运行。")
    unit_page.fill("#id_signer", "张局长")
    unit_page.get_by_role("button", name="发送答复").click()
    expect(unit_page.locator("main")).to_contain_text("第2轮")

    # The deputy is satisfied: closed.
    deputy_page.goto(detail_url)
    deputy_page.get_by_role("link", name="评价").click()
    deputy_page.check("input[name=rating][value=satisfied]")
    deputy_page.get_by_role("button", name="提交").click()
    expect(deputy_page.locator("main")).to_contain_text("已办结")
    expect(deputy_page.locator("#timeline-title")).to_be_visible()
    expect(deputy_page.locator("main")).to_contain_text("周末增开四个班次")


def test_a_dismissed_confirmation_sends_nothing_and_units_are_found_by_typing(
    live_server, browser, make_user
):
    """Issue 11 items 5 and 6, at 390 px: dismissing 立案's question leaves the case as it was; the 交办 page has
    the recommended lead unit chosen, and typing in a unit field filters the units, the one picked is sent."""
    from playwright.sync_api import expect

    from renda.casework.models import AssignmentRole
    from renda.core.roles import Role
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.tests.factories import CommitteeOfficeFactory
    from renda.suggestions import services
    from renda.suggestions.models import State, Suggestion
    from renda.suggestions.tests import flow

    water = HandlingUnitFactory(name="县水务局")
    HandlingUnitFactory(name="县教育局")
    HandlingUnitFactory(name="县自然资源局")
    clerk = make_user(Role.CLERK, office=CommitteeOfficeFactory())
    services.unit_keyword_create(keyword="饮水", unit=water, weight=5, actor=clerk)
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory())
    case = flow.submitted(deputy, title="关于解决坪寨村安全饮水的建议")

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{live_server.url}{reverse('suggestions:review')}")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="立案").click()
    expect(page.get_by_role("button", name="立案")).to_be_visible()
    assert asked == ["确定立案？此操作不可撤回。"]
    assert Suggestion.objects.get(pk=case.pk).state == State.SUBMITTED  # dismissed: nothing was sent

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="立案").click()
    expect(page.locator("main")).to_contain_text("已立案")
    page.goto(f"{live_server.url}{reverse('suggestions:assign')}?ids={case.pk}")
    expect(page.locator("#id_rows-0-lead")).to_have_value(str(water.pk))  # the recommended lead unit
    page.fill("#id_meeting_name", "2026年闭会期间建议交办会")
    search = page.locator("#id_rows-0-joint-ts-control")  # Tom Select's input for the 会办单位 field
    search.click()
    search.press_sequentially("自然")
    options = page.locator(".ts-dropdown:visible .option")
    expect(options).to_have_count(1)
    expect(options).to_have_text("县自然资源局")
    options.first.click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="交办勾选的建议").click()
    expect(page.locator("main")).to_contain_text("交办1件建议")
    assert {(a.unit.name, a.role) for a in case.assignments.all()} == {
        ("县水务局", AssignmentRole.LEAD),
        ("县自然资源局", AssignmentRole.JOINT),
    }
    context.close()


def test_the_office_enters_a_paper_suggestion_finding_its_deputies_by_pinyin(live_server, browser, make_user):
    """The deputy pickers hold no option until one types (a province has 100,000 deputies): 'zs' asks the
    server, 张三 is picked as the lead deputy and 李四 as a co-signer, and the suggestion is entered."""
    from playwright.sync_api import expect

    from renda.core.roles import Role
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.tests.factories import CommitteeOfficeFactory
    from renda.suggestions.models import Suggestion

    zhang, li = DeputyFactory(name="张三"), DeputyFactory(name="李四")
    DeputyFactory(name="王五")
    clerk = make_user(Role.CLERK, office=CommitteeOfficeFactory())
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{live_server.url}{reverse('suggestions:create')}")
    for field, typed, name in (("lead_deputy", "zs", "张三"), ("cosigners", "li", "李四")):
        search = page.locator(f"#id_{field}-ts-control")
        search.click()
        search.press_sequentially(typed)
        options = page.locator(".ts-dropdown:visible .option")
        expect(options).to_have_count(1)
        expect(options).to_contain_text(name)
        options.first.click()
        search.press("Escape")
    page.fill("#id_title", "关于修缮石桥镇中心小学围墙的建议")
    page.fill("#id_content", "围墙多处开裂，存在安全隐患，建议尽快修缮。")
    page.get_by_label("已核对纸质建议上的代表签名").check()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于修缮石桥镇中心小学围墙的建议")
    entered = Suggestion.objects.get(title="关于修缮石桥镇中心小学围墙的建议")
    assert entered.lead_deputy == zhang
    assert [c.deputy for c in entered.cosigners.all()] == [li]
    context.close()
