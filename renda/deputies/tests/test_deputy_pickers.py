"""Every form field choosing among deputies renders only the deputies chosen (and, for a station, its own few),
never the whole register — a province has 100,000 deputies —, finds the others as one types from
/deputies/pick/, and accepts and refuses exactly the deputies it accepted and refused when it listed them all,
with the same Chinese error."""

import datetime
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from renda.core import clock
from renda.core.forms import RemoteSelect
from renda.deputies.choices import DeputyStatus
from renda.deputies.models import Deputy
from renda.deputies.tests.factories import (
    ActivityFactory,
    DelegationFactory,
    DeputyFactory,
    DeputyGroupFactory,
    LiaisonStationFactory,
)
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db

REFUSED_ONE = "选择一个有效的选项： 该选择不在可用的选项中。"  # Django's own messages, in Chinese, as before


def refused_many(pk: int) -> str:
    return f"选择一个有效的选项。 {pk} 不在可用的选项中。"


@dataclass
class Picker:
    """A form field choosing deputies: how to build its form, whom it accepts, one it refuses."""

    name: str
    make: Any  # (data) -> form
    field: str
    many: bool
    inside: Any  # () -> a deputy the field accepts
    outside: Any  # () -> a deputy (or a pk) the field refuses
    remote: str = ""  # the lookup's query, after /deputies/pick/


def serving() -> Deputy:
    return DeputyFactory()


def resigned() -> Deputy:
    return DeputyFactory(status=DeputyStatus.RESIGNED)


def nobody() -> int:
    return 999_999  # every deputy is accepted: only a number that is no deputy is refused


def pickers(clerk) -> list[Picker]:
    from renda.deputies.forms import (
        ActivityForm,
        DelegationForm,
        DeputyGroupForm,
        ReceptionDayForm,
        StationDeputiesForm,
    )
    from renda.deputies.models import LiaisonStation
    from renda.duties.forms import EntryForm, ReportEditForm, ReportForm
    from renda.duties.services import duty_report_schedule
    from renda.legislation.forms import OpenForm
    from renda.livelihood.forms import InquiryForm, InspectionForm
    from renda.livelihood.models import LivelihoodProject
    from renda.opinions.forms import RaiseForm
    from renda.org.forms import MembershipForm, OfficeMembershipForm
    from renda.org.models import CommitteeOffice, HandlingUnit
    from renda.oversight.forms import ItemForm, QuestionForm

    stations = LiaisonStation.objects.all()
    township = TownshipFactory()
    station = LiaisonStationFactory(township=township)
    term = TermFactory()

    def of_term() -> Deputy:
        deputy = DeputyFactory(status=DeputyStatus.RESIGNED)  # the term's, whatever their status
        deputy.terms.add(term)
        return deputy

    term_deputies = Deputy.objects.filter(terms=term)
    report = duty_report_schedule(
        station=station,
        date=datetime.date(2025, 6, 8),
        place="村委会",
        deputies=[DeputyFactory()],
        actor=clerk,
    )
    return [
        Picker(
            "接待日", lambda d: ReceptionDayForm(d, stations=stations), "deputies", True, serving, resigned
        ),
        Picker(
            "代表活动",
            lambda d: ActivityForm(d, stations=stations, station_required=False),
            "deputies",
            True,
            serving,
            resigned,
        ),
        Picker("代表小组成员", lambda d: DeputyGroupForm(d), "members", True, resigned, nobody, "?all=1"),
        Picker("代表小组组长", lambda d: DeputyGroupForm(d), "leader", False, resigned, nobody, "?all=1"),
        Picker("代表团成员", lambda d: DelegationForm(d), "members", True, resigned, nobody, "?all=1"),
        Picker("代表团团长", lambda d: DelegationForm(d), "leader", False, resigned, nobody, "?all=1"),
        Picker(
            "联络站进驻代表",
            lambda d: StationDeputiesForm(d, station=station),
            "deputies",
            True,
            lambda: DeputyFactory(township=township),
            lambda: DeputyFactory(township=TownshipFactory()),
            f"?township={township.pk}",
        ),
        Picker("履职事项", lambda d: EntryForm(d, for_deputy=False), "deputy", False, serving, resigned),
        Picker("安排述职", lambda d: ReportForm(d, stations=stations), "deputies", True, serving, resigned),
        Picker("修改述职", lambda d: ReportEditForm(d, report=report), "deputies", True, serving, resigned),
        Picker("代表转交群众意见", lambda d: RaiseForm(d), "deputy", False, serving, resigned),
        Picker(
            "民生实事专题询问",
            lambda d: InquiryForm(
                d, projects=LivelihoodProject.objects.all(), units=HandlingUnit.objects.all()
            ),
            "invited_deputies",
            True,
            serving,
            resigned,
        ),
        Picker("民生实事视察", lambda d: InspectionForm(d), "deputies", True, serving, resigned),
        Picker("立法征求意见", lambda d: OpenForm(d), "deputies", True, resigned, nobody, "?all=1"),
        Picker("监督事项", lambda d: ItemForm(d), "invited_deputies", True, resigned, nobody, "?all=1"),
        Picker("专题询问", lambda d: QuestionForm(d), "asker", False, resigned, nobody, "?all=1"),
        Picker(
            "常委会组成人员",
            lambda d: MembershipForm(d, deputies=term_deputies, term=term),
            "deputy",
            False,
            of_term,
            serving,
            f"?all=1&term={term.pk}",
        ),
        Picker(
            "专门委员会组成人员",
            lambda d: OfficeMembershipForm(
                d, deputies=term_deputies, term=term, offices=CommitteeOffice.objects.all()
            ),
            "deputy",
            False,
            of_term,
            serving,
            f"?all=1&term={term.pk}",
        ),
    ]


