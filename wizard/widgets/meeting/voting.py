"""Deciding the pending motion at a meeting: a counted vote or a secret ballot, a roll call, a
consensus test (and the fallback vote the bylaws give when consensus fails), amendments voted
first, and proxies. Every rule is formation's (``meetings.record_vote``, ``record_consensus``,
``add_amendment``, ``attend``); this module only asks and shows."""

from __future__ import annotations

from uuid import UUID

from formation import meetings, procedure
from formation import roll as meeting_roll
from formation.errors import FormationError, InputError
from formation.models import Member
from formation.models.meetings import Amendment, Meeting, Motion, RollCallEntry
from formation.models.rules import GovernanceRules, MajorityRule
from wizard.dialogs.amendment import FIELDS as AMENDMENT_FIELDS
from wizard.dialogs.amendment import AmendmentDialog, AmendmentRequest
from wizard.dialogs.consensus import ConsensusDialog, ConsensusRequest
from wizard.dialogs.proxy import FIELDS as PROXY_FIELDS
from wizard.dialogs.proxy import ProxyDialog
from wizard.dialogs.roll_call import RollCallDialog, Voter
from wizard.dialogs.vote import VoteCounts, VoteDialog
from wizard.forms import show_problems
from wizard.i18n import _
from wizard.widgets.meeting.motions import pending_motion

VOTE_FIELDS = {"votes": "votes", "community_in_favour": "votes", "community_against": "votes", "quorum": "form",
               "motion_id": "form", "amendment_id": "form", "amendments": "form", "attendance": "form",
               "rules": "form", "roll_call": "form", "casting_vote": "form"}
CONSENSUS_FIELDS = {"agree": "agree", "consensus": "form", "stand_asides": "reason", "blocks": "reason",
                    "motion_id": "form", "amendments": "form", "quorum": "form", "rules": "form"}


def reason_of(error: FormationError) -> str:
    """The plain reason of a refusal (without the source prefix)."""
    return getattr(error, "detail", None) or str(error)


