"""乌海市 乌民发〔2021〕17号 三 through the real process: the 低保类别 (A above 810 元 for a 单人户, else B; no C) is in the
assessment, on the decision's basis, on the case section and on the 审核确认决定书."""
from datetime import date

import pytest
from sqlalchemy import select

from assistance.core.models import Decision
from assistance.programmes.dibao import document_facts
from tests.web.conftest import app, login  # noqa: F401  (the web fixtures, for the case section)
from tests.workflows.steps import ACCEPT, APPLY, APPROVE, COUNTY_OK, FIRST_AGREE, MATCH_OK, survey
from tests.workflows.test_dibao__approval import APPR, CTY, LEAD, TW, VIL, engine_jobs


class _Request:   # what decision_context reads of a DocumentRequest
    def __init__(self, decision_id):
        self.decision_id = decision_id


@pytest.mark.parametrize("members, household_class, amount", [
    pytest.param((("孙丽", date(1975, 1, 1)),), "A", "830.00", id="乌海17号: 单人户 paid the 830 standard > 810: A"),
    pytest.param((("赵建国", date(1980, 5, 1)), ("钱秀英", date(1982, 7, 9)), ("赵小军", date(2004, 1, 2))), "B",
                 "2490.00", id="乌海17号: a household of three: B"),
])
def test_wuhai_17_the_household_class_is_recorded_and_shown(application, session_factory, clock, login,  # noqa: F811
                                                             members, household_class, amount):
    walk = application(members=members)
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    walk.do("Task_survey", TW, **survey(wages="0"))
    walk.do("Task_matching", CTY, **MATCH_OK)
    assert walk.data()["assessment"]["household_class"] == household_class
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert (str(decision.monthly_amount), decision.basis["household_class"]) == (amount, household_class)
        facts = document_facts.decision_context(s, _Request(decision.id))
    assert ("低保类别", f"{household_class}类") in facts["basis"]
    section = login(TW).get(f"/cases/{walk.case_id}/dibao").get_data(as_text=True)
    assert f"低保类别 <strong>{household_class}类</strong>" in section
