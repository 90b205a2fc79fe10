"""The pages of duty records as each party uses them: the deputy's workspace on a phone, the record and its Word
file, the ranking and its export, entries and reports with their forms, the ballot reached by QR code, and the
public pages without an account."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.duties import services
from renda.duties.models import Ballot, DutyEntry, DutyReport, EntryState, ReportState
from renda.duties.tests import world
from renda.duties.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def year(time_machine, deputy, colleague, keeper, office):
    report = world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    time_machine.move_to(TODAY, tick=False)
    return report


def page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


# ---------------------------------------------------------------- the deputy's workspace


def test_the_workspace_shows_what_is_coming_what_is_owed_the_points_and_the_year(client, deputy, year):
    response = page(client, deputy, "duties:mine")
    text = response.content.decode()
    assert response.status_code == 200
    assert "本年度已接待1次，还需1次（已安排1次）" in text
    assert "本届已向选民述职1次，已达到每届1次的要求" in text
    assert f"{world.EXPECTED_POINTS}<span" in text and "排第1名" in text
    assert "2025年6月20日" in text  # the reception day to come
    assert "北街路灯不亮" in text and "走访北街选民" in text and "关于增设北街公交站点的建议" in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "table-responsive" not in text  # lists, not wide tables, on a phone


def test_the_workspace_is_the_deputy_s_own_only(client, office, keeper):
    assert page(client, office, "duties:mine").status_code == 404
    assert page(client, keeper, "duties:mine").status_code == 404
    client.logout()
    assert client.get(reverse("duties:mine")).status_code == 302


def test_the_workspace_takes_a_fixed_number_of_queries(
    client, deputy, colleague, keeper, office, time_machine, django_assert_max_num_queries
):
    client.force_login(deputy)
    with django_assert_max_num_queries(30) as empty:
        client.get(reverse("duties:mine"))
    world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    time_machine.move_to(TODAY, tick=False)
    with django_assert_max_num_queries(len(empty)):
        client.get(reverse("duties:mine"))


# ---------------------------------------------------------------- the record, the ranking


def test_a_deputy_opens_their_own_record_and_gets_404_for_another(client, deputy, colleague, year):
    assert page(client, deputy, "duties:record", deputy.deputy.pk).status_code == 200
    assert page(client, deputy, "duties:record", colleague.deputy.pk).status_code == 404
    assert page(client, deputy, "duties:record_docx", colleague.deputy.pk).status_code == 404


def test_the_office_downloads_the_printed_record(client, office, deputy, year):
    response = page(client, office, "duties:record_docx", deputy.deputy.pk, year=2025)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(response.content))
    assert "代表履职档案" in document.paragraphs[0].text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "王秀英" in cells and str(world.EXPECTED_POINTS) in cells


def test_the_ranking_page_and_its_export(client, committee_member, deputy, year):
    response = page(client, committee_member, "duties:ranking", year=2025)
    text = response.content.decode()
    assert response.status_code == 200 and text.index("王秀英") < text.index("李建国")
    export = page(client, committee_member, "duties:ranking", year=2025, export="xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("名次", "姓名", "乡镇（街道）") and rows[0][-1] == "积分"
    assert rows[1][:2] == (1, "王秀英") and rows[1][-1] == world.EXPECTED_POINTS
    assert "领衔提出建议" in rows[0] and rows[1][rows[0].index("领衔提出建议")] == 2


def test_the_ranking_is_for_the_office_and_members(client, deputy, keeper):
    assert page(client, deputy, "duties:ranking").status_code == 403
    assert page(client, keeper, "duties:ranking").status_code == 403


def test_the_ranking_page_takes_a_fixed_number_of_queries(client, office, django_assert_max_num_queries):
    from renda.deputies.tests.factories import DeputyFactory

    client.force_login(office)
    DeputyFactory.create_batch(2)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("duties:ranking"))
    DeputyFactory.create_batch(20)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("duties:ranking"))


# ---------------------------------------------------------------- entries


def test_a_deputy_reports_an_entry_on_the_page_and_the_office_approves_it(client, deputy, office):
    client.force_login(deputy)
    form = client.get(reverse("duties:entry_new"))
    assert form.status_code == 200 and 'name="deputy"' not in form.content.decode()
    response = client.post(
        reverse("duties:entry_new"),
        {
            "kind": "contact_voters",
            "title": "走访北街选民",
            "date": "2025-06-01",
            "description": "走访十户。",
            "proof": world.proof(),
        },
    )
    entry = DutyEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "duties:entry_detail", args=[entry.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    assert "撤回" in detail and "认定</a>" not in detail
    proof = client.get(reverse("duties:entry_proof", args=[entry.pk]))
    assert proof.status_code == 200 and b"".join(proof.streaming_content).startswith(b"\x89PNG")
    client.force_login(office)
    assert "不予认定" in client.get(reverse("duties:entry_detail", args=[entry.pk])).content.decode()
    client.post(reverse("duties:entry_approve", args=[entry.pk]), {"note": ""})
    entry.refresh_from_db()
    assert entry.state == EntryState.APPROVED
    listing = client.get(reverse("duties:entry_list"), {"state": "approved"}).content.decode()
    assert "走访北街选民" in listing


def test_an_entry_form_shows_its_errors_beside_the_fields(client, deputy):
    client.force_login(deputy)
    response = client.post(
        reverse("duties:entry_new"),
        {
            "kind": "publicity",
            "title": "宣讲",
            "date": "2025-07-01",
            "description": "讲了",
            "proof": world.proof(),
        },
    )
    assert response.status_code == 200 and "日期不能晚于今天。" in response.content.decode()
    assert DutyEntry.objects.count() == 0


def test_another_deputy_s_entry_and_its_proof_are_404(client, deputy, colleague):
    entry = world.entry(deputy)
    client.force_login(colleague)
    for name in ("duties:entry_detail", "duties:entry_proof", "duties:entry_edit", "duties:entry_approve"):
        assert client.get(reverse(name, args=[entry.pk])).status_code == 404


def test_the_office_may_not_edit_a_deputy_s_entry(client, deputy, office):
    entry = world.entry(deputy)
    client.force_login(office)
    assert client.get(reverse("duties:entry_edit", args=[entry.pk])).status_code == 403


# ---------------------------------------------------------------- reports to voters, the QR ballot


def test_the_keeper_runs_a_report_from_schedule_to_close_on_the_pages(client, keeper, deputy):
    client.force_login(keeper)
    form = client.get(reverse("duties:report_new")).content.decode()
    assert "城关镇人大代表联络站" in form
    client.post(
        reverse("duties:report_new"),
        {
            "station": keeper.station.pk,
            "date": "2025-06-08",
            "place": "北街社区",
            "deputies": [deputy.deputy.pk],
        },
    )
    report = DutyReport.objects.get()
    detail = client.get(reverse("duties:report_detail", args=[report.pk])).content.decode()
    assert "登记述职情况" in detail
    client.post(reverse("duties:report_hold", args=[report.pk]), {"voters_present": 5, "report_text": "述职"})
    client.post(
        reverse("duties:report_ratings", args=[report.pk]),
        {"satisfied": 2, "basically_satisfied": 0, "dissatisfied": 1},
    )
    issued = client.post(reverse("duties:report_ballots", args=[report.pk]), {"count": 2})
    assert issued["Location"] == reverse("duties:report_ballot_sheet", args=[report.pk])
    sheet = client.get(issued["Location"]).content.decode()
    tokens = re.findall(r"/duties/rate/([\w-]+)/", sheet)
    assert sheet.count("<svg") == 2 and len(set(tokens)) == 2
    assert set(tokens) == set(Ballot.objects.values_list("token", flat=True))
    client.logout()
    first = reverse("duties:rate", args=[tokens[0]])
    assert "您对代表述职的评价" in client.get(first).content.decode()
    assert "感谢您的评议" in client.post(first, {"rating": "satisfied"}).content.decode()
    again = client.post(first, {"rating": "dissatisfied"}).content.decode()
    assert "已经使用过" in again
    assert (
        Ballot.objects.filter(rating="satisfied").count() == 1
        and Ballot.objects.filter(rating="").count() == 1
    )
    client.force_login(keeper)
    client.post(reverse("duties:report_close", args=[report.pk]), {})
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED
    detail = client.get(reverse("duties:report_detail", args=[report.pk])).content.decode()
    assert "满意3、基本满意0、不满意1" in detail and "75%" in detail
    client.logout()
    closed = client.get(reverse("duties:rate", args=[tokens[1]])).content.decode()
    assert "评议已经结束" in closed


def test_an_unknown_ballot_token_is_a_404_page(client):
    response = client.get(reverse("duties:rate", args=["nope"]))
    assert response.status_code == 404 and "评议码无效" in response.content.decode()


def test_another_station_s_keeper_gets_404_for_a_report(client, keeper, other_keeper, deputy):
    report = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 8), place="北街", deputies=[deputy.deputy], actor=keeper
    )
    client.force_login(other_keeper)
    for name in ("duties:report_detail", "duties:report_hold", "duties:report_ballots"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404


def test_a_move_the_state_does_not_allow_goes_back_to_the_record_with_the_reason(client, keeper, deputy):
    """A stale link (a report already held, one not yet due, an entry already withdrawn) is not an error page."""
    held = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 1))
    later = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 20), place="北街", deputies=[deputy.deputy], actor=keeper
    )
    client.force_login(keeper)
    for name, report in (
        ("duties:report_edit", held),
        ("duties:report_cancel", held),
        ("duties:report_hold", later),
        ("duties:report_close", later),
    ):
        response = client.get(reverse(name, args=[report.pk]), follow=True)
        assert response.redirect_chain == [(reverse("duties:report_detail", args=[report.pk]), 302)], name
    assert (
        "当前状态为「评议中」，不能修改。"
        in client.get(reverse("duties:report_edit", args=[held.pk]), follow=True).content.decode()
    )
    assert (
        "尚未到来" in client.get(reverse("duties:report_hold", args=[later.pk]), follow=True).content.decode()
    )
    entry = world.entry(deputy)
    services.duty_entry_withdraw(entry=entry, actor=deputy)
    client.force_login(deputy)
    again = client.post(reverse("duties:entry_withdraw", args=[entry.pk]))
    assert again.status_code == 302 and again["Location"] == reverse("duties:entry_detail", args=[entry.pk])


def test_the_office_sees_who_owes_a_report_this_term(client, office, deputy, colleague, keeper, year):
    text = page(client, office, "duties:owing").content.decode()
    assert "李建国" in text and "王秀英" not in text
    export = page(client, office, "duties:owing", export="xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "李建国"


def test_default_scope_the_ranking_the_owing_list_and_its_to_do_start_from_the_users_own_congress(
    client, office, deputy, colleague, term, year
):
    """Serving county deputies for the county's office by default (deputies.selectors.deputies_in_scope); the
    township congresses' deputies one choice away; resigned deputies never ranked nor owing."""
    from renda.core.todos import todos_for
    from renda.deputies.choices import DeputyStatus, Level
    from renda.deputies.tests.factories import DeputyFactory

    township = DeputyFactory(name="赵乡级", level=Level.TOWNSHIP)
    resigned = DeputyFactory(name="钱辞职", status=DeputyStatus.RESIGNED)
    for other in (township, resigned):
        other.terms.add(term)

    ranking = page(client, office, "duties:ranking", year=2025)
    ranked = [d.name for d in ranking.context["object_list"]]
    assert ranked == ["王秀英", "李建国"] and "共 2 名在任县级代表" in ranking.content.decode()
    assert [d.name for d in page(client, office, "duties:ranking", year=2025, level="township").context[
        "object_list"
    ]] == ["赵乡级"]  # fmt: skip
    owing = page(client, office, "duties:owing")
    assert [d.name for d in owing.context["object_list"]] == ["李建国"]
    assert '<option value="own" selected>本级（县级）</option>' in owing.content.decode()
    assert [d.name for d in page(client, office, "duties:owing", level="all").context["object_list"]] == [
        "李建国",
        "赵乡级",
    ]
    assert "1名在任县级代表本届尚未向选民述职" in [item.title for item in todos_for(office)]


