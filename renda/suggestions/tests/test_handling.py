"""Handling by the units: contact the deputy before replying (代表法 Art. 51), joint opinions to the lead
unit, split replies, commitments of 'being solved / planned' answers; every signer receives the answer."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Commitment,
    State,
)
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date


def reply(assignment, officer, **kwargs):
    fields = {"result_category": flow.category_a(), "text": "已完成。", "signer": "李局长"} | kwargs
    return services.reply_send(assignment=assignment, actor=officer, **fields)


def test_art51_contact_before_reply(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    assignment = casework.sign_for(assignment=assignment, actor=officer)
    with pytest.raises(ValidationError) as error:
        reply(assignment, officer)
    assert error.value.code == "contact_required"
    flow.contact(assignment, officer)
    assert reply(assignment, officer).assignment == assignment
    assignment.suggestion.refresh_from_db()
    assert assignment.suggestion.state == State.REPLIED


def test_art51_contact_is_recorded_after_signing_for_the_case(time_machine, deputy, office, officer):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    record = {"stage": "before", "method": "visit", "summary": "走访代表", "actor": officer}
    with pytest.raises(ValidationError):
        casework.record_contact(assignment=assignment, date=D(2026, 3, 2), **record)
    casework.sign_for(assignment=assignment, actor=officer)
    with pytest.raises(ValidationError):
        casework.record_contact(assignment=assignment, date=D(2026, 3, 3), **record)  # in the future
    casework.record_contact(assignment=assignment, date=D(2026, 3, 2), **record)
    assert "走访代表" in assignment.suggestion.events.get(action="联系代表").note


def test_reply_reaches_every_signer_and_opens_the_evaluation(make_user, deputy, office, officer):
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    suggestion = flow.draft(deputy)
    services.cosigners_invite(suggestion=suggestion, deputies=[cosigner.deputy], actor=deputy)
    services.cosigner_respond(cosigner=suggestion.cosigners.get(), confirm=True, actor=cosigner)
    services.suggestion_submit(suggestion=suggestion, actor=deputy)
    services.suggestion_accept(suggestion=suggestion, actor=office)
    suggestion = services.suggestion_assign(
        suggestion=suggestion, on=D(2026, 3, 2), lead=officer.handling_unit, actor=office
    )
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED
    assert suggestion.evaluation_due is not None
    for user in (deputy, cosigner):
        assert (
            Notification.objects.filter(recipient=user, title__startswith="建议已答复，请评价").count() == 1
        )


def test_joint_unit_sends_its_opinion_to_the_lead_unit_and_does_not_reply(
    deputy, office, officer, other_officer
):
    suggestion = flow.assigned(
        office, deputy, assign={"lead": officer.handling_unit, "joint": [other_officer.handling_unit]}
    )
    joint = casework.sign_for(assignment=flow.assignment_of(suggestion, other_officer), actor=other_officer)
    flow.contact(joint, other_officer)
    with pytest.raises(ValidationError):
        reply(joint, other_officer)
    with pytest.raises(ValidationError):
        casework.send_opinion(
            assignment=flow.assignment_of(suggestion, officer), opinion="意见", actor=officer
        )
    with pytest.raises(ValidationError):
        casework.send_opinion(assignment=joint, opinion=" ", actor=other_officer)
    sent = casework.send_opinion(assignment=joint, opinion="同意主办单位方案", actor=other_officer)
    assert (sent.state, sent.opinion) == (AssignmentState.OPINION_SENT, "同意主办单位方案")
    assert (
        Notification.objects.get(recipient=officer, title__startswith="收到会办意见").body
        == "同意主办单位方案"
    )
    # The lead unit gives the one answer.
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED


def test_split_units_each_answer_and_the_case_is_replied_when_all_have(
    deputy, office, officer, other_officer
):
    suggestion = flow.assigned(
        office, deputy, assign={"split": [officer.handling_unit, other_officer.handling_unit]}
    )
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    suggestion.refresh_from_db()
    assert suggestion.state == State.HANDLING
    flow.answer(flow.assignment_of(suggestion, other_officer), other_officer)
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED
    assert suggestion.events.filter(to_state=State.REPLIED).count() == 1
    assert Notification.objects.filter(recipient=deputy, title__startswith="建议已答复").count() == 1


def test_a_case_is_answered_once_per_round_and_only_by_its_unit(
    deputy, office, officer, colleague, other_officer
):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    with pytest.raises(PermissionDenied):
        reply(assignment, other_officer)
    reply(assignment, officer)
    with pytest.raises(ValidationError):
        reply(assignment, colleague)


def test_reply_after_the_due_date_is_recorded_late(time_machine, deputy, office, officer):
    time_machine.move_to(datetime.datetime(2026, 1, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    time_machine.move_to(datetime.datetime(2026, 5, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    assert assignment.due == D(2026, 4, 30)
    assert reply(assignment, officer).on_time is False


def test_being_solved_answer_needs_commitments_followed_up_until_solved(
    deputy, office, officer, other_officer
):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    with pytest.raises(ValidationError):
        reply(assignment, officer, result_category=flow.category_b())
    answer = reply(
        assignment,
        officer,
        result_category=flow.category_b(),
        commitments=[("年底前完成硬化", D(2026, 12, 31))],
    )
    commitment = answer.commitments.get()
    assert (commitment.status, commitment.year) == (Commitment.Status.OPEN, 2026)
    with pytest.raises(PermissionDenied):
        services.commitment_update_post(commitment=commitment, text="进展", actor=other_officer)
    services.commitment_update_post(commitment=commitment, text="已开工", actor=officer)
    services.commitment_update_post(
        commitment=commitment, text="已完工", solved=True, raise_to=flow.category_a(), actor=officer
    )
    commitment.refresh_from_db()
    answer.refresh_from_db()
    assert (commitment.status, answer.result_category.code) == (Commitment.Status.DONE, "A")
    assert assignment.suggestion.events.get(action="调整办理结果").note == "B类 → A类"
    assert Notification.objects.filter(recipient=deputy, title__startswith="承诺事项有新进展").count() == 2
    with pytest.raises(ValidationError):
        services.commitment_update_post(commitment=commitment, text="再报", actor=officer)


def test_reply_letter_must_be_a_pdf_or_word_file(settings, tmp_path, deputy, office, officer):
    settings.MEDIA_ROOT = tmp_path
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    with pytest.raises(ValidationError):
        reply(assignment, officer, letter=SimpleUploadedFile("答复函.pdf", b"MZ not a pdf"))
    sent = reply(assignment, officer, letter=SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 letter"))
    assert sent.letter.name.endswith(".pdf")


def test_inactive_result_category_is_refused(deputy, office, officer):
    assignment = flow.assignment_of(flow.assigned(office, deputy, lead=officer.handling_unit), officer)
    flow.contact(assignment, officer)
    retired = flow.category_a()
    retired.active = False
    retired.save()
    with pytest.raises(ValidationError):
        reply(assignment, officer, result_category=retired)
