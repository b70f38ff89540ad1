"""Random branches and members (added, leaving, moved, deleted; branches moved, switched to
keeping totals, figures entered and deleted): the kept association counts equal a rebuild."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from xhht.association.models import Branch, Member, MembershipFigure
from xhht.association.tests import factories
from xhht.association.tests.test_counters import kept_pairs
from xhht.indicators import rebuild as rebuild_module
from xhht.testing.world import build_world

DAY = datetime.date(2024, 6, 1)


class AssociationCountsMachine(RuleBasedStateMachine):
    @initialize()
    def build(self) -> None:
        # Each run of the machine happens in a transaction rolled back at teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        w = self.world
        self.branches = [
            w.once("province_branch", factories.province_branch),
            w.once("commune_branch", factories.commune_branch),
            w.once("chapter", factories.chapter),
            w.once("other_branch", factories.other_branch),
        ]
        self.places = [w.hamlet, w.other_hamlet, w.commune, w.far_commune]

    def teardown(self) -> None:
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def _branch(self, which: int) -> Branch:
        return Branch.objects.get(pk=self.branches[which].pk)

    def _member(self, index: int) -> Member:
        """The ``index``-th member (cycling), one made in a branch first when there is none:
        every rule then changes something, however few steps a run has."""
        members = list(Member.objects.order_by("pk"))
        if not members:
            branch = self._branch(index % len(self.branches))
            return Member.objects.create(branch=branch, full_name="Hội Viên", joined_on=DAY)
        return members[index % len(members)]

    @rule(which=st.integers(0, 3))
    def add_member(self, which: int) -> None:
        Member.objects.create(branch=self._branch(which), full_name="Hội Viên", joined_on=DAY)

    @rule(index=st.integers(0, 5))
    def member_leaves_or_returns(self, index: int) -> None:
        member = self._member(index)
        member.left_on = None if member.left_on else DAY
        member.save()

    @rule(index=st.integers(0, 5), which=st.integers(0, 3))
    def member_moves(self, index: int, which: int) -> None:
        member = self._member(index)
        member.branch = self._branch(which)
        member.save()

    @rule(index=st.integers(0, 5))
    def delete_member(self, index: int) -> None:
        self._member(index).delete()

    @rule(which=st.integers(2, 3), place=st.integers(0, 3))
    def move_branch(self, which: int, place: int) -> None:
        branch = self._branch(which)
        branch.place = self.places[place]
        branch.parent = None
        branch.save()

    @rule(which=st.integers(0, 3))
    def toggle_totals(self, which: int) -> None:
        branch = self._branch(which)
        branch.keeps_totals = not branch.keeps_totals
        branch.save()

    @rule(which=st.integers(0, 3))
    def toggle_dissolved(self, which: int) -> None:
        branch = self._branch(which)
        branch.dissolved_on = None if branch.dissolved_on else DAY
        branch.save()

    @rule(which=st.integers(0, 3), year=st.integers(2022, 2024), members=st.integers(0, 50))
    def enter_figure(self, which: int, year: int, members: int) -> None:
        MembershipFigure.objects.update_or_create(
            branch=self._branch(which), year=year, defaults={"members": members}
        )

    @rule(index=st.integers(0, 3))
    def delete_figure(self, index: int) -> None:
        figure = MembershipFigure.objects.order_by("pk")[index : index + 1].first()
        if figure is not None:
            figure.delete()

    @invariant()
    def kept_counts_equal_a_rebuild(self) -> None:
        before = kept_pairs()
        rebuild_module.rebuild()
        assert kept_pairs() == before


AssociationCountsMachine.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class TestKeptCountsEqualARebuild(AssociationCountsMachine.TestCase, TestCase):  # type: ignore[misc,valid-type]  # hypothesis is imported untyped
    pass
