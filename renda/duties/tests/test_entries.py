"""Self-reported duty entries: the deputy reports with a proof; the office approves or rejects; the deputy may
correct or withdraw until then. Moves are ENTRY_FLOW's; each writes the timeline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import Notification
from renda.core.services import StaleEditError
from renda.duties import selectors, services
from renda.duties.models import EntryKind, EntryState
from renda.duties.tests import world
from renda.duties.workflows import ENTRY_FLOW

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_deputy_reports_an_entry_with_a_proof_and_the_office_is_told(deputy, office):
    entry = world.entry(deputy)
    assert entry.state == EntryState.SUBMITTED and entry.year == 2025 and entry.proof_name == "照片.png"
    assert [e.action for e in entry.events.all()] == ["填报"]
    assert Notification.objects.filter(recipient=office, title__startswith="履职事项待认定").exists()


def test_an_entry_needs_a_real_proof_a_past_date_and_a_description(deputy):
    base = {"deputy": deputy.deputy, "kind": EntryKind.PUBLICITY, "title": "宣讲", "actor": deputy}
    with pytest.raises(ValidationError) as error:
        services.duty_entry_submit(date=D(2025, 6, 1), description="讲了", proof=None, **base)
    assert "proof" in error.value.message_dict
    fake = SimpleUploadedFile("照片.png", b"not a picture", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.duty_entry_submit(date=D(2025, 6, 1), description="讲了", proof=fake, **base)
    assert error.value.message_dict == {"proof": ["「照片.png」的内容与文件类型不符。"]}
    with pytest.raises(ValidationError) as error:
        services.duty_entry_submit(date=D(2025, 7, 1), description=" ", proof=world.proof(), **base)
    assert set(error.value.message_dict) == {"date", "description"}


def test_a_deputy_reports_only_for_themself_the_office_for_any_deputy_in_office(
    deputy, colleague, office, keeper
):
    fields = {"kind": EntryKind.OTHER, "title": "纸质表格录入", "date": D(2025, 6, 1), "description": "说明"}
    with pytest.raises(PermissionDenied):
        services.duty_entry_submit(deputy=colleague.deputy, proof=world.proof(), actor=deputy, **fields)
    with pytest.raises(PermissionDenied):
        world.entry(keeper)
    pdf = SimpleUploadedFile("表格.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    entry = services.duty_entry_submit(deputy=colleague.deputy, proof=pdf, actor=office, **fields)
    assert entry.deputy == colleague.deputy and entry.state == EntryState.SUBMITTED


def test_the_office_approves_and_the_deputy_is_told(deputy, office):
    entry = services.duty_entry_approve(entry=world.entry(deputy), note="材料齐全", actor=office)
    assert (
        entry.state == EntryState.APPROVED
        and entry.decided_by == office
        and entry.decision_note == "材料齐全"
    )
    assert Notification.objects.filter(recipient=deputy, title="履职事项已认定：走访北街选民").exists()
    assert [(e.action, e.to_state) for e in entry.events.all()] == [
        ("填报", "submitted"),
        ("认定", "approved"),
    ]


def test_a_rejection_needs_a_reason_and_is_final(deputy, office):
    entry = world.entry(deputy)
    with pytest.raises(ValidationError):
        services.duty_entry_reject(entry=entry, reason=" ", actor=office)
    entry = services.duty_entry_reject(entry=entry, reason="缺少照片", actor=office)
    assert entry.state == EntryState.REJECTED
    with pytest.raises(ValidationError) as error:
        services.duty_entry_approve(entry=entry, actor=office)
    assert error.value.code == "invalid_transition"


def test_only_the_office_decides_and_only_the_author_edits_or_withdraws(deputy, colleague, office):
    entry = world.entry(deputy)
    with pytest.raises(PermissionDenied):
        services.duty_entry_approve(entry=entry, actor=deputy)
    with pytest.raises(PermissionDenied):
        services.duty_entry_withdraw(entry=entry, actor=colleague)
    with pytest.raises(PermissionDenied):
        services.duty_entry_update(entry=entry, expected_version=1, changes={"title": "改"}, actor=office)
    assert [m.name for m in ENTRY_FLOW.moves_for(deputy, entry)] == ["edit", "withdraw"]
    assert [m.name for m in ENTRY_FLOW.moves_for(office, entry)] == ["approve", "reject"]
    assert ENTRY_FLOW.moves_for(colleague, entry) == []


def test_the_author_corrects_with_the_version_read_and_may_withdraw(deputy):
    entry = world.entry(deputy)
    entry = services.duty_entry_update(
        entry=entry,
        expected_version=1,
        changes={"title": "走访北街十户选民", "date": D(2024, 12, 30), "proof": world.proof("新照片.png")},
        actor=deputy,
    )
    assert (entry.title, entry.year, entry.proof_name, entry.version) == (
        "走访北街十户选民",
        2024,
        "新照片.png",
        2,
    )
    with pytest.raises(StaleEditError):
        services.duty_entry_update(entry=entry, expected_version=1, changes={"title": "旧"}, actor=deputy)
    entry = services.duty_entry_withdraw(entry=entry, actor=deputy)
    assert entry.state == EntryState.WITHDRAWN and ENTRY_FLOW.moves_for(deputy, entry) == []


def test_only_approved_entries_count_in_the_record(deputy, office):
    waiting = world.entry(deputy)
    assert selectors.duty_record(deputy.deputy, 2025).points == 0
    services.duty_entry_approve(entry=waiting, actor=office)
    assert selectors.duty_record(deputy.deputy, 2025).points == 1


def test_who_sees_which_entry(deputy, colleague, office, committee_member, keeper):
    entry = world.entry(deputy)
    assert selectors.entry_for(deputy, entry.pk) == entry
    assert selectors.entry_for(office, entry.pk) == entry
    assert selectors.entry_for(committee_member, entry.pk) == entry
    from django.http import Http404

    for user in (colleague, keeper):
        with pytest.raises(Http404):
            selectors.entry_for(user, entry.pk)
