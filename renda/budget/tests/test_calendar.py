"""The budget calendar (预算法; 监督法): each date recorded and checked against its statutory period."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.budget import services
from renda.budget.models import Milestone
from renda.budget.platform import PUBLICATION_LATE

pytestmark = pytest.mark.django_db
K = Milestone.Kind


def test_draft_budget_reaches_the_committee_30_days_before_the_congress(clerk):
    """预算法 Art. 44: the draft to the standing committee 30 days before the session."""
    congress = datetime.date(2026, 1, 20)
    on_time = services.milestone_record(year=2026, kind=K.DRAFT, date=datetime.date(2025, 12, 21),
                                        reference=congress, actor=clerk)  # fmt: skip
    assert on_time.due == datetime.date(2025, 12, 21) and on_time.on_time
    late = services.milestone_record(year=2026, kind=K.DRAFT, date=datetime.date(2025, 12, 22),
                                     reference=congress, actor=clerk)  # fmt: skip
    assert not late.on_time
    with pytest.raises(ValidationError):
        services.milestone_record(year=2026, kind=K.DRAFT, date=congress, actor=clerk)


def test_budget_published_within_20_days_of_approval(clerk):
    """预算法 Art. 14: published within 20 days of approval; a late one is flagged, a missing one reminded."""
    with pytest.raises(ValidationError):
        services.milestone_record(year=2026, kind=K.PUBLISHED, date=datetime.date(2026, 2, 1), actor=clerk)
    services.milestone_record(year=2026, kind=K.APPROVED, date=datetime.date(2026, 1, 22), actor=clerk)
    assert list(PUBLICATION_LATE.due(datetime.date(2026, 2, 11))) == []
    assert [m.year for m in PUBLICATION_LATE.due(datetime.date(2026, 2, 12))] == [2026]
    published = services.milestone_record(
        year=2026, kind=K.PUBLISHED, date=datetime.date(2026, 2, 12), actor=clerk
    )
    assert not published.on_time and published.due == datetime.date(2026, 2, 11)
    assert list(PUBLICATION_LATE.due(datetime.date(2026, 3, 1))) == []
    assert services.milestone_record(
        year=2026, kind=K.PUBLISHED, date=datetime.date(2026, 2, 11), actor=clerk
    ).on_time


def test_midyear_report_and_final_accounts_between_june_and_september(clerk):
    """监督法 Arts. 19–20: the mid-year execution report (of the year) and the final accounts (of the year
    before) are reviewed from June to September."""
    assert services.milestone_record(
        year=2026, kind=K.MIDYEAR, date=datetime.date(2026, 8, 28), actor=clerk
    ).on_time
    assert not services.milestone_record(
        year=2026, kind=K.MIDYEAR, date=datetime.date(2026, 10, 28), actor=clerk
    ).on_time
    assert services.milestone_record(
        year=2025, kind=K.FINAL, date=datetime.date(2026, 6, 25), actor=clerk
    ).on_time
    assert not services.milestone_record(
        year=2025, kind=K.FINAL, date=datetime.date(2025, 12, 25), actor=clerk
    ).on_time
