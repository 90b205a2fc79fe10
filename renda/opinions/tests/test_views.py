"""The pages of citizens' opinions, as each party uses them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from renda.core import clock
from renda.core.human import read_challenge
from renda.opinions.models import Opinion, PersonalDataView, State
from renda.opinions.tests.test_opinions import forwarded, informed, taken

pytestmark = pytest.mark.django_db


def _answer(page) -> dict:
    """Fill the public form's question from the challenge the page signed."""
    form = page.context["form"]
    a, b = read_challenge(form["challenge"].value())
    return {"answer": a + b, "challenge": form["challenge"].value()}


def test_a_citizen_sends_an_opinion_without_an_account_and_follows_it_by_code(client, township, station):
    page = client.get(reverse("opinions:submit"))
    assert page.status_code == 200
    data = {
        "township": township.pk,
        "title": "北街路灯不亮",
        "content": "路灯坏了一个月。",
        "citizen_phone": "13812345678",
        "citizen_name": "王建国",
        "consent": "on",
        **_answer(page),
    }
    done = client.post(reverse("opinions:submit"), data)
    opinion = Opinion.objects.get()
    assert done.status_code == 200 and opinion.tracking_code in done.content.decode()
    status = client.get(reverse("opinions:track"), {"code": opinion.tracking_code.lower()})
    text = status.content.decode()
    assert "北街路灯不亮" in text and "待处理" in text
    assert "王建国" not in text and "13812345678" not in text and "5678" not in text  # no personal data


def test_the_public_form_refuses_a_wrong_answer_and_a_robot(client, township):
    page = client.get(reverse("opinions:submit"))
    data = {
        "township": township.pk,
        "title": "事项",
        "content": "内容",
        "citizen_phone": "13812345678",
        "consent": "on",
    }
    wrong = client.post(reverse("opinions:submit"), {**data, **_answer(page), "answer": 999})
    assert "验证问题回答不正确" in wrong.content.decode()
    robot = client.post(reverse("opinions:submit"), {**data, **_answer(page), "website": "http://spam"})
    assert robot.status_code == 200 and Opinion.objects.count() == 0


def test_the_citizen_rates_the_answer_on_the_status_page_with_the_phone_s_last_digits(
    client, keeper, officer
):
    opinion = informed(keeper, officer)
    url = f"{reverse('opinions:track')}?code={opinion.tracking_code}"
    wrong = client.post(url, {"phone_tail": "0000", "resolved": "1", "satisfaction": "satisfied"})
    assert "与登记的联系电话不符" in wrong.content.decode()
    client.post(url, {"phone_tail": "5678", "resolved": "1", "satisfaction": "satisfied"})
    opinion.refresh_from_db()
    assert opinion.state == State.CLOSED


def test_a_keeper_takes_an_opinion_on_a_phone_form_and_sees_the_code(client, keeper):
    client.force_login(keeper)
    page = client.get(reverse("opinions:take"))
    assert page.status_code == 200 and 'inputmode="tel"' in page.content.decode()
    done = client.post(
        reverse("opinions:take"),
        {
            "channel": "reception",
            "citizen_phone": "13812345678",
            "title": "路灯",
            "content": "路灯坏了",
            "received_on": clock.today().isoformat(),
        },
    )
    opinion = Opinion.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("opinions:detail", args=[opinion.pk])
    detail = client.get(done["Location"]).content.decode()
    assert opinion.tracking_code in detail and "138****5678" in detail and "13812345678" not in detail


def test_revealing_personal_data_is_logged_and_only_for_those_who_may(client, keeper, officer, office):
    opinion = forwarded(keeper, officer)
    client.force_login(officer)
    assert (
        "13812345678"
        not in client.get(reverse("opinions:detail", args=[opinion.pk]), {"reveal": "1"}).content.decode()
    )
    assert PersonalDataView.objects.count() == 0
    client.force_login(keeper)
    assert (
        "13812345678"
        in client.get(reverse("opinions:detail", args=[opinion.pk]), {"reveal": "1"}).content.decode()
    )
    assert PersonalDataView.objects.get().viewer == keeper


def test_other_stations_and_units_get_404(client, keeper, other_keeper, officer, other_officer):
    opinion = forwarded(keeper, officer)
    for user in (other_keeper, other_officer):
        client.force_login(user)
        assert client.get(reverse("opinions:detail", args=[opinion.pk])).status_code == 404
        assert client.get(reverse("opinions:forward", args=[opinion.pk])).status_code == 404


def test_every_step_has_its_page_for_the_party_that_takes_it(client, keeper, officer, office, deputy):
    opinion = taken(keeper)
    client.force_login(keeper)
    for name in ["edit", "answer_on_spot", "redirect", "merge", "forward"]:
        assert client.get(reverse(f"opinions:{name}", args=[opinion.pk])).status_code == 200, name
    client.post(reverse("opinions:forward", args=[opinion.pk]), {"lead": officer.handling_unit_id})
    opinion.refresh_from_db()
    assert opinion.state == State.HANDLING
    assignment = opinion.assignments.get()
    client.force_login(officer)
    client.post(reverse("opinions:sign_for", args=[assignment.pk]))
    page = client.get(reverse("opinions:reply", args=[assignment.pk]))
    assert page.status_code == 200
    client.post(reverse("opinions:reply", args=[assignment.pk]), {"text": "已修复。", "signer": "李局长"})
    client.force_login(keeper)
    client.post(reverse("opinions:inform", args=[opinion.pk]), {"how": "phone"})
    client.post(
        reverse("opinions:feedback", args=[opinion.pk]), {"resolved": "1", "satisfaction": "satisfied"}
    )
    opinion.refresh_from_db()
    assert opinion.state == State.CLOSED


