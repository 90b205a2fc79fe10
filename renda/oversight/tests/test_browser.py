"""A work report's closed loop in a real browser: the office sends the deliberation opinions; the body, on its
phone (390 × 844), signs for them on its 工作台, sends its rectification list and answers with its handling report;
the satisfaction vote fails (played through the services: the voting has its own browser test); the body's second
report comes on paper and the office enters it at its desk; the vote passes; the office looks back (回头看), enters
the measure done from the body's paper and closes it (销号), and the item is closed."""

import datetime

import pytest

from renda.core import clock
from renda.oversight.models import ItemState, Rectification
from renda.oversight.tests.conftest import heard, rate, second_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_work_report_from_the_opinions_to_the_last_rectification_closed_in_the_browser(
    live_server, open_page, term, plan, meeting, committee, office, body_user, make_user
):
    from playwright.sync_api import expect

    item = heard(plan, meeting, committee, office)
    url = f"{live_server.url}{item.get_absolute_url()}"

    def submit(page) -> None:
        page.locator("main form button[type=submit]").click()

    # the office sends the opinions
    desk = open_page(office, width=1280, height=800)
    desk.goto(url)
    desk.get_by_role("link", name="交办审议意见").click()
    desk.get_by_label("审议意见").fill("一、加大黑臭水体整治力度；二、……")
    submit(desk)
    expect(desk.locator(".alert-success")).to_contain_text("已交办审议意见")

    # the body, on its phone: the opinion on its 工作台, signed for, the rectification list, the report
    phone = open_page(body_user)
    expect(phone.locator("main")).to_contain_text("审议意见")
    phone.goto(url)
    phone.get_by_role("button", name="签收").click()
    expect(phone.locator(".alert-success")).to_contain_text("已签收审议意见")
    phone.get_by_role("link", name="报送整改清单").click()
    phone.get_by_label("针对的问题").select_option(index=1)  # the first problem of the list
    phone.get_by_label("整改措施").fill("整治城区黑臭水体")
    phone.get_by_label("责任人").fill("张局长")
    phone.get_by_label("完成时限").fill((clock.today() + datetime.timedelta(days=60)).isoformat())
    submit(phone)
    expect(phone.locator(".alert-success")).to_contain_text("已列入整改清单")
    phone.get_by_role("link", name="报送研究处理情况报告").click()
    phone.get_by_label("研究处理情况报告").fill("一、已制定整改方案；二、……")
    phone.get_by_label("签发人").fill("王局长")
    submit(phone)
    expect(phone.locator("main")).to_contain_text("已报告办理情况")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone
    item.refresh_from_db()
    assert (item.state, item.rounds) == (ItemState.REPORTED, 1)

    # the standing committee is not satisfied (满意 and 基本满意 not over half of all members)
    day = clock.today() + datetime.timedelta(days=1)
    m2 = second_meeting(term, committee, office, day=day)
    item = rate(item, m2, committee, office, make_user, {"满意": 2, "基本满意": 2, "不满意": 16}, day=day)
    assert item.state == ItemState.FAILED

    # the second report comes on paper: the office enters it with the body's signer
    desk.goto(url)
    desk.get_by_role("link", name="报送研究处理情况报告").click()
    desk.get_by_label("研究处理情况报告").fill("再次报告：黑臭水体已完成清淤。")
    submit(desk)
    expect(desk.locator("main")).to_contain_text("请填写被监督单位的签发人")  # beside the field, nothing lost
    expect(desk.get_by_label("研究处理情况报告")).to_have_value("再次报告：黑臭水体已完成清淤。")
    desk.get_by_label("签发人").fill("王局长")
    submit(desk)
    expect(desk.locator("main")).to_contain_text("据纸质材料代为登记")
    item = rate(item, m2, committee, office, make_user, {"满意": 15, "基本满意": 3, "不满意": 2}, day=day)
    assert item.state == ItemState.FOLLOW_UP

    # follow-up, the measure reported done (on paper), closed: the item is closed
    desk.goto(url)
    desk.get_by_role("link", name="跟踪监督（回头看）").click()
    desk.get_by_label("情况说明").fill("回头看：已复查整改现场。")
    submit(desk)
    desk.get_by_role("link", name="报告整改完成").click()
    desk.get_by_label("情况说明").fill("已按期完成整改。")
    submit(desk)
    desk.get_by_role("button", name="销号").click()
    expect(desk.locator("main")).to_contain_text("已销号")
    item.refresh_from_db()
    assert item.state == ItemState.CLOSED
    assert not Rectification.objects.filter(item=item).exclude(state="closed").exists()
    desk.context.close()
    phone.context.close()