def options(html: str) -> list[str]:
    """The values of the options that name a deputy (not the empty choice)."""
    return [value for value in re.findall(r'<option value="([^"]*)"', html) if value]


def test_every_deputy_field_holds_only_the_chosen_deputies_and_validates_as_before(clerk):
    """Each form, with 30 other deputies about: before a choice it holds no deputy; a posted deputy it accepts
    is the one option, shown chosen (as an invalid form shows it again), and passes; one it never accepted is
    refused with the same message, and not shown."""
    DeputyFactory.create_batch(30)
    for picker in pickers(clerk):
        widget = picker.make(None).fields[picker.field].widget
        assert isinstance(widget, RemoteSelect), picker.name
        html = str(picker.make(None)[picker.field])
        assert f'data-remote="/deputies/pick/{picker.remote}"'.replace("&", "&amp;") in html, picker.name
        assert options(html) == [], picker.name
        assert 'class="form-select"' in html, picker.name  # styled as every select, also without JavaScript

        chosen = picker.inside()
        data = {picker.field: [str(chosen.pk)] if picker.many else str(chosen.pk)}
        form = picker.make(data)
        form.is_valid()
        assert picker.field not in form.errors, (picker.name, form.errors.get(picker.field))
        html = str(form[picker.field])
        assert options(html) == [str(chosen.pk)], picker.name
        assert f'<option value="{chosen.pk}" selected>{chosen.name}（' in html, picker.name
        cleaned = form.cleaned_data[picker.field]
        assert (list(cleaned) if picker.many else [cleaned]) == [chosen], picker.name

        outside = picker.outside()
        pk = getattr(outside, "pk", outside)
        form = picker.make({picker.field: [str(pk)] if picker.many else str(pk)})
        assert not form.is_valid(), picker.name
        expected = refused_many(pk) if picker.many else REFUSED_ONE
        assert form.errors[picker.field] == [expected], picker.name
        assert options(str(form[picker.field])) == [], picker.name


def test_edit_forms_show_the_existing_choices_chosen(clerk):
    """A group's and a delegation's members and leader, an activity's deputies (one has since left office)
    and a station's own deputies are preselected; nobody else is rendered."""
    from renda.deputies.forms import ActivityForm, DelegationForm, DeputyGroupForm, StationDeputiesForm
    from renda.deputies.models import LiaisonStation

    others = DeputyFactory.create_batch(20)
    a, b = DeputyFactory(), DeputyFactory(status=DeputyStatus.RESIGNED)
    for record in (DeputyGroupFactory(leader=a), DelegationFactory(leader=a)):
        record.members.set([a, b])
        form = (DeputyGroupForm if hasattr(record, "kind") else DelegationForm)(instance=record)
        assert sorted(options(str(form["members"]))) == sorted([str(a.pk), str(b.pk)])
        assert f'<option value="{b.pk}" selected>' in str(form["members"])
        assert options(str(form["leader"])) == [str(a.pk)]
    activity = ActivityFactory()
    activity.deputies.set([a, b])
    form = ActivityForm(instance=activity, stations=LiaisonStation.objects.all(), station_required=False)
    html = str(form["deputies"])
    assert f'<option value="{b.pk}" selected>' in html and f'<option value="{a.pk}" selected>' in html
    station = LiaisonStationFactory()
    resident = DeputyFactory(station=station, township=station.township)
    html = str(StationDeputiesForm(station=station)["deputies"])
    assert options(html) == [str(resident.pk)] and f'<option value="{resident.pk}" selected>' in html
    assert not any(other.name in html for other in others)