def test_a_deputy_raises_an_opinion_into_their_draft_from_its_page(client, keeper, deputy):
    opinion = taken(keeper)
    client.force_login(deputy)
    done = client.post(reverse("opinions:raise", args=[opinion.pk]))
    opinion.refresh_from_db()
    assert opinion.state == State.RAISED
    assert done["Location"] == reverse("suggestions:detail", args=[opinion.suggestion_id])


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["受理日期", "事项", "内容", "乡镇（街道）", "联系电话"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("热线.xlsx", buffer.getvalue())


def test_a_hotline_sheet_with_a_bad_row_imports_nothing_and_names_every_bad_row(client, office, township):
    client.force_login(office)
    bad = _sheet([[clock.today(), "路灯", "路灯坏了", "城关镇", ""], ["", "积水", "", "不存在镇", ""]])
    page = client.post(reverse("opinions:import"), {"file": bad})
    text = page.content.decode()
    assert Opinion.objects.count() == 0
    assert (
        "第3行「受理日期」" in text
        and "第3行「内容」" in text
        and "第3行「乡镇（街道）」：没有这个乡镇（街道）。" in text
    )
    good = _sheet([[clock.today(), "路灯", "路灯坏了", "城关镇", "13812345678"]])
    client.post(reverse("opinions:import"), {"file": good})
    assert Opinion.objects.get().channel == "hotline"


def test_the_list_exports_to_excel_without_personal_data_and_topics_render(client, keeper, office):
    taken(keeper)
    client.force_login(office)
    export = client.get(reverse("opinions:list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][0] == "查询码" and len(rows) == 2
    assert not any("13812345678" in str(cell) or "王建国" in str(cell) for row in rows for cell in row)
    assert "接待群众1人次" in client.get(reverse("opinions:list")).content.decode()
    assert client.get(reverse("opinions:topics")).status_code == 200


def test_a_step_the_state_no_longer_allows_goes_back_to_the_opinion_with_the_reason(client, keeper, officer):
    opinion = forwarded(keeper, officer)  # no longer to triage
    client.force_login(keeper)
    page = client.get(reverse("opinions:forward", args=[opinion.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("opinions:detail", args=[opinion.pk])
    assert "当前状态为「转办中」，不能转办。" in page.content.decode()


def test_the_list_filter_offers_a_keeper_only_the_stations_and_townships_of_the_opinions_they_see(
    client, keeper, other_keeper, office, township
):
    """A province has 3,000 stations and 1,000 townships: the office's filter offers every one, a keeper's only
    those of their own station's opinions (the others would find nothing), so the page does not render them all."""
    from renda.org.models import Township
    from renda.org.tests.factories import TownshipFactory

    elsewhere = TownshipFactory(name="河西乡")
    taken(keeper, township=township)
    taken(other_keeper, township=elsewhere)

    def offered(user) -> tuple[set[str], set[str]]:
        client.force_login(user)
        form = client.get(reverse("opinions:list")).context["filter"].form
        names = lambda field: {label for value, label in form.fields[field].choices if value}  # noqa: E731
        return names("station"), names("township")

    assert offered(keeper) == ({"城关镇人大代表联络站"}, {"城关镇"})
    everywhere = set(Township.objects.values_list("name", flat=True))  # 河西乡联络站's own township too
    assert offered(office) == ({"城关镇人大代表联络站", "河西乡联络站"}, everywhere) and len(everywhere) == 3
    client.force_login(keeper)
    assert client.get(reverse("opinions:list"), {"station": other_keeper.station_id}).status_code == 200


def test_the_office_list_s_sentence_comes_from_the_kept_counts_and_equals_the_rows(
    client, keeper, other_keeper, office, officer
):
    """The office's list of every opinion, unfiltered or by year, state and channel, reads its sentence (接待群众X人次，
    收集意见建议X条，推动解决X件) from the counts kept per (state, channel), not from a province's million rows; it is
    the same as counting the rows. Other filters (a station, a search) count the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.opinions import selectors
    from renda.opinions.models import Channel

    taken(keeper)
    taken(keeper, channel=Channel.VISIT, title="走访中反映的事项")
    forwarded(other_keeper, officer)
    client.force_login(office)
    year = clock.today().year
    for query in ({}, {"year": year}, {"state": State.RECEIVED}, {"channel": Channel.RECEPTION, "year": year},
                  {"year": year - 1}):  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            figures = client.get(reverse("opinions:list"), query).context["figures"]
        rows = Opinion.objects.filter(**query)
        assert figures == selectors.figures(rows), query
        sums = [q["sql"] for q in queries if "SUM(" in q["sql"].upper()]
        assert sums and all("opinions_opinionfact" in sql.lower() for sql in sums), query
    assert client.get(reverse("opinions:list")).context["figures"].collected == 3
    station = client.get(reverse("opinions:list"), {"station": keeper.station_id}).context["figures"]
    assert (
        station == selectors.figures(Opinion.objects.filter(station=keeper.station_id))
        and station.collected == 2
    )
