"""Defaults of the demo county as `seed_demo` makes it (issue 11): lists, figures and to-dos about deputies start
from the serving deputies of the congress the user works for, the other level and ended deputies one choice
away; the standing committee member's 工作台 has what is theirs, and every link on it works."""

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.deputies.choices import DeputyStatus, Level
from renda.deputies.models import Deputy
from renda.deputies.selectors import deputies_short_of_receptions
from renda.duties.selectors import deputies_owing_reports
from renda.org.selectors import term_current

pytestmark = pytest.mark.django_db


def test_default_scope_serving_county_deputies_on_the_demo_countys_registry_statistics_and_to_dos(
    demo, demo_user, client
):
    clerk = demo_user("clerk")
    client.force_login(clerk)
    serving_county = Deputy.objects.filter(level=Level.COUNTY, status=DeputyStatus.ACTIVE)
    serving = serving_county.count()
    assert 0 < serving <= 250 < Deputy.objects.count()

    registry = client.get(reverse("deputies:deputy_list"))
    assert registry.context["total"] == serving
    assert f"共 {serving} 名在任县级代表" in registry.content.decode()
    assert {(d.level, d.status) for d in registry.context["object_list"]} == {
        (Level.COUNTY, DeputyStatus.ACTIVE)
    }
    composition = client.get(reverse("deputies:composition"))
    assert composition.context["total"] == serving
    assert f"共 <strong>{serving}</strong> 名在任县级代表" in composition.content.decode()

    township = client.get(reverse("deputies:deputy_list"), {"level": Level.TOWNSHIP})
    assert (
        township.context["total"]
        == Deputy.objects.filter(level=Level.TOWNSHIP, status=DeputyStatus.ACTIVE).count()
    )
    everyone = client.get(reverse("deputies:composition"), {"level": "all", "status": "all"})
    assert everyone.context["total"] == Deputy.objects.count() == 2050
    ended = client.get(reverse("deputies:deputy_list"), {"level": "all", "status": "ended"})
    assert ended.context["total"] == Deputy.objects.exclude(status=DeputyStatus.ACTIVE).count() > 0

    todos = {item.title: item for item in client.get(reverse("home")).context["todos"]}
    short = deputies_short_of_receptions(serving_county, timezone.localdate().year).count()
    title = f"{short}名在任县级代表今年进站接待选民不足2次"
    assert title in todos
    assert client.get(todos[title].url).context["total"] == short
    term = term_current()
    if term is not None:
        owing = deputies_owing_reports(term).filter(level=Level.COUNTY).count()
        if owing:
            title = f"{owing}名在任县级代表本届尚未向选民述职"
            assert title in todos
            assert client.get(todos[title].url).context["paginator"].count == owing


def test_the_members_workbench_has_what_is_theirs_and_its_links_work(demo, demo_user, client):
    member = demo_user("member")
    client.force_login(member)
    response = client.get(reverse("home"))
    todos, shortcuts = response.context["todos"], response.context["shortcuts"]
    labels = {shortcut.label: shortcut.url for shortcut in shortcuts}

    assert todos, "常委会组成人员的工作台没有待办事项"
    assert any(item.title.startswith("督办建议办理：") for item in todos)
    assert labels["我的履职档案"] == reverse("duties:record", args=[member.deputy_id])
    assert {"督办看板", "驾驶舱", "履职积分排名", "代表述职", "群众意见热点"} <= set(labels)
    for url in [item.url for item in todos] + list(labels.values()):
        assert client.get(url).status_code == 200, url
