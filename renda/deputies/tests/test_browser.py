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