class MeetingVoting:
    """Mixin of ``MeetingPanel`` (which provides ``session``, ``meeting_id``, ``meeting``,
    ``rules``, ``_explicit_rules``, ``_voters``, ``say`` and ``_changed``)."""

    # ------------------------------------------------------------------ what is decided, and by which rule
    def _decision(self) -> tuple[Meeting, Motion, Amendment | None, GovernanceRules, meeting_roll.Roll,
                                 MajorityRule] | None:
        """The pending motion (or its pending amendment) and the rule it is decided by, or None
        with the reason said under the quorum line."""
        meeting = self.meeting  # type: ignore[attr-defined]
        motion = pending_motion(meeting)
        if motion is None:
            self.say(_("No motion is pending. Press m to move one."))  # type: ignore[attr-defined]
            return None
        rules = self.rules()  # type: ignore[attr-defined]
        if rules is None:
            self.say(_("There are no rules to decide by yet: adopt bylaws first."))  # type: ignore[attr-defined]
            return None
        amendment = motion.pending_amendment
        try:
            roll = meeting_roll.load_roll(self.session, meeting, rules)  # type: ignore[attr-defined]
            if amendment is not None:
                rule = procedure.AMENDMENT_RULE
            else:
                rule = procedure.rule_for_motion(rules, motion.decision_kind, motion.motion_type)
        except FormationError as error:
            self.say(reason_of(error))  # type: ignore[attr-defined]
            return None
        return meeting, motion, amendment, rules, roll, rule

    def _subject(self, motion: Motion, amendment: Amendment | None) -> str:
        if amendment is None:
            return motion.text
        return _("the amendment to motion {n}: {text}").format(n=motion.number, text=amendment.text)

    def _vote_rule(self, motion: Motion, amendment: Amendment | None, rule: MajorityRule) -> MajorityRule | None:
        """The rule a vote is counted by: the fallback vote after a failed consensus; None (said
        why) when the bylaws decide by consensus and it was not tested yet, or give no fallback."""
        if amendment is not None or rule.kind != "consensus":
            return rule
        if motion.result == "fallback_vote_needed" and rule.fallback is not None:
            return rule.fallback
        if motion.result == "fallback_vote_needed":
            self.say(_("Consensus failed and the bylaws give no fallback vote: the motion cannot be carried; "
                       "withdraw it (w)."))  # type: ignore[attr-defined]
        else:
            self.say(_("The bylaws take this decision by consensus: press v to record agreement, "
                       "stand-asides and blocks."))  # type: ignore[attr-defined]
        return None

    def _names(self) -> dict[UUID, str]:
        return {m.id: m.work_name for m in self.session.all(Member)}  # type: ignore[attr-defined]

    def _after_decision(self, result: object) -> None:
        if result is not None:
            self._changed()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ votes
    def action_vote(self) -> None:
        """Decide the pending motion: its amendment first; a consensus test where the bylaws
        decide by consensus (then the fallback vote if it fails); else the counts, with a live
        tally (a show of hands or a secret ballot)."""
        found = self._decision()
        if found is None:
            return
        meeting, motion, amendment, rules, roll, rule = found
        if amendment is None and rule.kind == "consensus" and motion.result == "pending":
            self._consensus(meeting, motion, rules, roll, rule)
            return
        vote_rule = self._vote_rule(motion, amendment, rule)
        if vote_rule is None:
            return
        try:
            present = len(meeting_roll.voters_present(meeting, roll, rules))
            presence = meeting_roll.community_presence_of(meeting, roll, rules)
        except FormationError as error:
            self.say(reason_of(error))  # type: ignore[attr-defined]
            return
        dialog = VoteDialog(self._subject(motion, amendment), vote_rule, present, len(roll.electorate), presence)

        def submit(counts: VoteCounts) -> None:
            try:
                outcome = meetings.record_vote(
                    self.session, self.meeting_id, motion.id, in_favour=counts.in_favour,  # type: ignore[attr-defined]
                    against=counts.against, abstentions=counts.abstentions,
                    community_in_favour=counts.community_in_favour, community_against=counts.community_against,
                    secret_ballot=counts.secret_ballot, amendment_id=amendment.id if amendment else None,
                    rules=self._explicit_rules(motion.adopts_bylaws),  # type: ignore[attr-defined]
                )
            except InputError as error:
                show_problems(dialog, error, VOTE_FIELDS)
                return
            self.say(outcome.explanation)  # type: ignore[attr-defined]
            dialog.dismiss(counts)

        dialog.on_submit = submit
        self.app.push_screen(dialog, self._after_decision)  # type: ignore[attr-defined]

    def action_roll_call(self) -> None:
        """Decide the pending motion (or its amendment) by a roll call: each voter present, and
        each proxy held, called by name."""
        found = self._decision()
        if found is None:
            return
        meeting, motion, amendment, rules, roll, rule = found
        vote_rule = self._vote_rule(motion, amendment, rule)
        if vote_rule is None:
            return
        try:
            voters = meeting_roll.voters_present(meeting, roll, rules)
            presence = meeting_roll.community_presence_of(meeting, roll, rules)
        except FormationError as error:
            self.say(reason_of(error))  # type: ignore[attr-defined]
            return
        names = self._names()

        def label(voter: tuple[UUID, UUID | None]) -> str:
            holder, principal = voter
            if principal is None:
                return names.get(holder, "—")
            return _("{holder} for {principal} (proxy)").format(holder=names.get(holder, "—"),
                                                                principal=names.get(principal, "—"))

        called = [Voter(label(v), v[0], v[1]) for v in sorted(voters, key=lambda v: label(v).casefold())]

        def community(entries: list[RollCallEntry]) -> procedure.CommunityVotes | None:
            return meeting_roll.community_votes_of(roll, vote_rule, method="roll_call", entries=entries, in_favour=0,
                                                   against=0, community_in_favour=None, community_against=None)

        dialog = RollCallDialog(self._subject(motion, amendment), vote_rule, called, len(voters),
                                len(roll.electorate), presence, community)

        def submit(entries: list[RollCallEntry]) -> None:
            try:
                outcome = meetings.record_vote(
                    self.session, self.meeting_id, motion.id, roll_call=entries,  # type: ignore[attr-defined]
                    amendment_id=amendment.id if amendment else None,
                    rules=self._explicit_rules(motion.adopts_bylaws),  # type: ignore[attr-defined]
                )
            except InputError as error:
                show_problems(dialog, error, VOTE_FIELDS)
                return
            self.say(outcome.explanation)  # type: ignore[attr-defined]
            dialog.dismiss(entries)

        dialog.on_submit = submit
        self.app.push_screen(dialog, self._after_decision)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ consensus
    def _consensus(self, meeting: Meeting, motion: Motion, rules: GovernanceRules, roll: meeting_roll.Roll,
                   rule: MajorityRule) -> None:
        names = self._names()
        try:
            voters = meeting_roll.voters_present(meeting, roll, rules)
        except FormationError as error:
            self.say(reason_of(error))  # type: ignore[attr-defined]
            return
        present = sorted({holder for holder, principal in voters if principal is None},
                         key=lambda i: names.get(i, "").casefold())
        dialog = ConsensusDialog(motion.text, rule, [(names.get(i, "—"), i) for i in present])

        def submit(request: ConsensusRequest) -> None:
            try:
                outcome = meetings.record_consensus(
                    self.session, self.meeting_id, motion.id, agree=request.agree,  # type: ignore[attr-defined]
                    stand_asides=request.stand_asides, blocks=request.blocks,
                    rules=self._explicit_rules(motion.adopts_bylaws),  # type: ignore[attr-defined]
                )
            except InputError as error:
                show_problems(dialog, error, CONSENSUS_FIELDS)
                return
            message = outcome.explanation
            if outcome.result == "fallback_vote_needed":
                message += " " + _("Press v (or l for a roll call) to record the fallback vote.")
            self.say(message)  # type: ignore[attr-defined]
            dialog.dismiss(request)

        dialog.on_submit = submit
        self.app.push_screen(dialog, self._after_decision)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ amendments and proxies
    def action_amend(self) -> None:
        """Move an amendment to the pending motion; it is voted on before the motion."""
        motion = pending_motion(self.meeting)  # type: ignore[attr-defined]
        if motion is None:
            self.say(_("No motion is pending, so there is nothing to amend. Press m to move one."))  # type: ignore[attr-defined]
            return
        dialog = AmendmentDialog(motion.text, self._voters())  # type: ignore[attr-defined]

        def submit(request: AmendmentRequest) -> None:
            try:
                meetings.add_amendment(
                    self.session, self.meeting_id, motion.id, request.text, request.resulting_text,  # type: ignore[attr-defined]
                    mover_id=request.mover_id, seconder_id=request.seconder_id,  # type: ignore[arg-type]
                    rules=self._explicit_rules(motion.adopts_bylaws),  # type: ignore[attr-defined]
                )
            except InputError as error:
                show_problems(dialog, error, AMENDMENT_FIELDS)
                return
            dialog.dismiss(request)

        def after(request: AmendmentRequest | None) -> None:
            if request is not None:
                self.say(_("Amendment moved. Press v to vote on it first (a majority of the votes cast)."))  # type: ignore[attr-defined]
                self.show_tab("tab-motions")  # type: ignore[attr-defined]
                self._changed()  # type: ignore[attr-defined]

        dialog.on_submit = submit
        self.app.push_screen(dialog, after)  # type: ignore[attr-defined]

    def ask_proxy(self, principal_id: UUID) -> None:
        """A member votes by proxy: ask who holds it, and record it (where the bylaws allow proxies)."""
        meeting = self.meeting  # type: ignore[attr-defined]
        names = self._names()
        present = {a.member_id for a in meeting.attendance
                   if a.member_id is not None and a.is_present and a.member_id != principal_id}
        holders = sorted(((m.work_name, m.id) for m in self.session.all(Member)  # type: ignore[attr-defined]
                          if m.id in present and m.is_voting), key=lambda h: h[0].casefold())
        dialog = ProxyDialog(names.get(principal_id, "—"), holders)

        def submit(holder: UUID) -> None:
            try:
                meetings.attend(self.session, self.meeting_id, [principal_id], "proxy",  # type: ignore[attr-defined]
                                proxy_holder_id=holder, rules=self._explicit_rules())  # type: ignore[attr-defined]
            except InputError as error:
                show_problems(dialog, error, PROXY_FIELDS)
                return
            dialog.dismiss(holder)

        def after(holder: UUID | None) -> None:
            if holder is not None:
                self.say("")  # type: ignore[attr-defined]
                self.attendance_changed()  # type: ignore[attr-defined]

        dialog.on_submit = submit
        self.app.push_screen(dialog, after)  # type: ignore[attr-defined]
