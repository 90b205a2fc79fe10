"""A planned case of the suggestions demo (suggestions.Case) played through the real services.

`Replay` follows the same plan as the bulk writer (suggestions._Story): it draws from the case's own
`random.Random(case.seed + 1)` in the same order, so both take the same decisions — which unit, which day, which
answer — and differ only in who writes the rows. Here every step is a call of renda.suggestions.services,
renda.casework.services or renda.fund.services inside `with clock.at(moment):`, so the deadlines, numbers, facts
of the statistics, events and messages are the services' own. A step on or after the start of `today`, or one a
pinned case stops at, does not happen.

Cases are played one after another in the order the office numbers them (`play_key`), so the numbers the
services give are the plan's; a near-duplicate is filed before the case it is merged into, whose story merges
it (并案) right after that case is accepted."""

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.db.models import Max, OuterRef, Subquery

from renda.accounts.models import User
from renda.casework import services as casework
from renda.casework.models import AssignmentRole, AssignmentState
from renda.core import clock
from renda.core.roles import Role
from renda.deputies.models import Deputy
from renda.fund import services as fund_services
from renda.fund.models import FundProject
from renda.org.models import CommitteeMembership, HandlingUnit
from renda.suggestions import services
from renda.suggestions.models import (
    ContactRecord,
    Cosigner,
    Kind,
    PresidiumDecision,
    Rating,
    RefusalReason,
    State,
    Suggestion,
    SuggestionEvent,
)

if TYPE_CHECKING:
    from renda.demo.suggestions import Case, _Generator


def play_key(case: "Case") -> datetime.datetime:
    """When the case takes its place in the office's numbering: accepted cases by acceptance, a near-duplicate
    by its filing (before the case it is merged into), the rest by drafting."""
    if case.accepted_at is not None:
        return case.accepted_at
    if case.review == "merge" and case.submitted is not None:
        return case.submitted
    return case.drafted


class Accounts:
    """The accounts the history acts through, without a usable password: the demo accounts where they fit,
    else one per county deputy (deputy001, … in the order of the deputies) and one per handling unit (unit07h,
    … by the unit's order). The units' history accounts are closed once the history is played (`close`): the
    year's officers are the ones the opinions demo staffs the units with, as before, so the opinions it plays
    from the seed stay the same."""

    def __init__(self, gen: "_Generator", seed: int):
        self.g = gen
        self.rng = random.Random(seed)  # names only: the plan's draws stay as they are
        self.deputies: dict[int, User] = dict(gen.deputy_users)
        self.units: dict[int, User] = dict(gen.unit_users)
        self.index = {pk: n for n, pk in enumerate(gen.names, start=1)}
        self.created = 0
        self.officers: list[int] = []
        # the roles' groups as accounts.services.user_roles_set gives them (the demo synced their permissions)
        self.groups = {role: Group.objects.get(name=role) for role in (Role.DEPUTY, Role.UNIT)}

    def close(self) -> None:
        User.objects.filter(pk__in=self.officers).update(is_active=False)

    def person(self) -> str:
        from renda.demo import vocab

        given = vocab.MALE_GIVEN if self.rng.random() < 0.7 else vocab.FEMALE_GIVEN
        surname = self.rng.choices(list(vocab.SURNAMES), weights=list(vocab.SURNAMES.values()))[0]
        return surname + "".join(self.rng.choice(given) for _ in range(self.rng.choice([1, 2, 2])))

    def deputy(self, pk: int) -> User:
        if pk not in self.deputies:
            username = f"deputy{self.index[pk]:03d}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username, password=None, full_name=self.g.names[pk], deputy_id=pk
                )
                user.groups.add(self.groups[Role.DEPUTY])
                self.created += 1
            self.deputies[pk] = user
        return self.deputies[pk]

    def unit(self, pk: int) -> User:
        if pk not in self.units:
            unit = HandlingUnit.objects.get(pk=pk)
            username, name = f"unit{unit.order:02d}h", self.person()
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username, password=None, full_name=name, handling_unit=unit)
                user.groups.add(self.groups[Role.UNIT])
                self.created += 1
            elif not user.is_active:  # closed after an earlier history: open again until `close`
                User.objects.filter(pk=user.pk).update(is_active=True)
                user.is_active = True
            self.units[pk] = user
            self.officers.append(user.pk)
        return self.units[pk]


