"""make run's demo data: a 低保 case waiting at every stage of the procedure."""
from sqlalchemy import select

from assistance.core.models import Case, Decision, DecisionOutcome
from demo import dibao_cases as demo_cases
from tests.workflows.conftest import Walk

EXPECTED = {   # applicant -> the steps open for that case
    "孟繁星": ["Task_apply"], "韩立新": ["Task_accept"], "曹玉兰": ["Task_supplement"],
    "冯志刚": ["Task_matching", "Task_survey"], "褚桂芝": ["Task_first_review"], "卫国庆": [],
    "蒋淑珍": ["Task_county_review"], "沈国华": ["Task_choose_handling"], "钱桂英": ["Task_county_review"],
    "秦建华": ["Task_county_visit"], "杨秀兰": [], "朱德明": ["Task_refusal_notice"],
}


def test_demo_cases_stand_at_every_stage_and_seeding_twice_adds_nothing(session_factory, demo_world, clock):
    with session_factory() as s:
        assert demo_cases.seed_demo_cases(s) == len(EXPECTED)
        s.commit()
        assert demo_cases.seed_demo_cases(s) == 0
        cases = {c.household.applicant.name: c.id for c in s.scalars(select(Case).where(
            Case.programme == "dibao_application"))}
        outcomes = {d.case.household.applicant.name: d.outcome for d in s.scalars(select(Decision))}
    assert {name: Walk(session_factory, cid).open_steps() for name, cid in cases.items()} == EXPECTED
    assert outcomes == {"杨秀兰": DecisionOutcome.APPROVED, "朱德明": DecisionOutcome.REFUSED}
