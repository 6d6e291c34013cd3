"""Demo 低保 cases at every stage of dibao_application, driven through the real process by the demo users — so a
person who runs `make run` finds work in every queue and a case to look at for each step."""
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

import engine
from assistance.core import china_time
from assistance.core.applications import start_application
from assistance.core.households import register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Case, Region, User
from assistance.programmes.dibao.models import MatchingRecord
from assistance.steps.public_notice import notice as public_notice
from engine import HumanTask, TaskState

VILLAGE, AREA = "152201001001", "152201"   # 都林街道 和平社区 (乌兰浩特市)
TW, LEAD, CTY, APPR, VIL = ("township_caseworker_dulin", "township_leader_dulin", "county_caseworker_wulanhaote",
                            "county_approver_wulanhaote", "village_assistant_heping")
ZERO = ("income_business_net", "income_property_net", "income_transfers", "income_other", "income_basic_pension",
        "excluded_preferential_care", "excluded_family_planning_reward", "excluded_scholarship",
        "excluded_social_assistance", "deduction_rigid_expenses", "deduction_employment_costs", "asset_deposits",
        "single_person_income")
APPLY = dict(channel="proxy", proxy_authorization="委托和平社区居委会代办，授权书编号 HP-2026-01", promise_signed=True,
             finance_check_authorized=True, materials=["书面申请书", "户口簿", "居民身份证"], single_person_route=False)
ACCEPT = dict(materials_complete=True, is_staff_relative=False)
MATCH_OK = dict(matching_result="consistent")
AGREE = dict(first_review_opinion="agree", first_review_note="家庭困难情况属实，同意公示")
COUNTY_OK = dict(county_review_opinion="agree", county_review_note="材料齐全，程序合规")


def survey(wages):
    return dict(investigator_1="李明", investigator_2="王芳", visit_date=china_time.today().isoformat(),
                survey_method="home_visit", income_wages=Decimal(wages), asset_vehicles=0, asset_extra_housing=0,
                severely_disabled_members=[], seriously_ill_members=[], working_members=[],
                signed_by_household=True, **{k: Decimal("0") for k in ZERO})


# (applicant, spouse, wages, the steps to take: (element, user, data) …) — each case stops where its steps end
STAGES = [
    ("孟繁星", "提交申请", []),
    ("韩立新", "受理审查", [("Task_apply", VIL, APPLY)]),
    ("曹玉兰", "补齐材料", [("Task_apply", VIL, APPLY), ("Task_accept", TW, dict(
        materials_complete=False, is_staff_relative=False, missing_materials=["户口簿", "家庭收入情况说明"]))]),
    ("冯志刚", "调查与信息核对", [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT)]),
    ("褚桂芝", "初审", [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT), ("Task_survey", TW, survey("900")),
                       ("Task_matching", CTY, MATCH_OK)]),
    ("卫国庆", "公示中", [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT), ("Task_survey", TW, survey("800")),
                        ("Task_matching", CTY, MATCH_OK), ("Task_first_review", LEAD, AGREE)]),
    ("蒋淑珍", "审核确认", [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT),
                          ("Task_survey", TW, survey("1000")), ("Task_matching", CTY, MATCH_OK),
                          ("Task_first_review", LEAD, dict(first_review_opinion="disagree",
                                                           first_review_note="收入接近标准，请县级审查"))]),
]
TO_NOTICE = [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT), ("Task_survey", TW, survey("700")),
             ("Task_matching", CTY, MATCH_OK), ("Task_first_review", LEAD, AGREE)]
