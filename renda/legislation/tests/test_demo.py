"""The demo's legislative outreach (renda/demo/legislation.py) played on a small county: every channel, a second
version keeping its comments, a report, the adoption — the same each time for the same seed."""

import datetime

from renda.core.roles import Role
from renda.demo.legislation import demo_legislation
from renda.demo.services import SCALES
from renda.deputies.choices import StationKind
from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory
from renda.legislation import selectors
from renda.legislation.models import Adoption, Channel, Comment, Draft, DraftState

TODAY = datetime.date(2026, 11, 20)


def test_demo_year_of_drafts(make_user, django_capture_on_commit_callbacks):
    stations = [LiaisonStationFactory(kind=StationKind.TOWNSHIP_STATION) for _ in range(3)]
    for name, role, links in [
        ("clerk", Role.CLERK, {}),
        ("deputy", Role.DEPUTY, {"deputy": DeputyFactory()}),
        ("keeper", Role.KEEPER, {"station": stations[0]}),
    ]:
        make_user(role, username=name, **links)
    with django_capture_on_commit_callbacks(execute=True):
        counts = demo_legislation(scale=SCALES["county"], seed=7, today=TODAY)
    assert counts["法规草案"] == 4
    assert sorted(Draft.objects.values_list("state", flat=True)) == sorted(
        [DraftState.CONCLUDED, DraftState.REPORTED, DraftState.CONSULTING, DraftState.RECEIVED]
    )
    assert set(Comment.objects.values_list("channel", flat=True)) >= {
        Channel.PUBLIC, Channel.DEPUTY, Channel.STATION, Channel.SYMPOSIUM, Channel.QUESTIONNAIRE,
    }  # fmt: skip
    national = Draft.objects.get(state=DraftState.CONCLUDED)
    assert national.versions.count() == 3  # 征求意见稿, 二次审议稿, 通过文本
    assert national.opinions.exclude(adoption=Adoption.PENDING).count() == 3
    assert (
        selectors.year_figures(TODAY.year)["sentence"] or selectors.year_figures(TODAY.year - 1)["sentence"]
    )


def test_demo_liaisons_asked_and_trained(make_user, django_capture_on_commit_callbacks):
    from renda.legislation.models import Liaison, LiaisonRole, OutreachWork, WorkKind

    stations = [LiaisonStationFactory(kind=StationKind.TOWNSHIP_STATION) for _ in range(3)]
    for name, role, links in [
        ("clerk", Role.CLERK, {}),
        ("deputy", Role.DEPUTY, {"deputy": DeputyFactory()}),
        ("keeper", Role.KEEPER, {"station": stations[0]}),
    ]:
        make_user(role, username=name, **links)
    with django_capture_on_commit_callbacks(execute=True):
        counts = demo_legislation(scale=SCALES["county"], seed=7, today=TODAY)
    assert counts["信息员和专家"] == Liaison.objects.count() == 3 * 3 + 3
    assert Liaison.objects.filter(role=LiaisonRole.EXPERT, station=None).count() == 3
    assert Draft.objects.get(state=DraftState.CONCLUDED).liaisons.count() == 12
    assert Draft.objects.get(state=DraftState.CONSULTING).liaisons.exists()
    trainings = OutreachWork.objects.filter(kind=WorkKind.TRAINING)
    assert trainings.exists() and not trainings.filter(attendees=None).exists()
    figures = selectors.year_figures(TODAY.year)
    assert figures["liaisons"] == 9 and 0 < figures["trained"] <= 9
