"""Citizens' opinions in a real browser at phone size (390 × 844), one browser context per person: a citizen sends
an opinion online and gets its tracking code, the station's keeper forwards it, the department signs for it and
answers, the keeper tells the citizen, the citizen rates the answer on the status page; a second opinion, taken
by the keeper at a reception day, is raised by the station's deputy into a draft suggestion. Every page fits the
phone's width and its primary buttons are on screen."""

import re

import pytest
from django.urls import reverse

from renda.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fits(page) -> None:
    """No horizontal scrolling, and the primary buttons of the page's content (filled or outlined) visible
    within the width. (Where the walk goes on by a button, clicking it also finds it visible.)"""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url}: 页面宽 {width}px，超出 {WIDTH}px"
    buttons = page.locator("main .btn-primary, main .btn-outline-primary")
    for i in range(buttons.count()):
        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert button.is_visible() and box is not None, f"{page.url}: 按钮「{button.inner_text()}」不可见"
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (
            f"{page.url}: 按钮「{button.inner_text()}」超出屏幕"
        )


def field(page, label: str):
    """The input labelled `label` (a required field's label ends with a star)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def test_an_opinion_from_the_phone_form_to_the_citizen_s_rating_and_another_raised_by_a_deputy(
    live_server, open_page, make_user
):
    from playwright.sync_api import expect

    from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory
    from renda.org.tests.factories import HandlingUnitFactory, TownshipFactory
    from renda.suggestions.tests.factories import SuggestionCategoryFactory

    township = TownshipFactory(name="城关镇")
    station = LiaisonStationFactory(name="城关镇人大代表联络站", township=township)
    SuggestionCategoryFactory(name="城乡建设")
    keeper = make_user(Role.KEEPER, station=station)
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory(name="陈红", station=station))
    officer = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县住房和城乡建设局"))

    def go(page, name, *args, query=""):
        page.goto(f"{live_server.url}{reverse(name, args=args)}{query}")
        fits(page)

    def open_as(user):
        page = open_page(user)
        fits(page)
        return page

    def click(page, role, name):
        page.get_by_role(role, name=name, exact=True).click()
        page.wait_for_load_state()
        fits(page)

    # A citizen sends an opinion from the public page, answering its question, and gets the tracking code.
    citizen = open_page()
    go(citizen, "opinions:submit")
    citizen.get_by_label("所在乡镇（街道）").select_option(label="城关镇")
    field(citizen, "村（社区）").fill("北街社区")
    field(citizen, "反映事项").fill("北街路灯不亮")
    field(citizen, "具体内容").fill("北街路灯坏了一个多月，晚上出行不便，希望尽快维修。")
    field(citizen, "联系电话").fill("13812345678")
    question = citizen.get_by_text(re.compile(r"验证问题")).first.inner_text()
    a, b = (int(n) for n in re.findall(r"\d+", question)[:2])
    citizen.get_by_label(re.compile(r"^验证问题")).fill(str(a + b))
    citizen.get_by_label(re.compile(r"^我同意")).check()
    click(citizen, "button", "提交")
    expect(citizen.get_by_role("heading", name="提交成功")).to_be_visible()
    code = citizen.locator(".display-6").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", code)

    # The keeper finds it on the workbench and forwards it to the housing bureau.
    station_page = open_as(keeper)
    fits(station_page)
    click(station_page, "link", "处理：北街路灯不亮")
    expect(station_page.get_by_role("heading", level=1)).to_have_text("北街路灯不亮")
    opinion_url = station_page.url
    click(station_page, "link", "转办")
    field(station_page, "主办单位").select_option(label="县住房和城乡建设局")
    click(station_page, "button", "提交")
    expect(station_page.locator("main")).to_contain_text("转办中")

    # The department signs for it and answers on the opinion's page.
    unit_page = open_as(officer)
    unit_page.goto(opinion_url)
    fits(unit_page)
    click(unit_page, "button", "签收")
    click(unit_page, "link", "答复")
    field(unit_page, "答复内容").fill("已更换北街路灯灯头六套，现已恢复照明。")
    field(unit_page, "签发人").fill("李局长")
    click(unit_page, "button", "提交")
    expect(unit_page.locator("main")).to_contain_text("待告知")

    # The keeper tells the citizen the answer by phone.
    station_page.goto(opinion_url)
    fits(station_page)
    click(station_page, "link", "告知群众")
    field(station_page, "告知方式").select_option(label="电话")
    field(station_page, "告知内容（部门答复摘要）").fill("已更换北街路灯灯头六套，现已恢复照明。")
    click(station_page, "button", "提交")
    expect(station_page.locator("main")).to_contain_text("待回访")

    # The citizen follows the code and rates the answer.
    click(citizen, "link", "查看办理进度")
    expect(citizen.locator("main")).to_contain_text("已更换北街路灯灯头六套")
    field(citizen, "联系电话后四位").fill("5678")
    citizen.get_by_role("radio", name="已解决", exact=True).check()
    citizen.get_by_role("radio", name="满意", exact=True).check()
    click(citizen, "button", "提交评价")
    expect(citizen.locator("main")).to_contain_text("感谢您的评价")
    expect(citizen.locator("main")).to_contain_text("已办结")

    # A second opinion, taken by the keeper at a reception day, is raised by the station's deputy.
    go(station_page, "opinions:take")
    field(station_page, "联系电话").fill("13987654321")
    field(station_page, "事项").fill("城关镇农贸市场周边停车难")
    field(station_page, "内容").fill("赶集日农贸市场周边车辆乱停，道路堵塞，希望规划停车场。")
    click(station_page, "button", "登记")
    expect(station_page.locator("main")).to_contain_text("待处理")

    deputy_page = open_as(deputy)
    go(deputy_page, "opinions:list")
    click(deputy_page, "link", "城关镇农贸市场周边停车难")
    click(deputy_page, "link", "转为代表建议")
    click(deputy_page, "button", "生成建议草稿")
    expect(deputy_page.get_by_role("heading", level=1)).to_contain_text("城关镇农贸市场周边停车难")
    expect(deputy_page.locator("main")).to_contain_text("草稿")