def test_the_forms_pages_send_no_list_of_deputies(client, clerk):
    """The pages that listed every deputy in office: with 200 deputies about, they hold no deputy option."""
    DeputyFactory.create_batch(200)
    client.force_login(clerk)
    for url in (
        reverse("deputies:reception_create"),
        reverse("deputies:activity_create"),
        reverse("deputies:group_create"),
        reverse("deputies:delegation_create"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        pickers = re.findall(r'<select [^>]*data-remote="/deputies/pick/[^>]*>(.*?)</select>', page, re.S)
        assert pickers, url
        assert all(options(picker) == [] for picker in pickers), url
        assert not any(deputy.name in page for deputy in Deputy.objects.all()), url


def test_the_office_posts_a_group_a_delegation_a_reception_day_and_an_activity_with_picked_deputies(
    client, clerk
):
    """Posting a chosen deputy through the pages still works; one the field does not accept is refused beside
    the field and shown again as nothing else."""
    from renda.deputies.choices import ActivityKind
    from renda.deputies.models import Activity, Delegation, DeputyGroup, ReceptionDay

    a, b = DeputyFactory(), DeputyFactory()
    gone = DeputyFactory(status=DeputyStatus.RESIGNED)
    station = LiaisonStationFactory()
    client.force_login(clerk)
    group = {"name": "财经组", "kind": "field", "leader": a.pk, "members": [a.pk, b.pk]}
    assert client.post(reverse("deputies:group_create"), group).status_code == 302
    assert set(DeputyGroup.objects.get(name="财经组").members.all()) == {a, b}
    delegation = {"term": TermFactory().pk, "name": "城关镇代表团", "leader": a.pk, "members": [a.pk]}
    assert client.post(reverse("deputies:delegation_create"), delegation).status_code == 302
    assert list(Delegation.objects.get(name="城关镇代表团").members.all()) == [a]

    on = (clock.today() + datetime.timedelta(days=10)).isoformat()
    day = {"station": station.pk, "date": on, "start_time": "09:00", "end_time": "11:00"}
    response = client.post(reverse("deputies:reception_create"), day | {"deputies": [a.pk, gone.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["deputies"] == [refused_many(gone.pk)]
    response = client.post(reverse("deputies:reception_create"), day | {"deputies": [a.pk]})
    assert response.status_code == 302, response.context["form"].errors
    assert list(ReceptionDay.objects.get().deputies.all()) == [a]

    activity = {"kind": ActivityKind.VISIT, "title": "视察通组路", "date": "2024-03-21", "deputies": [b.pk]}
    response = client.post(reverse("deputies:activity_create"), activity | {"title": ""})
    html = str(response.context["form"]["deputies"])
    assert options(html) == [str(b.pk)] and f'<option value="{b.pk}" selected>' in html  # shown again
    assert client.post(reverse("deputies:activity_create"), activity).status_code == 302
    assert list(Activity.objects.get(title="视察通组路").deputies.all()) == [b]


def test_the_picker_lookup_narrows_to_a_township_or_a_term(client, clerk):
    """`township=` and `term=` give a station's and a term's pickers only the deputies those fields accept."""
    url = reverse("deputies:deputy_pick")
    here, there = TownshipFactory(), TownshipFactory()
    near, far = DeputyFactory(name="张一", township=here), DeputyFactory(name="张二", township=there)
    term = TermFactory()
    far.terms.add(term)
    client.force_login(clerk)

    def names(**query) -> list[str]:
        return sorted(row["text"][:2] for row in client.get(url, {"q": "张", **query}).json()["results"])

    assert names() == ["张一", "张二"]
    assert names(township=here.pk) == ["张一"]
    assert names(term=term.pk) == ["张二"]
    assert names(term=term.pk, township=here.pk) == []
    assert names(township="x") == [] and names(term="1 or 1=1") == []
    assert near.pk != far.pk
