"""The demo county's appointments, as `seed_demo` makes them: a term of decisions through the services, one
rejected nominee, one resignation, the oaths; the year's figure matches the demo's decisions."""

import pytest
from django.contrib.contenttypes.models import ContentType

from renda.appointments import selectors
from renda.appointments.models import Appointment, AppointmentKind, AppointmentState, Holding
from renda.core import clock
from renda.voting import services as voting
from renda.voting.models import VoteEvent

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_term_of_appointments(db):
    rows = Appointment.objects.all()
    assert rows.filter(state=AppointmentState.REJECTED).count() == 1
    assert rows.filter(kind=AppointmentKind.RESIGN, state=AppointmentState.PUBLISHED).count() == 1
    appointed = rows.filter(kind=AppointmentKind.APPOINT, state=AppointmentState.PUBLISHED)
    assert appointed.count() >= 3
    assert all(a.oath_on == a.decided_on and a.letter_number for a in appointed)
    numbers = sorted(rows.filter(letter_year=clock.today().year).values_list("letter_number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    # every appointment adopted started a holding; every removal ended one
    for a in rows.filter(state__in=selectors.DECIDED):
        field = "appointed_by" if a.kind == AppointmentKind.APPOINT else "ended_by"
        assert Holding.objects.filter(**{field: a}).count() == 1


def test_the_year_s_figure_matches_the_demo_s_decisions(db):
    """任免国家机关工作人员X人次: the decisions adopted in a year, counted from the votes that passed."""
    kind = ContentType.objects.get_for_model(Appointment)
    for year in {
        d.year for d in Appointment.objects.exclude(decided_on=None).values_list("decided_on", flat=True)
    }:
        passed = [
            e
            for e in VoteEvent.objects.filter(subject_type=kind, state="closed", closed_at__year=year)
            if voting.vote_result(e).passed
        ]
        assert selectors.year_figures(year).total == len(passed) > 0
    assert (
        sum(f.total for f in selectors.figures_by_year())
        == Appointment.objects.filter(state__in=selectors.DECIDED).count()
    )