class _Cut(Exception):
    """The step falls on or after today: the story stops here."""


class Replay:
    """One case played through the services along its planned timeline (see the module's docstring)."""

    def __init__(self, gen: "_Generator", case: "Case", accounts: Accounts, played: dict[int, Suggestion]):
        from renda.demo.suggestions import _at

        self._at = _at
        self.g, self.case, self.accounts, self.played = gen, case, accounts, played
        self.rng = random.Random(case.seed + 1)
        self.funded: list[tuple] = []
        self.assigned_at: dict[int, datetime.datetime] = {}  # assignment pk → when it was made
        author = accounts.deputy(case.lead)
        self.entered_by = gen.clerk if case.paper else author
        self.s: Suggestion

    # ------------------------------------------------------------ the clock

    def happens(self, when: datetime.datetime | None, step: str) -> bool:
        return when is not None and when < self.g.now and step not in self.case.stops

    def at(self, when: datetime.datetime | None, call, **kwargs) -> Any:
        """`call(**kwargs)` at `when` (a step that happens has its moment)."""
        if when is None:
            raise ValueError("The demo plan has no moment for this step.")
        with clock.at(when):
            return call(**kwargs)

    def fresh(self) -> Suggestion:
        self.s = Suggestion.objects.get(pk=self.s.pk)
        return self.s

    @staticmethod
    def reload(assignment):
        """The assignment as stored now (and its suggestion with it, not a stale copy)."""
        return type(assignment).objects.select_related("suggestion", "unit").get(pk=assignment.pk)

    def answering(self) -> list:
        return list(
            self.s.assignments.filter(role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT])
            .exclude(state=AssignmentState.WITHDRAWN)
            .order_by("pk")
        )

    # ------------------------------------------------------------ the story

    def draft(self) -> None:
        case, g = self.case, self.g
        fields: dict[str, Any] = {
            "lead_deputy": Deputy.objects.get(pk=case.lead),
            "title": case.title,
            "content": g.content(case),
            "actor": self.entered_by,
            "kind": case.kind,
            "category_id": g.categories[case.topic.category],
            "timing": case.timing,
            "congress_session": case.session,
            "delegation_id": case.delegation,
        }
        with clock.at(case.drafted):
            self.s = services.suggestion_create(**_as_objects(fields))
        # Stamped with the real time by the model (auto_now_add): the history's own moment instead.
        Suggestion.objects.filter(pk=self.s.pk).update(created_at=case.drafted)
        self.s.created_at = case.drafted
        self.played[id(case)] = self.s

    def play(self) -> Suggestion:
        case = self.case
        self.draft()
        self.cosign()
        if self.happens(case.submitted, "submit"):
            self.file()
        return self.fresh()

    def cosign(self) -> None:
        case, g, rng = self.case, self.g, self.rng
        if not case.cosigners:
            return
        invited = case.drafted + datetime.timedelta(minutes=rng.randint(1, 4))
        deputies = [Deputy.objects.get(pk=pk) for pk, _ in case.cosigners]
        if case.paper:
            self.at(
                invited,
                services.cosigners_invite,
                suggestion=self.s,
                deputies=deputies,
                actor=g.clerk,
                confirmed=True,
            )
            return
        users = {pk: self.accounts.deputy(pk) for pk, _ in case.cosigners}  # before the invitation's messages
        self.at(
            invited, services.cosigners_invite, suggestion=self.s, deputies=deputies, actor=self.entered_by
        )
        for pk, status in case.cosigners:
            if status == Cosigner.Status.INVITED:
                continue
            until = case.submitted or invited + datetime.timedelta(hours=4)
            answered = invited + (until - invited) * rng.uniform(0.05, 0.95)
            if answered >= g.now:
                continue
            confirm = not (case.kind == Kind.SUGGESTION and rng.random() < 0.05)
            cosigner = Cosigner.objects.get(suggestion=self.s, deputy_id=pk)
            self.at(answered, services.cosigner_respond, cosigner=cosigner, confirm=confirm, actor=users[pk])

    def file(self) -> None:
        from renda.demo.suggestions import REFUSAL_NOTE, RETURN_REASONS, planned

        case, g = self.case, self.g
        self.at(case.submitted, services.suggestion_submit, suggestion=self.fresh(), actor=self.entered_by)
        if case.kind == Kind.MOTION:
            if not self.happens(case.review_at, "presidium"):
                return
            decision = PresidiumDecision(case.review)
            self.at(
                case.review_at,
                services.motion_presidium_decide,
                suggestion=self.fresh(),
                decision=decision,
                actor=g.clerk,
            )
            if decision != PresidiumDecision.AS_SUGGESTION:
                return
        elif not self.happens(case.review_at, "review"):
            return
        elif case.review == "reject":
            refusal = RefusalReason.objects.get(pk=g.refusals[case.refusal])
            self.at(
                case.review_at,
                services.suggestion_reject,
                suggestion=self.fresh(),
                reason=refusal,
                note=REFUSAL_NOTE,
                actor=g.clerk,
            )
            return
        elif case.review == "merge":  # merged by the story of the case it repeats
            return
        elif case.review == "return":
            reason = self.rng.choice(RETURN_REASONS)
            self.at(
                case.review_at,
                services.suggestion_return,
                suggestion=self.fresh(),
                reason=reason,
                actor=g.clerk,
            )
            if not self.happens(case.resubmitted, "resubmit"):
                return
            s = self.fresh()
            self.at(
                planned(case.resubmitted) - datetime.timedelta(minutes=3),
                services.suggestion_update,
                suggestion=s,
                expected_version=s.version,
                changes={},
                actor=self.entered_by,
            )
            self.at(
                case.resubmitted, services.suggestion_submit, suggestion=self.fresh(), actor=self.entered_by
            )
        if not self.happens(case.accepted_at, "review"):
            return
        self.at(case.accepted_at, services.suggestion_accept, suggestion=self.fresh(), actor=g.clerk)
        case.number = self.fresh().number
        for other in case.merged_from:
            duplicate = self.played.get(id(other))
            if duplicate is None or not self.happens(other.review_at, "review"):
                continue
            self.at(
                other.review_at,
                services.suggestions_merge,
                into=self.fresh(),
                others=[Suggestion.objects.get(pk=duplicate.pk)],
                actor=g.clerk,
            )
        self.assign(self.fresh().assignment_due)

    # ------------------------------------------------------------ the units' work

    def assign(self, assignment_due: datetime.date | None) -> None:
        from renda.demo.suggestions import UNIT_ALIASES, _moment, planned

        case, g, rng = self.case, self.g, self.rng
        if case.assign_on:
            on = case.assign_on
        elif case.session:
            on = g.meetings[case.session.pk].date
        elif rng.random() < 0.05:
            on = g.clock.add(planned(assignment_due), rng.randint(1, 4))
        else:
            accepted = planned(case.accepted_at).date()
            days = g.clock.between(accepted, planned(assignment_due))
            on = g.clock.add(accepted, rng.randint(1, max(1, days)))
        at = _moment(rng, on, case.accepted_at)
        if not self.happens(at, "assign"):
            return
        lead = case.lead_unit or planned(g.unit_for(case, rng))
        units: dict[str, Any] = {"lead": HandlingUnit.objects.get(pk=lead)}
        split = (
            g.unit_for(case, rng, exclude={lead}) if case.lead_unit is None and rng.random() < 0.03 else None
        )
        if split is not None:
            units = {"split": [HandlingUnit.objects.get(pk=lead), HandlingUnit.objects.get(pk=split)]}
        elif case.joint or (case.topic.joint and rng.random() < 0.25):
            joint = case.joint or g.unit_ids[UNIT_ALIASES[case.topic.joint]]
            if joint != lead:
                units["joint"] = [HandlingUnit.objects.get(pk=joint)]
        meeting = g.meetings.get(case.session.pk) if case.session and not case.assign_on else None
        for unit in [units.get("lead"), *units.get("joint", []), *units.get("split", [])]:
            if unit is not None:
                self.accounts.unit(unit.pk)  # before the assignment's messages
        self.at(
            at,
            services.suggestion_assign,
            suggestion=self.fresh(),
            on=on,
            actor=g.clerk,
            is_complex=case.complex,
            meeting=meeting,
            **units,
        )
        assignments = list(self.fresh().assignments.order_by("pk"))
        for assignment in assignments:
            self.assigned_at[assignment.pk] = at
        if case.key:
            self.supervise(on, assignments[0].unit_id)
        taken = [self.sign(assignment, on) for assignment in assignments]  # every unit signs, then answers
        self.replied([self.answer(*pair, 1) for pair in taken if pair is not None and pair[0].answers], 1)

    def sign(self, assignment, on: datetime.date) -> tuple[Any, datetime.datetime] | None:
        from renda.demo.suggestions import REASSIGN_REASON, _moment

        case, g, rng = self.case, self.g, self.rng
        user = self.accounts.unit(assignment.unit_id)
        assignment = self.reload(assignment)
        other = None
        if assignment.role == AssignmentRole.LEAD and (
            case.reassign_on or (case.lead_unit is None and rng.random() < 0.03)
        ):
            on_case = assignment.suggestion.assignments.exclude(state=AssignmentState.WITHDRAWN)
            other = g.unit_for(case, rng, exclude=set(on_case.values_list("unit_id", flat=True)))
        created = self.assigned_at[assignment.pk]
        if other is None:
            signed = _moment(rng, g.clock.add(on, rng.randint(1, 3)), created)
            if not self.happens(signed, "sign"):
                return None
            assignment = self.at(signed, casework.sign_for, assignment=self.reload(assignment), actor=user)
            if assignment.role == AssignmentRole.JOINT:
                assignment = self.opinion(assignment, signed)
            return assignment, signed
        day = case.reassign_on or g.clock.add(on, rng.randint(1, g.rules["reassignment_working_days"]))
        asked = _moment(rng, day, created)
        if not self.happens(asked, "sign"):
            return None
        reason = REASSIGN_REASON.format(u=g.unit_names[other])
        assignment = self.at(
            asked,
            casework.request_reassignment,
            assignment=self.reload(assignment),
            reason=reason,
            actor=user,
        )
        decided = _moment(rng, g.clock.add(day, rng.randint(1, 4)), asked)
        if not self.happens(decided, "decide"):
            return None
        if rng.random() < 0.2:
            assignment = self.at(
                decided,
                services.reassignment_decide,
                assignment=self.reload(assignment),
                approve=False,
                note="该事项属于你单位职责范围，请按期办理。",
                actor=g.clerk,
            )
            return assignment, decided
        self.accounts.unit(other)
        replacement = self.at(
            decided,
            services.reassignment_decide,
            assignment=self.reload(assignment),
            approve=True,
            new_unit=HandlingUnit.objects.get(pk=other),
            actor=g.clerk,
        )
        self.assigned_at[replacement.pk] = decided
        return self.sign(replacement, decided.date())

    def opinion(self, assignment, signed: datetime.datetime):
        from renda.demo.suggestions import OPINION, _moment

        g, rng = self.g, self.rng
        day = min(
            g.clock.add(signed.date(), rng.randint(3, 15)), g.clock.on_or_before(assignment.opinion_due)
        )
        sent = _moment(rng, day, signed)
        if self.happens(sent, "opinion"):
            user = self.accounts.unit(assignment.unit_id)
            return self.at(
                sent, casework.send_opinion, assignment=self.reload(assignment), opinion=OPINION, actor=user
            )
        return assignment

    def contact(
        self, assignment, stage: str, day: datetime.date, after, method_summary
    ) -> datetime.datetime | None:
        from renda.demo.suggestions import _moment

        g, rng = self.g, self.rng
        method, summary = method_summary
        summary = summary.format(d=g.names[self.case.lead], p=self.case.place)
        at = _moment(rng, day, after)
        if at >= g.now:
            return None
        self.at(
            at,
            casework.record_contact,
            assignment=self.reload(assignment),
            stage=stage,
            method=method,
            date=at.date(),
            summary=summary,
            actor=self.accounts.unit(assignment.unit_id),
        )
        return at

    def answer(self, assignment, started: datetime.datetime, round_: int) -> tuple | None:
        from renda.demo.suggestions import (
            CONTACT_AFTER,
            CONTACT_DURING,
            CONTACTS_BEFORE,
            NOT_FUNDED,
            _moment,
        )

        case, g, rng = self.case, self.g, self.rng
        assignment = self.reload(assignment)
        start = started.date()
        if round_ == 1 and case.reply_on:
            day = case.reply_on
        elif round_ == 1 and case.late:
            day = assignment.due + datetime.timedelta(days=rng.randint(3, 45))
        else:
            earliest = start + datetime.timedelta(days=10 if round_ > 1 else 25)
            day = earliest + datetime.timedelta(
                days=rng.randint(0, max(0, (assignment.due - earliest).days - 2))
            )
        stage = ContactRecord.Stage.BEFORE if round_ == 1 else ContactRecord.Stage.DURING
        contact_day = min(
            g.clock.add(start, rng.randint(1, 12)), g.clock.on_or_before(day - datetime.timedelta(days=1))
        )
        contacted = self.contact(
            assignment,
            stage,
            max(contact_day, start),
            started,
            rng.choice(CONTACTS_BEFORE) if round_ == 1 else CONTACT_DURING,
        )
        if contacted is None:
            return None
        if round_ == 1 and rng.random() < 0.4 and (day - contacted.date()).days > 20:
            self.contact(
                assignment,
                ContactRecord.Stage.DURING,
                contacted.date() + datetime.timedelta(days=10),
                contacted,
                CONTACT_DURING,
            )
        at = _moment(rng, max(day, contacted.date()), contacted)
        if not self.happens(at, "reply" if round_ == 1 else "rehandle"):
            return None
        user = self.accounts.unit(assignment.unit_id)
        category = g.results[self.g_category(round_)]
        ask = g.fill(rng, rng.choice(case.topic.asks), case)
        promised = at.date() + datetime.timedelta(days=rng.randint(60, 300))
        text = g.reply_text(rng, case, category.code, ask, promised, start, at.date())
        reply = self.at(
            at,
            services.reply_send,
            assignment=self.reload(assignment),
            result_category=category,
            text=text,
            signer=g.heads[assignment.unit_id],
            **g.letter_fields(rng, assignment.unit_id, at.date()),  # its letter made on demand from these
            actor=user,
            publishable=rng.random() < 0.7,
            commitments=[(ask, promised)] if category.needs_follow_up else [],
        )
        if category.needs_follow_up:
            self.commit(reply, ask, promised, user)
        if category.code in "AB" and round_ == 1 and case.topic.key not in NOT_FUNDED:
            self.funded.append((assignment.unit_id, at.date()))
        if rng.random() < 0.25:
            self.contact(
                assignment,
                ContactRecord.Stage.AFTER,
                g.clock.add(at.date(), rng.randint(3, 15)),
                at,
                CONTACT_AFTER,
            )
        return at, user

    def g_category(self, round_: int) -> str:
        from renda.demo.suggestions import _Story

        return _Story.category(self, round_)  # type: ignore[arg-type]  # reads case and rng only

    def commit(self, reply, ask: str, due: datetime.date, user: User) -> None:
        from renda.demo.suggestions import _moment

        g, rng = self.g, self.rng
        commitment = reply.commitments.get()
        if "commitment" not in self.case.stops and rng.random() < 0.75:
            day = max(
                reply.sent_at.date() + datetime.timedelta(days=20),
                due - datetime.timedelta(days=rng.randint(0, 40)),
            )
            text, solved = f"已{ask}。", True
        else:
            day, text, solved = (
                reply.sent_at.date() + datetime.timedelta(days=rng.randint(45, 90)),
                "正在推进，前期工作已完成。",
                False,
            )
        at = _moment(rng, day, reply.sent_at)
        if at >= g.now:
            return
        raise_to = None
        if solved and rng.random() < 0.5 and reply.result_category.code == "B":
            raise_to = g.results["A"]
        self.at(
            at,
            services.commitment_update_post,
            commitment=commitment,
            text=text,
            solved=solved,
            raise_to=raise_to,
            actor=user,
        )

    def replied(self, answers: list, round_: int) -> None:
        if not answers or None in answers or len(answers) < len(self.answering()):
            return
        at, _ = max(answers, key=lambda pair: pair[0])
        self.evaluate(at, round_)

    def evaluate(self, replied: datetime.datetime, round_: int) -> None:
        from renda.demo.suggestions import COMPLAINTS, OUTCOME, PRAISE, _moment, planned

        case, g, rng = self.case, self.g, self.rng
        s = self.fresh()
        evaluators = [case.lead]
        if g.rules["every_signer_evaluates"]:
            evaluators += list(
                s.cosigners.filter(status=Cosigner.Status.CONFIRMED)
                .order_by("deputy_id")
                .values_list("deputy_id", flat=True)
            )
        if case.fate == "silent":
            at = self._at(
                planned(s.evaluation_due) + datetime.timedelta(days=1), 2
            )  # the daily tick closes it
            if self.happens(at, "evaluate"):
                self.at(at, services.evaluations_expire, today=at.date())
            return
        day = g.clock.add(replied.date(), rng.randint(1, g.rules["evaluation_working_days"] - 2))
        at = _moment(rng, day, replied, hours=(8, 22))
        if not self.happens(at, "evaluate"):
            return
        if case.fate in ("satisfied", "basic") or (case.fate == "once" and round_ == 2):
            rating = (
                Rating.SATISFIED
                if case.fate == "satisfied" or rng.random() < 0.5
                else Rating.BASICALLY_SATISFIED
            )
            comment = rng.choice(PRAISE)
        else:
            rating, comment = Rating.DISSATISFIED, rng.choice(COMPLAINTS)
        separate = rating if g.rules["separate_attitude_and_result"] else ""
        moments = {
            pk: at if pk == case.lead else replied + (at - replied) * rng.uniform(0.1, 0.9)
            for pk in evaluators
        }
        for pk in sorted(evaluators, key=lambda pk: pk == case.lead):  # co-signers before the lead decides
            self.at(
                moments[pk],
                services.evaluation_submit,
                suggestion=self.fresh(),
                rating=rating,
                actor=self.accounts.deputy(pk),
                comment=comment if pk == case.lead else "",
                attitude=separate,
                result=separate,
            )
        if rating != Rating.DISSATISFIED:
            return
        if round_ == 1:
            self.replied([self.answer(assignment, at, 2) for assignment in self.answering()], 2)
            return
        closed = _moment(rng, g.clock.add(at.date(), rng.randint(5, 20)), at)
        if self.happens(closed, "coordination"):
            self.at(
                closed, services.coordination_close, suggestion=self.fresh(), outcome=OUTCOME, actor=g.clerk
            )

    def supervise(self, on: datetime.date, first_unit: int) -> None:
        from renda.demo.suggestions import SUPERVISION, SUPERVISION_NOTES, _moment

        case, g, rng = self.case, self.g, self.rng
        decided = g.clock.add(on, rng.randint(5, 15))
        at = _moment(rng, decided)
        if not self.happens(at, "supervise"):
            return
        pk, name, position = rng.choice(g.chairs)
        leader = f"{name}{'主任' if position == CommitteeMembership.Position.CHAIR else '副主任'}"
        supervision = self.at(
            at,
            services.key_supervision_select,
            suggestion=self.fresh(),
            decided_on=decided,
            leader=CommitteeMembership.objects.get(pk=pk),
            decision=SUPERVISION.format(leader=leader),
            actor=g.clerk,
        )
        unit = g.unit_names[first_unit]
        for kind, text in rng.sample(SUPERVISION_NOTES, rng.randint(1, 3)):
            day = g.clock.on_or_after(decided + datetime.timedelta(days=rng.randint(15, 75)))
            when = _moment(rng, day)
            if when >= g.now:
                continue
            text = text.format(
                leader=leader,
                p=case.place,
                u=unit,
                a=g.fill(rng, case.topic.asks[0], case),
                n=rng.randint(3, 9),
            )
            self.at(
                when,
                services.supervision_note_add,
                supervision=supervision,
                kind=kind,
                date=day,
                text=text,
                actor=g.clerk,
            )


