"""Starting an application: open the household's case and start its process with the facts every step needs."""
import engine
from assistance.core.households import open_case
from assistance.core.models import Case, Household
from assistance.core.params import get_param

# process key -> 办理事项, of the processes an application may start (the generic new-case form offers them);
# handed over by assistance.programmes.registry.register, as core imports no programme
OFFERED_PROCESSES: dict[str, str] = {}


def start_application(session, household: Household, programme: str, actor_id: int | None) -> Case:
    """One transaction: the case, then the process instance (business key = case id) pinned to today's version."""
    if programme not in OFFERED_PROCESSES:
        raise engine.NotFound(f"没有「{programme}」这个办理事项。")
    case = open_case(session, household=household, programme=programme, actor_id=actor_id)
    applicant = household.applicant
    engine.start(session, programme, region_id=household.region_id, business_key=str(case.id), actor_id=actor_id,
                 data={"region_id": household.region_id, "case_id": case.id, "case_number": case.number,
                       "applicant_name": applicant.name, "household_size": len(household.members),
                       "member_names": [m.name for m in household.members], "is_urban": household.is_urban,
                       "member_options": [{"const": str(m.id), "title": f"{m.name}（{m.relation}）"}
                                          for m in household.members],
                       # the forms' x-maximum-from: what an income field may plausibly hold (a typing-error guard)
                       "monthly_income_ceiling": str(get_param(session, "monthly_income_ceiling", household.region_id))},
                 summary={"title": f"{applicant.name}家{OFFERED_PROCESSES[programme]}", "applicant": applicant.name,
                          "case_number": case.number})
    return case
