"""玩具救助: a third programme that exists only to prove the registry — everything it needs is in this folder and its
one registry.register() call: a process with one review step and a decision, a case-page section, a navigation link,
a parameter, a script function and a decision document."""
from pathlib import Path

from sqlalchemy import select

from assistance.core import china_time
from assistance.core.models import Case, Decision, DecisionOutcome, RegionLevel
from assistance.core.params import INT
from assistance.core.regions import lift_to_level
from assistance.programmes.decision_facts import applicant_of
from assistance.programmes.registry import CaseSection, DocumentKind, NavLink, Process, Programme
from engine import events, scripts

FOLDER = Path(__file__).parent
BPMN = FOLDER / "bpmn"            # toy_application.bpmn and its form, deployed by the test
TITLE = "玩具救助决定书"


def toy_decide(case_id) -> dict:
    """The script task after the review: the decision, with decision.recorded for its document."""
    session = scripts.current_session()
    case = session.get(Case, int(case_id))
    decision = Decision(case_id=case.id, instance_id=scripts.current_instance().id, kind="toy_grant",
                        outcome=DecisionOutcome.APPROVED, members=case.household.snapshot(), basis={},
                        office_region_id=lift_to_level(session, case.region_id, RegionLevel.COUNTY),
                        decided_dt=china_time.now())
    session.add(decision)
    session.flush()
    events.emit("decision.recorded", session, decision=decision)
    return {"decision_id": decision.id}


def section_context(session, case, user) -> dict:
    decided = session.scalar(select(Decision.id).where(Decision.case_id == case.id)) is not None
    return {"case": case, "status": "已决定" if decided else "审核中"}


def decision_context(session, request) -> dict:
    decision = session.get(Decision, request.decision_id)
    return {"case_number": decision.case.number, "applicant": applicant_of(list(decision.members))}


PROGRAMME = Programme(
    key="toy",
    label="玩具救助",
    case_prefix="WJ",
    processes={"toy_application": Process("玩具救助申请")},
    decision_documents={"toy_grant": ("toy_grant_approval", "toy_grant_refusal")},
    document_kinds=(DocumentKind("toy_grant_approval", TITLE, "toy_decision", decision_context),
                    DocumentKind("toy_grant_refusal", "玩具救助不予救助告知书", "toy_decision", decision_context)),
    section=CaseSection("toy/_case.html", section_context),
    nav_links=(NavLink("玩具登记", "cases.new", lambda user: user.role == "village_assistant"),),
    params={"toy_review_working_days": (2, INT, "[test] 玩具审核时限（工作日）")},
    script_functions={"toy_decide": toy_decide},
    template_folder=FOLDER / "templates",
)
