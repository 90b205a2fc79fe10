"""Deputies' inspections (代表视察) of a project and the problems they find: sent to the project's unit as casework,
signed for and answered on its 待办 by the deadline, closed by the office or sent back for another round — in
pages and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from renda.casework import services as casework
from renda.casework.selectors import unit_todo
from renda.core.calendar import add_working_days
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.livelihood import platform, services
from renda.livelihood.models import Finding, FindingState, LivelihoodProject
from renda.livelihood.tests.conftest import YEAR, at, run_ballot
from renda.livelihood.tests.test_implementation import A, B

DAY = datetime.date(YEAR, 6, 10)


@pytest.fixture
def adopted(ballot, congress, deputies, office, make_user):
    run_ballot(ballot, congress, deputies, office, make_user, [[A, B]] * 7)
    return LivelihoodProject.objects.get(name=A)  # the first unit's


def _inspect(project, deputies, office, findings=("施工围挡破损，存在安全隐患", "部分路段排水不畅")):
    with at(DAY):
        return services.inspection_record(
            project=project, date=DAY, place="城关镇东街", deputies=deputies[:3],
            summary="代表实地察看了施工现场，听取了责任单位汇报。", findings=findings, actor=office,
        )  # fmt: skip


def test_an_inspection_s_finding_goes_to_the_unit_and_back_to_the_office(
    adopted, deputies, office, unit_user, settings
):
    """【地】 the unit answers a finding within `livelihood_finding_working_days` working days (15) on its 待办;
    answered, the office closes it — or sends it back, and the unit answers a second round."""
    inspection = _inspect(adopted, deputies, office)
    first, second = inspection.findings.order_by("pk")
    assert (first.state, second.state) == (FindingState.OPEN, FindingState.OPEN)
    assert adopted.events.filter(action="代表视察").exists()
    with at(DAY):
        first = services.finding_forward(finding=first, actor=office)
    assert first.state == FindingState.HANDLING and first.due == add_working_days(DAY, 15)
    todo = [row for row in unit_todo(unit_user) if row.kind.name == "livelihood_finding"]
    assert len(todo) == 1 and todo[0].due == first.due
    assignment = first.assignments.get()
    with at(DAY + datetime.timedelta(days=3)):
        casework.sign_for(assignment=assignment, actor=unit_user)
        services.finding_reply(
            assignment=assignment, text="已修复围挡并增设警示标志。", signer="王局长", actor=unit_user
        )
    first.refresh_from_db()
    assert first.state == FindingState.ANSWERED and assignment.replies.get().on_time
    with at(DAY + datetime.timedelta(days=5)):
        first = services.finding_rehandle(finding=first, note="警示标志不足，夜间照明仍缺", actor=office)
    assert first.state == FindingState.HANDLING and first.round == 2
    with at(DAY + datetime.timedelta(days=8)):
        services.finding_reply(
            assignment=assignment, text="已加装夜间照明。", signer="王局长", actor=unit_user
        )
        first.refresh_from_db()
        first = services.finding_close(finding=first, note="经回访，问题已解决。", actor=office)
    assert first.state == FindingState.CLOSED and assignment.replies.count() == 2

    settings.RENDA_RULE_OVERRIDES = {"livelihood_finding_working_days": 5}
    with at(DAY):
        second = services.finding_forward(finding=second, actor=office)
    assert second.due == add_working_days(DAY, 5)


def test_only_the_office_records_and_only_the_project_s_unit_answers(
    adopted, deputies, office, unit_user, make_user, units
):
    with pytest.raises(PermissionDenied):
        _inspect(adopted, deputies, unit_user)
    finding = _inspect(adopted, deputies, office).findings.first()
    with at(DAY):
        finding = services.finding_forward(finding=finding, actor=office)
    other = make_user(Role.UNIT, handling_unit=units[1])
    with pytest.raises(PermissionDenied):
        services.finding_reply(assignment=finding.assignments.get(), text="x", signer="y", actor=other)


def test_a_deputy_following_the_project_records_an_inspection(adopted, deputies, make_user):
    """Deputies following a project record their own inspections (they are among those who inspected); other
    deputies may not."""
    follower = make_user(Role.DEPUTY, deputy=DeputyFactory(name="跟踪代表"))
    outsider = make_user(Role.DEPUTY, deputy=DeputyFactory(name="其他代表"))
    with at(DAY):
        services.project_follow(project=adopted, actor=follower)
        with pytest.raises(PermissionDenied):
            _inspect(adopted, deputies, outsider)
    inspection = _inspect(adopted, deputies, follower)
    assert follower.deputy in inspection.deputies.all() and inspection.findings.count() == 2


def test_an_inspection_needs_an_adopted_project_deputies_and_no_future_date(
    ballot, adopted, deputies, office
):
    candidate = LivelihoodProject.objects.exclude(pk=adopted.pk).filter(state="not_adopted").first()
    with at(DAY), pytest.raises(ValidationError) as refused:
        services.inspection_record(
            project=candidate or adopted, date=DAY + datetime.timedelta(days=1), place="", deputies=[],
            summary="", actor=office,
        )  # fmt: skip
    assert {"date", "deputies", "place", "summary"} <= set(refused.value.message_dict)


def test_the_office_to_do_counts_findings_waiting_for_it(adopted, deputies, office):
    _inspect(adopted, deputies, office)
    items = platform._office_findings(office)
    assert [i.title for i in items] == ["2个视察发现问题待交责任单位"]


def test_findings_pages_and_api(client, adopted, deputies, office, unit_user, make_user, units):
    client.force_login(office)
    deputy_ids = [d.pk for d in deputies[:2]]
    with at(DAY):
        response = client.post(f"/livelihood/projects/{adopted.pk}/inspect/", {
            "date": DAY.isoformat(), "place": "城关镇东街", "deputies": deputy_ids,
            "summary": "察看现场", "findings": "路灯不亮\n\n人行道破损"})  # fmt: skip
    assert response.status_code == 302
    assert Finding.objects.count() == 2
    page = client.get(f"/livelihood/projects/{adopted.pk}/").content.decode()
    assert "路灯不亮" in page and "登记代表视察" in page
    listing = client.get("/livelihood/findings/?state=open")
    assert listing.status_code == 200 and "人行道破损" in listing.content.decode()
    assert client.get("/livelihood/findings/?export=xlsx")["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    finding = Finding.objects.get(text="路灯不亮")
    with at(DAY):
        assert client.post(f"/livelihood/findings/{finding.pk}/forward/").status_code == 302
    finding.refresh_from_db()
    assert finding.state == FindingState.HANDLING

    api = APIClient()
    api.force_authenticate(unit_user)
    with at(DAY + datetime.timedelta(days=1)):
        assert api.post(f"/api/v1/livelihood/findings/{finding.pk}/sign-for/").status_code == 200
        answered = api.post(f"/api/v1/livelihood/findings/{finding.pk}/reply/",
                            {"text": "已更换灯具", "signer": "李主任"}, format="json")  # fmt: skip
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    other = APIClient()
    other.force_authenticate(make_user(Role.UNIT, handling_unit=units[1]))
    assert other.get(f"/api/v1/livelihood/findings/{finding.pk}/").status_code == 404
    api.force_authenticate(office)
    closed = api.post(f"/api/v1/livelihood/findings/{finding.pk}/close/", {"note": "已解决"}, format="json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert (
        api.post(
            f"/api/v1/livelihood/findings/{finding.pk}/close/", {"note": "再次"}, format="json"
        ).status_code
        == 409
    )
    created = api.post(f"/api/v1/livelihood/projects/{adopted.pk}/inspect/", {
        "date": DAY.isoformat(), "place": "东街", "deputies": deputy_ids, "summary": "再次视察",
        "findings": ["井盖松动"]}, format="json")  # fmt: skip
    assert created.status_code == 201 and [f["text"] for f in created.json()] == ["井盖松动"]
