"""Script functions of the 低保 BPMN (dibao_application, public_notice): thin wrappers over assistance.programmes.dibao.procedure that
take plain ids and return JSON-safe dicts for the task data."""
from assistance.core.models import Case
from assistance.programmes.dibao import data_matching
from assistance.programmes.dibao import procedure as dibao
from engine import scripts


def _case(case_id) -> Case:
    return scripts.current_session().get(Case, int(case_id))


def accept_application(case_id, is_staff_relative=False, note=None) -> dict:
    progress = dibao.accept_application(scripts.current_session(), _case(case_id), bool(is_staff_relative), note)
    return {"accepted_on": progress.accepted_dt.date().isoformat(), "deadline": progress.deadline_dt.isoformat(),
            "limit_working_days": progress.limit_working_days, "delegated": progress.is_delegated}


def run_data_matching(case_id) -> dict:
    return data_matching.check_case(scripts.current_session(), _case(case_id))


def open_public_notice(case_id) -> dict:
    notice = dibao.open_public_notice(scripts.current_session(), _case(case_id))
    return {"round": notice.round, "days": (notice.closes_dt - notice.opened_dt).days,
            "closes": notice.closes_dt.isoformat()}


def close_public_notice(case_id, outcome) -> dict:
    notice = dibao.close_public_notice(scripts.current_session(), _case(case_id), outcome)
    return {"round": notice.round, "outcome": notice.outcome}


def record_dibao_decision(case_id, outcome, assessment, reasons=None) -> dict:
    decision = dibao.record_decision(scripts.current_session(), scripts.current_instance(), _case(case_id),
                                     outcome, assessment, reasons or None)
    return {"id": decision.id, "outcome": str(decision.outcome),
            "monthly_amount": None if decision.monthly_amount is None else str(decision.monthly_amount),
            "effective_month": decision.effective_month.isoformat() if decision.effective_month else None}


def member_flags(severely_disabled=(), seriously_ill=(), working=()) -> dict:
    """{member_id: {is_severely_disabled, is_seriously_ill, is_working}} from the survey's member checkboxes."""
    ids = {int(i) for i in (*severely_disabled, *seriously_ill, *working)}
    return {i: {"is_severely_disabled": str(i) in severely_disabled, "is_seriously_ill": str(i) in seriously_ill,
                "is_working": str(i) in working} for i in ids}


FUNCTIONS = {"member_flags": member_flags, "accept_application": accept_application, "run_data_matching": run_data_matching,
             "open_public_notice": open_public_notice, "close_public_notice": close_public_notice,
             "record_dibao_decision": record_dibao_decision}