def _as_objects(fields: dict[str, Any]) -> dict[str, Any]:
    """suggestion_create takes objects: the category and delegation by key."""
    from renda.deputies.models import Delegation
    from renda.suggestions.models import SuggestionCategory

    fields = dict(fields)
    category, delegation = fields.pop("category_id"), fields.pop("delegation_id")
    fields["category"] = SuggestionCategory.objects.get(pk=category) if category else None
    fields["delegation"] = Delegation.objects.get(pk=delegation) if delegation else None
    return fields


def stamp_updated(pks: list[int]) -> None:
    """A replayed suggestion's updated_at is the time of its last event, not the real time of the replay."""
    last = (
        SuggestionEvent.objects.filter(suggestion=OuterRef("pk"))
        .values("suggestion")
        .annotate(m=Max("created_at"))
        .values("m")
    )
    Suggestion.objects.filter(pk__in=pks).update(updated_at=Subquery(last))


def fund_through_services(gen: "_Generator", year: int, candidates: list[tuple], clerk: User) -> int:
    """The year's fund and its projects through renda.fund.services (same draws as the bulk writer's fund)."""
    rng = gen.rng
    chosen = rng.sample(candidates, min(len(candidates), round(gen.filed[year] * 0.15)))
    if not chosen:
        return 0
    from renda.demo.suggestions import _moment

    created = _moment(rng, datetime.date(year, 3, 1))
    specs = []
    for pk, name, unit, answered in chosen:
        done = answered + datetime.timedelta(days=rng.randint(30, 150))
        amount = Decimal(rng.randrange(50, 600) * 1000)
        beneficiaries = rng.randrange(200, 6000, 10)
        specs.append((pk, name, unit, done, amount, beneficiaries))
    total = (sum(spec[4] for spec in specs) * Decimal("1.1") / 100_000).quantize(Decimal(1)) * 100_000
    with clock.at(created):
        fund = fund_services.fund_create(year=year, name="代表建议办理专项资金", amount=total, actor=clerk)
    for pk, name, unit, done, amount, beneficiaries in specs:
        with clock.at(created):
            project = fund_services.fund_project_create(
                fund=fund,
                name=name,
                unit=HandlingUnit.objects.get(pk=unit),
                amount=amount,
                actor=clerk,
                suggestions=[Suggestion.objects.get(pk=pk)],
                status=FundProject.Status.IN_PROGRESS,
                beneficiaries=beneficiaries,
            )
        if done < gen.today:
            with clock.at(datetime.datetime.combine(done, datetime.time(10))):
                fund_services.fund_project_update(
                    project=project,
                    expected_version=project.version,
                    changes={"status": FundProject.Status.COMPLETED, "completed_on": done},
                    actor=clerk,
                )
    return len(specs)


