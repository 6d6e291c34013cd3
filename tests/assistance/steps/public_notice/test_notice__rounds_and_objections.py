"""公示: rounds numbered per case and lasting the region's notice days, objections only while a round runs, and
`notice.closed` telling whichever programme listens (the step itself knows none)."""
from datetime import date, timedelta

import pytest

from assistance.core.households import open_case, register_household
from assistance.core.params import set_param
from assistance.steps.public_notice import notice as public_notice
from assistance.steps.public_notice import scripts as notice_scripts
from engine import EngineError, events, scripts


@pytest.fixture
def case(session, clock, tree, id_number):
    """A one-person case in 平安村 (科尔沁右翼前旗)."""
    household = register_household(session, region_id=tree["pingan"].id, address="平安村一组", is_urban=False,
                                   members=[{"name": "张喆", "id_number": id_number(), "relation": "本人",
                                             "is_applicant": True}], actor_id=None)
    return open_case(session, household=household, programme="dibao_application", actor_id=None)


@pytest.fixture
def heard(monkeypatch):
    """What a listener of notice.closed receives, in order; the subscriptions are restored afterwards."""
    monkeypatch.setattr(events, "_subscribers", {name: list(fns) for name, fns in events._subscribers.items()})
    payloads = []
    events.subscribe("notice.closed", lambda session, **payload: payloads.append(payload))
    return payloads


def test_a_round_lasts_the_regions_notice_days_and_the_next_one_is_numbered_after_it(session, tree, case):
    set_param(session, "public_notice_days", 5, region_id=tree["qianqi"].id, effective_from=date(2025, 1, 1),
              actor_id=None)
    with scripts.session_scope(session):
        first = notice_scripts.open_public_notice(case.id)
        assert notice_scripts.close_public_notice(case.id, "objection") == {"round": 1, "outcome": "objection"}
        second = notice_scripts.open_public_notice(case.id)
    assert first == {"round": 1, "days": 5, "closes": "2026-03-07T09:00:00+08:00"}
    assert (second["round"], second["days"]) == (2, 5)
    notice = public_notice.current_notice(session, case)
    assert (notice.round, notice.closes_dt - notice.opened_dt, notice.closed_dt) == (2, timedelta(days=5), None)


def test_closing_records_the_outcome_and_tells_the_listening_programme(session, case, heard):
    public_notice.open_public_notice(session, case)
    notice = public_notice.close_public_notice(session, case, "no_objection")
    assert (notice.outcome, notice.closed_dt is not None) == ("no_objection", True)
    assert heard == [{"case": case, "outcome": "no_objection"}]


def test_an_objection_needs_a_running_notice_someone_who_raised_it_and_a_reason(session, case, make_user, tree):
    clerk = make_user("keerqin_a", "township_caseworker", tree["keerqin"])
    with pytest.raises(EngineError, match="没有进行中的公示"):
        public_notice.record_objection(session, case, "邻居王某", "家中新购置轿车一辆", clerk.id)
    notice = public_notice.open_public_notice(session, case)
    with pytest.raises(EngineError, match="至少 4 个字"):
        public_notice.record_objection(session, case, "邻居王某", "有车", clerk.id)
    with pytest.raises(EngineError, match="至少 4 个字"):
        public_notice.record_objection(session, case, "  ", "家中新购置轿车一辆", clerk.id)
    objection = public_notice.record_objection(session, case, " 邻居王某 ", " 家中新购置轿车一辆 ", clerk.id)
    assert (objection.notice_id, objection.raised_by, objection.reason, objection.recorded_by) == (
        notice.id, "邻居王某", "家中新购置轿车一辆", clerk.id)
    public_notice.close_public_notice(session, case, "objection")
    with pytest.raises(EngineError, match="没有进行中的公示"):
        public_notice.record_objection(session, case, "邻居李某", "另有收入未申报", clerk.id)
