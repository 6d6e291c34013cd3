"""休假代理: recording an absence, new tasks routing to the substitute during the window (and not after), the
hand-over of open tasks in one audited action, and the 回避 rule still binding the substitute."""
from datetime import timedelta

import pytest
from sqlalchemy import select

import engine
from assistance.core import kinship, substitution
from assistance.core.directory import Directory
from assistance.core.models import Region, RegionLevel
from assistance.core.regions import create_region
from assistance.core.substitution import AbsenceInvalid
from assistance.worklist.notifications import Notification
from engine import AuditEvent, TaskState


@pytest.fixture
def away(session, staff, clock):
    """away(user, substitute, days=7): record an absence starting now, committed."""
    def record(user, substitute, days=7):
        absence = substitution.record(session, user=user, substitute=substitute, start_dt=clock.now(),
                                      end_dt=clock.now() + timedelta(days=days), note="年休假", actor_id=user.id)
        session.commit()
        return absence
    return record


def test_an_absence_needs_a_window_and_an_eligible_substitute(session, staff, tree, make_user, clock):
    a = staff["dulin_a"]
    for substitute, start, end, field in (
            (staff["dulin_b"], clock.now(), clock.now(), "end"),
            (staff["keerqin"], clock.now(), clock.now() + timedelta(days=1), "substitute_id"),   # another county
            (staff["boss"], clock.now(), clock.now() + timedelta(days=1), "substitute_id"),      # another role
            (None, clock.now(), clock.now() + timedelta(days=1), "substitute_id")):
        with pytest.raises(AbsenceInvalid) as refused:
            substitution.record(session, user=a, substitute=substitute, start_dt=start, end_dt=end, actor_id=a.id)
        assert field in refused.value.errors
    sibling = make_user("sibling", "township_caseworker", _sibling_township(session))
    assert {u.id for u in session.scalars(substitution.eligible_substitutes(session, a))} == {staff["dulin_b"].id,
                                                                                             sibling.id}
    substitution.record(session, user=a, substitute=staff["dulin_b"], start_dt=clock.now(),
                        end_dt=clock.now() + timedelta(days=3), actor_id=a.id)
    with pytest.raises(AbsenceInvalid, match="重叠"):
        substitution.record(session, user=a, substitute=staff["dulin_b"], start_dt=clock.now() + timedelta(days=1),
                            end_dt=clock.now() + timedelta(days=5), actor_id=a.id)


def test_candidates_on_leave_are_replaced_by_their_substitutes(session, staff, tree, away, clock):
    away(staff["dulin_a"], staff["dulin_b"])
    assert Directory().route(session, "township_caseworker", tree["heping"].id) == (tree["dulin"].id,
                                                                                   [staff["dulin_b"].id])
    clock.advance(days=8)                                   # back from leave
    assert Directory().route(session, "township_caseworker", tree["heping"].id)[1] == [staff["dulin_a"].id,
                                                                                      staff["dulin_b"].id]


def test_when_the_whole_pool_is_away_new_tasks_go_straight_to_the_substitute(session, session_factory, staff,
                                                                            make_user, review, away, clock):
    start = review()
    yilelite = make_user("yilelite_a", "township_caseworker", _sibling_township(session))   # the next township
    session.commit()
    away(staff["dulin_a"], staff["dulin_b"])
    task = start()
    assert (task.state, task.assignee_id) == (TaskState.READY, None)    # dulin_b is still there to claim it
    away(staff["dulin_b"], yilelite)
    task = start()
    assert (task.state, task.assignee_id) == (TaskState.RESERVED, yilelite.id)
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "task.substitute"))
        assert event.task_id == task.id and "休假代理" in event.reason
        assert s.scalar(select(Notification.user_id).where(Notification.kind == "task.assigned")) == yilelite.id
    clock.advance(days=8)
    assert start().assignee_id is None                      # after the window: the pool again


def _sibling_township(session):
    city = session.scalar(select(Region).where(Region.code == "152201"))
    return create_region(session, code="152201100000", name="义勒力特镇", level=RegionLevel.TOWNSHIP, parent=city)


def test_hand_over_moves_every_held_task_in_one_audited_action(session, session_factory, staff, review, away,
                                                               id_number):
    start = review()
    held = [start(), start(), start()]
    for task in held:
        engine.claim(session, task.id, staff["dulin_a"].id)
    engine.transitions.suspend(session, held[2].id, staff["boss"].id, "待核查")
    kinship.declare(session, user_id=staff["dulin_b"].id, id_number=id_number(), name="亲属",
                    relation="兄弟姐妹", actor_id=None)    # no household has this number: excludes nothing
    session.commit()
    absence = away(staff["dulin_a"], staff["dulin_b"])
    results = substitution.hand_over(session, absence, staff["dulin_a"].id)
    session.commit()
    assert [(r.task_id, r.ok) for r in results] == [(held[0].id, True), (held[1].id, True), (held[2].id, False)]
    assert "挂起" in results[2].message
    with session_factory() as s:
        summary = s.scalar(select(AuditEvent).where(AuditEvent.action == "absence.handover"))
        assert summary.after == {"absence": absence.id, "moved": [held[0].id, held[1].id], "kept": [held[2].id]}
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "task.handover")).all()) == 2


def test_the_substitute_is_never_given_a_task_they_must_stay_out_of(session, staff, review, away):
    task = review()()
    engine.claim(session, task.id, staff["dulin_a"].id)
    task.excluded = [staff["dulin_b"].id]                   # e.g. dulin_b's relative's case
    session.commit()
    results = substitution.hand_over(session, away(staff["dulin_a"], staff["dulin_b"]), staff["dulin_a"].id)
    assert [(r.ok, "回避" in r.message) for r in results] == [(False, True)]
    assert session.get(type(task), task.id).assignee_id == staff["dulin_a"].id