def read_handled(after: int) -> None:
    """Mark read the history's messages about suggestions that no longer wait for their recipient (as the
    opinions demo does): what stays unread is a deputy's evaluation or invitation still open, a unit's open
    assignment, the office's queues."""
    from renda.core.models import Notification
    from renda.core.services import notifications_mark_read
    from renda.suggestions.workflows import IN_HANDLING, evaluators

    waiting: set[tuple[int, int]] = set()
    deputies = dict(User.objects.filter(deputy__isnull=False).values_list("deputy_id", "pk"))
    for suggestion in Suggestion.objects.filter(state=State.REPLIED):
        waiting |= {(deputies[pk], suggestion.pk) for pk in evaluators(suggestion) if pk in deputies}
    for pk, deputy in Cosigner.objects.filter(status=Cosigner.Status.INVITED).values_list(
        "suggestion_id", "deputy_id"
    ):
        if deputy in deputies:
            waiting.add((deputies[deputy], pk))
    officers: dict[int, list[int]] = {}
    for pk, unit in User.objects.filter(handling_unit__isnull=False).values_list("pk", "handling_unit_id"):
        officers.setdefault(unit, []).append(pk)
    open_states = [AssignmentState.ASSIGNED, AssignmentState.ACCEPTED, AssignmentState.REASSIGN_REQUESTED]
    from renda.suggestions.models import Assignment

    for unit, pk in Assignment.objects.filter(
        state__in=open_states, suggestion__state__in=IN_HANDLING
    ).values_list("unit_id", "suggestion_id"):
        waiting |= {(user, pk) for user in officers.get(unit, [])}
    office = Suggestion.objects.filter(
        state__in=[State.SUBMITTED, State.PRESIDIUM_REVIEW, State.ACCEPTED, State.COORDINATION]
    ).values_list("pk", flat=True)
    requests = Assignment.objects.filter(state=AssignmentState.REASSIGN_REQUESTED).values_list(
        "suggestion_id", flat=True
    )
    office_pks = set(office) | set(requests)
    messages = Notification.objects.filter(
        pk__gt=after, key="", url__startswith="/suggestions/"
    ).select_related("recipient")
    for message in messages:
        pk = int(message.url.strip("/").split("/")[1])
        if (message.recipient_id, pk) in waiting:
            continue
        if pk in office_pks and not message.recipient.handling_unit_id and not message.recipient.deputy_id:
            continue
        notifications_mark_read(actor=message.recipient, pk=message.pk)