# ---------------------------------------------------------------- public pages (代表法 Art. 58)


def test_the_public_page_shows_public_information_and_figures_never_phone_id_or_address(client, deputy, year):
    response = client.get(reverse("duties:public_deputy", args=[deputy.deputy.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "王秀英代表" in text and "城关镇北街社区党委书记" in text and "领衔提出建议" in text
    assert "2件" in text and "向选民述职" in text
    assert "13912345678" not in text and "5678" not in text and "手机" not in text
    assert "身份证" not in text and "住址" not in text and "出生" not in text
    assert "积分" not in text  # the points are the office's, not published


def test_the_public_index_lists_deputies_in_office_only_and_links_their_pages(client, deputy, colleague):
    from renda.deputies.choices import DeputyStatus

    colleague.deputy.status = DeputyStatus.RESIGNED
    colleague.deputy.save()
    text = client.get(reverse("duties:public_index")).content.decode()
    assert reverse("duties:public_deputy", args=[deputy.deputy.pk]) in text and "李建国" not in text
    assert client.get(reverse("duties:public_deputy", args=[colleague.deputy.pk])).status_code == 404
    assert (
        "王秀英" in client.get(reverse("duties:public_index"), {"q": "wxy"}).content.decode()
    )  # pinyin initials
    assert "13912345678" not in text


def test_the_public_index_is_linked_beside_the_public_replies_in_the_navigation(client, make_user):
    client.force_login(make_user(Role.MEMBER))
    text = client.get(reverse("home")).content.decode()
    assert reverse("public_replies") in text and reverse("duties:public_index") in text
    index = client.get(reverse("duties:public_index")).content.decode()
    assert reverse("public_replies") in index


def test_list_pages_ignore_a_year_they_cannot_count(client, office):
    client.force_login(office)
    for name in ("duties:report_list", "duties:entry_list"):
        assert client.get(reverse(name), {"year": "0"}).status_code == 200