NOTICE_OVER = ("notice_over", None, None)      # 8 days pass: the notice timer fires
OBJECTION = ("objection", None, None)          # a neighbour objects during the notice
REFUSE = dict(decision="refuse", refusal_reasons="家庭人均收入高于当地低保标准，不符合低保条件")
STAGES += [
    ("沈国华", "公示异议处理", TO_NOTICE + [OBJECTION]),
    ("钱桂英", "县级审查", TO_NOTICE + [NOTICE_OVER]),
    ("秦建华", "县级入户调查（近亲属备案）", [("Task_apply", VIL, APPLY), ("Task_accept", TW, dict(
        materials_complete=True, is_staff_relative=True, staff_relative_note="申请人系社区居委会委员的兄弟")),
        *TO_NOTICE[2:], NOTICE_OVER, ("Task_county_review", CTY, COUNTY_OK)]),
    ("杨秀兰", "已确认同意", TO_NOTICE + [NOTICE_OVER, ("Task_county_review", CTY, COUNTY_OK),
                                      ("Task_county_confirm", APPR, dict(decision="approve"))]),
    ("朱德明", "不予确认，待送达通知书", [("Task_apply", VIL, APPLY), ("Task_accept", TW, ACCEPT),
                                    ("Task_survey", TW, survey("3000")), ("Task_matching", CTY, MATCH_OK),
                                    ("Task_first_review", LEAD, dict(first_review_opinion="disagree",
                                                                     first_review_note="收入高于标准")),
                                    ("Task_county_review", CTY, dict(county_review_opinion="disagree",
                                                                     county_review_note="收入高于标准")),
                                    ("Task_county_confirm", APPR, REFUSE)]),
]


def seed_demo_cases(session) -> int:
    """Idempotent: does nothing once any 低保 case exists, or before dibao_application is deployed."""
    if session.scalar(select(Case.id).where(Case.programme == "dibao_application").limit(1)) is not None:
        return 0
    if session.scalar(select(engine.ProcessDefinition.id).where(
            engine.ProcessDefinition.process_key == "dibao_application").limit(1)) is None:
        return 0
    village = session.scalar(select(Region).where(Region.code == VILLAGE))
    real = engine.clock.current()
    for i, (applicant, _stage, steps) in enumerate(STAGES):
        began = timedelta(days=12 if NOTICE_OVER in steps else 0)   # a notice that is over must have begun earlier
        engine.clock.use(engine.clock.FrozenClock(real.now() - began))
        household = register_household(session, region_id=village.id, address=f"和平社区{i + 7}号楼", is_urban=True,
                                       members=[
            {"name": applicant, "relation": "本人", "is_applicant": True,
             "id_number": compose_id_number(AREA, date(1968 + i, 3, 1 + i), 501 + 2 * i)},
            {"name": f"{applicant[0]}小{'明红军花'[i % 4]}", "relation": "子女", "is_applicant": False,
             "id_number": compose_id_number(AREA, date(2012, 5, 1 + i), 600 + 2 * i)}], actor_id=None)
        case = start_application(session, household, "dibao_application", _user(session, VIL).id)
        try:
            for element, username, data in steps:
                act(session, case, element, username, data)
        finally:
            engine.clock.use(real)
    _seed_matching_records(session)
    session.flush()
    return len(STAGES)


def act(session, case: Case, element: str, username: str, data: dict, group: str | None = None) -> None:
    """One step of a demo case: a notice running out, an objection, or the user claiming and completing the open
    task `element` (of that candidate group, for a department's own task)."""
    instance = session.scalar(select(engine.ProcessInstance).where(engine.ProcessInstance.business_key == str(case.id)))
    if element == "notice_over":
        engine.clock.current().advance(days=8)
        engine.fire_timers(session, instance.id)
        return
    if element == "objection":
        public_notice.record_objection(session, case, "邻居王某", "反映申请人子女在外地务工收入较高", _user(session, TW).id)
        engine.send_message(session, instance.id, "公示异议", {"raised_by": "邻居王某", "reason": "子女务工收入较高"},
                            actor_id=_user(session, TW).id)
        return
    stmt = select(HumanTask).join(engine.ProcessInstance).where(
        engine.ProcessInstance.business_key == str(case.id), HumanTask.element_id == element,
        HumanTask.state == TaskState.READY)
    task = session.scalar((stmt.where(HumanTask.group == group) if group else stmt).limit(1))
    actor = _user(session, username)
    engine.claim(session, task.id, actor.id)
    engine.complete(session, task.id, actor.id, data)


def _user(session, username) -> User:
    return session.scalar(select(User).where(User.username == username))


def _seed_matching_records(session) -> None:
    """The platform knows of a car owned by 冯志刚: his data matching will come back 不符 for the county to see."""
    owner = compose_id_number(AREA, date(1971, 3, 4), 507)
    session.add(MatchingRecord(id_number=owner, source="公安车辆登记", item="vehicle", amount=Decimal("68000.00"),
                               note="小型轿车一辆，2024年登记"))


