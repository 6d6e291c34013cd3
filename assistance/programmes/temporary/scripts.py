"""Script functions of temporary_assistance.bpmn: thin wrappers over assistance.programmes.temporary.steps / temporary_approval
that take plain values from the task data, act for whoever completed the step just done, and return JSON-safe dicts."""
import engine
from assistance.programmes.temporary import approval, steps
from engine import scripts


def _ctx():
    session, instance = scripts.current_session(), scripts.current_instance()
    return session, instance, engine.completed_by(session, instance.id)


def temporary_defaults() -> dict:
    """The task data a new 临时救助 case starts with: every optional note and reason empty, nothing proposed yet, one
    payment stage. Later forms and scripts read these names whichever branch the case takes, so each must exist."""
    return {"proposed_amount": None, "proposed_stages": 1, "refusal_reason": "", "first_review_note": "",
            "in_kind_detail": "", "referral_target": "", "referral_detail": "", "approval_reasons": "",
            "amount_multiple": None, "approval_tier": None, "pay_first_note": "", "payment_note": "",
            "filing_note": "", "follow_up_reason": ""}


def pay_first(case_id, amount, method, recipient, note="") -> dict:
    session, _inst, actor = _ctx()
    return steps.pay_first(session, case_id, amount, method, recipient, note, actor)


def mark_paperwork_overdue(case_id) -> dict:
    return steps.mark_paperwork_overdue(scripts.current_session(), case_id)


def complete_paperwork(case_id, recipient_name, recipient_id, reason, amount, recipient_signed, officer_signed,
                       follow_up_amount=None) -> dict:
    session, _inst, actor = _ctx()
    return steps.complete_paperwork(session, case_id, recipient_name, recipient_id, reason, amount,
                                    bool(recipient_signed), bool(officer_signed), actor, follow_up_amount)


def file_with_county(case_id, note="") -> dict:
    session, _inst, actor = _ctx()
    return steps.file_with_county(session, case_id, note, actor)


def record_follow_up(case_id, amount, reason="") -> dict:
    session, _inst, actor = _ctx()
    return steps.record_follow_up(session, case_id, amount, reason, actor)


def accept_temporary(case_id) -> dict:
    session, _inst, actor = _ctx()
    return steps.accept(session, case_id, actor)


def temporary_income_test(case_id, annual_income, members, rigid_expenses=0) -> dict:
    session, _inst, actor = _ctx()
    return steps.income_test(session, case_id, annual_income, members, rigid_expenses, actor)


def approval_tier_inputs(case_id, amount) -> dict:
    """{"amount_multiple": Decimal, …}: the input of the DMN table temporary_approval_tier."""
    return approval.tier_inputs(scripts.current_session(), case_id, amount)


def record_temporary_decision(case_id, outcome, amount=None, stages=1, reasons=None, tier=None, proposed_amount=None,
                              amount_multiple=None, in_kind=None, referral_target=None, referral_detail=None) -> dict:
    session, instance, actor = _ctx()
    decision = approval.record_decision(
        session, instance, case_id, outcome, amount=amount, stages=stages, reasons=reasons, tier=tier,
        proposed_amount=proposed_amount, amount_multiple=amount_multiple, in_kind=in_kind,
        referral_target=referral_target, referral_detail=referral_detail, decided_by=actor)
    return {"id": decision.id, "outcome": str(decision.outcome), "stages": decision.basis["stage_count"],
            "amount": None if decision.monthly_amount is None else str(decision.monthly_amount)}


def plan_payments(case_id) -> dict:
    amounts = approval.plan(scripts.current_session(), case_id)
    return {"stages": len(amounts), "amounts": [str(a) for a in amounts]}


def planned_stage_amount(payment_plan: dict, stage_no) -> str | None:
    """The amount plan_payments() planned for stage stage_no (1, 2, …), or None once every stage is paid."""
    return payment_plan["amounts"][stage_no - 1] if stage_no <= payment_plan["stages"] else None


def record_payment(case_id, stage_no, method, recipient, note="") -> dict:
    session, _inst, actor = _ctx()
    payment = approval.record_payment(session, case_id, stage_no, method, recipient, note, actor)
    return {"id": payment.id, "kind": str(payment.kind), "stage_no": payment.stage_no, "amount": str(payment.amount)}


FUNCTIONS = {"temporary_defaults": temporary_defaults, "planned_stage_amount": planned_stage_amount,
             "pay_first": pay_first, "mark_paperwork_overdue": mark_paperwork_overdue,
             "complete_paperwork": complete_paperwork, "file_with_county": file_with_county,
             "record_follow_up": record_follow_up, "accept_temporary": accept_temporary,
             "temporary_income_test": temporary_income_test,
             "approval_tier_inputs": approval_tier_inputs, "record_temporary_decision": record_temporary_decision,
             "plan_payments": plan_payments, "record_payment": record_payment}
