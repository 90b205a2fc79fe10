"""The registry in a real browser: sign in as a clerk, find a deputy by pinyin initials, edit, see the history."""

import re

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import PASSWORD
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_finds_a_deputy_by_pinyin_edits_and_sees_the_history(live_server, browser, clerk):
    from playwright.sync_api import expect

    DeputyFactory(name="张三", occupation="某村党支部书记").terms.add(TermFactory())
    DeputyFactory(name="李四")
    DeputyFactory(name="王五")
    page = browser.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{live_server.url}{reverse('deputies:deputy_list')}")
    search = page.get_by_label("姓名", exact=True)
    search.fill("zs")
    search.press("Enter")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="李四")).to_have_count(0)
    results.get_by_role("link", name="张三").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("张三")

    page.get_by_role("link", name="修改信息").click()
    page.get_by_label("工作单位及职务").fill("某镇农技站站长")
    page.get_by_role("button", name="保存").click()

    history = page.locator("#history")
    expect(history).to_contain_text("工作单位及职务：某村党支部书记 → 某镇农技站站长")
    expect(history).to_contain_text(clerk.display_name)


def test_the_office_picks_deputies_for_a_reception_day_and_a_group_by_typing(live_server, browser, clerk):
    """A province has 100,000 deputies: the pickers hold only the station's own deputies before one types
    (王五 resides at the station), find others by pinyin ('zs' finds 张三 alone, replacing what was offered),
    and an edited group shows its members chosen, keeps them and adds one found by typing."""
    import datetime

    from playwright.sync_api import expect

    from renda.core import clock
    from renda.deputies.models import DeputyGroup, ReceptionDay
    from renda.deputies.tests.factories import DeputyGroupFactory, LiaisonStationFactory

    station = LiaisonStationFactory(name="石桥镇代表联络站")
    wang = DeputyFactory(name="王五", station=station)
    zhang, li = DeputyFactory(name="张三"), DeputyFactory(name="李四")
    DeputyFactory(name="赵六")
    group = DeputyGroupFactory(name="财经组", leader=wang)
    group.members.set([wang])
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{live_server.url}{reverse('deputies:reception_create')}?station={station.pk}")
    search = page.locator("#id_deputies-ts-control")
    search.click()
    options = page.locator(".ts-dropdown:visible .option")
    expect(options).to_have_count(1)  # the station's own deputy, before typing
    options.first.click()
    search.press_sequentially("zs")
    expect(options).to_have_count(1)
    expect(options).to_contain_text("张三")
    options.first.click()
    search.press("Escape")
    on = clock.today() + datetime.timedelta(days=10)
    page.fill("#id_date", on.isoformat())
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "11:30")
    page.get_by_role("heading", level=1).click()  # the picker leaves the focus and settles
    page.get_by_role("button", name="公告接待日").click()
    expect(page).not_to_have_url(re.compile(r"/receptions/new/"))
    assert set(ReceptionDay.objects.get().deputies.all()) == {wang, zhang}

    page.goto(f"{live_server.url}{reverse('deputies:group_edit', args=[group.pk])}")
    members, box = (
        page.locator("#id_members-ts-control"),
        page.locator(".ts-control:has(#id_members-ts-control)"),
    )
    expect(box.locator(".item")).to_have_count(1)
    expect(box.locator(".item")).to_contain_text("王五")
    size = box.bounding_box()
    assert size is not None
    # the box's right end: its centre may be a chosen member's remove button (×), as long labels go
    box.click(position={"x": size["width"] - 8, "y": size["height"] / 2})
    members.press_sequentially("ls")
    expect(options).to_have_count(1)
    expect(options).to_contain_text("李四")
    options.first.click()
    members.press("Escape")
    page.get_by_role("heading", level=1).click()
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/$"))
    assert set(DeputyGroup.objects.get(pk=group.pk).members.all()) == {wang, li}
    page.close()
