"""一事一议: the county coordination mechanism convenes on one case, each member unit answers in writing by a deadline
(or is recorded as 逾期未反馈), and the chair records the collective decision. Called from
one_case_one_discussion.bpmn through assistance/discussion_scripts.py; every step is audited."""
from decimal import Decimal

from sqlalchemy import exists, select

from assistance.core import china_time
from assistance.core.models import Case
from assistance.core.money import parse
from assistance.steps.discussion import departments
from assistance.steps.discussion.models import (
    RECOMMENDATION_LABELS,
    Discussion,
    DiscussionOpinion,
    DiscussionOutcome,
    OpinionStatus,
    Recommendation,
)
from engine import EngineError, audit, workdays

# A discussion "among departments" needs at least two of them: that is what makes it joint (联席会商), not a number
# set by regulation.
MIN_DEPARTMENTS = 2


def convene(session, case: Case, *, instance_id, subject, reason, proposed_amount, department_codes, working_days,
            actor_id) -> Discussion:
    """Open the discussion: the member units asked (pending opinion rows) and the written-opinion deadline."""
    codes = [c for c in departments.CODES if c in set(department_codes or ())]   # canonical order, no repeats
    unknown = set(department_codes or ()) - set(departments.CODES)
    if unknown:
        raise EngineError(f"未知的成员单位：{'、'.join(sorted(unknown))}")
    if len(codes) < MIN_DEPARTMENTS:
        raise EngineError(f"一事一议须至少邀请 {MIN_DEPARTMENTS} 个成员单位参加。")
    if not subject or not str(subject).strip():
        raise EngineError("请填写一事一议的议题。")
    if int(working_days) < 1:
        raise EngineError("书面意见的反馈期限至少为 1 个工作日。")
    now = china_time.now()
    discussion = Discussion(case_id=case.id, instance_id=instance_id, subject=str(subject).strip(),
                            reason=(reason or "").strip(), proposed_amount=money(proposed_amount),
                            departments=codes, convened_by=actor_id, convened_dt=now,
                            deadline_dt=workdays.deadline(session, now, int(working_days)), paying_departments=[])
    session.add(discussion)
    session.flush()
    session.add_all(DiscussionOpinion(discussion_id=discussion.id, department=code) for code in codes)
    session.flush()
    audit.record(session, "discussion.convene", actor_id=actor_id, instance_id=instance_id,
                 subject=f"case:{case.id}", after={"discussion": discussion.id, "departments": codes,
                                                   "deadline": discussion.deadline_dt})
    return discussion


def opinion_of(session, discussion: Discussion, department: str) -> DiscussionOpinion:
    row = session.scalar(select(DiscussionOpinion).where(DiscussionOpinion.discussion_id == discussion.id,
                                                         DiscussionOpinion.department == department))
    if row is None:
        raise EngineError(f"{departments.name_of(department)}未被邀请参加本次一事一议。")
    return row


def record_opinion(session, discussion: Discussion, department: str, *, recommendation, opinion, amount=None,
                   measures=None, actor_id=None) -> DiscussionOpinion:
    """A member unit's written opinion; once per unit (an overdue unit can no longer answer here)."""
    row = opinion_of(session, discussion, department)
    if row.status != OpinionStatus.PENDING:
        raise EngineError(f"{departments.name_of(department)}的意见已登记（{_status_label(row)}），不能重复提交。")
    if not opinion or len(str(opinion).strip()) < 4:
        raise EngineError("请填写书面意见（至少 4 个字）。")
    row.recommendation = Recommendation(recommendation)
    row.opinion, row.amount, row.measures = str(opinion).strip(), money(amount), (measures or "").strip() or None
    row.status, row.submitted_by, row.submitted_dt = OpinionStatus.SUBMITTED, actor_id, china_time.now()
    audit.record(session, "discussion.opinion", actor_id=actor_id, instance_id=discussion.instance_id,
                 subject=f"case:{discussion.case_id}",
                 after={"discussion": discussion.id, "department": department,
                        "recommendation": row.recommendation, "amount": row.amount})
    return row


def mark_overdue(session, discussion: Discussion, department: str) -> DiscussionOpinion:
    """The deadline passed without an answer: recorded as 逾期未反馈 (the minutes say so)."""
    row = opinion_of(session, discussion, department)
    if row.status == OpinionStatus.PENDING:
        row.status, row.submitted_dt = OpinionStatus.OVERDUE, china_time.now()
        audit.record(session, "discussion.overdue", instance_id=discussion.instance_id,
                     subject=f"case:{discussion.case_id}",
                     after={"discussion": discussion.id, "department": department})
    return row


def decide(session, discussion: Discussion, *, outcome, amount, measures, paying_departments, minutes, reasons,
           actor_id) -> Discussion:
    """The chair's collective decision. Approving needs an amount, and someone to pay it when it is not zero;
    the paying departments must be among those who took part; refusing needs reasons."""
    if discussion.decided_dt is not None:
        raise EngineError("本次一事一议已作出决定，不能重复决定。")
    outcome = DiscussionOutcome(outcome)
    paying = [c for c in discussion.departments if c in set(paying_departments or ())]
    strangers = set(paying_departments or ()) - set(discussion.departments)
    if strangers:
        names = "、".join(departments.name_of(c) for c in sorted(strangers))
        raise EngineError(f"出资部门须为参加会商的成员单位：{names}未参加本次会商。")
    if not minutes or len(str(minutes).strip()) < 10:
        raise EngineError("请填写会议纪要。")
    if outcome == DiscussionOutcome.APPROVE:
        amount = money(amount)
        if amount is None or amount < 0:
            raise EngineError("同意救助的，须确定救助金额（元）。")
        if amount > 0 and not paying:
            raise EngineError("同意救助的，须确定由哪些部门出资。")
    else:
        if not reasons or len(str(reasons).strip()) < 4:
            raise EngineError("不予救助的，须写明理由（至少 4 个字）。")
        amount, paying = None, []
    discussion.outcome, discussion.amount, discussion.paying_departments = outcome, amount, paying
    discussion.measures = (measures or "").strip() or None
    discussion.reasons = str(reasons).strip() if outcome == DiscussionOutcome.REFUSE else None
    discussion.minutes = str(minutes).strip()
    discussion.decided_by, discussion.decided_dt = actor_id, china_time.now()
    audit.record(session, "discussion.decide", actor_id=actor_id, instance_id=discussion.instance_id,
                 subject=f"case:{discussion.case_id}", reason=reasons or None,
                 after={"discussion": discussion.id, "outcome": outcome, "amount": amount, "paying": paying})
    return discussion


def opinion_lines(discussion: Discussion) -> list[str]:
    """One line per member unit, in the order asked: 财政：同意（建议 3,000.00 元）。意见… / 残联：逾期未反馈。"""
    lines = []
    for row in discussion.opinions:
        name = departments.name_of(row.department)
        if row.status != OpinionStatus.SUBMITTED:
            lines.append(f"{name}：{_status_label(row)}。")
            continue
        amount = f"（建议或可承担 {row.amount:,.2f} 元）" if row.amount is not None else ""
        measures = f"措施：{row.measures}" if row.measures else ""
        lines.append(f"{name}：{RECOMMENDATION_LABELS[row.recommendation]}{amount}。{row.opinion}{measures}")
    return lines


def minutes_draft(discussion: Discussion) -> str:
    """What the chair's minutes field starts from: the subject, the case and each unit's answer."""
    head = [f"议题：{discussion.subject}", f"案件编号：{discussion.case.number}"]
    if discussion.proposed_amount is not None:
        head.append(f"提请金额：{discussion.proposed_amount:,.2f} 元")
    return "\n".join([*head, "各成员单位意见：", *opinion_lines(discussion), "会商情况："])


def takes_part(department_column, case_id_column):
    """SQL: the case has a discussion to which the department (a User.department column or value) was invited."""
    return exists().where(Discussion.case_id == case_id_column, DiscussionOpinion.discussion_id == Discussion.id,
                          DiscussionOpinion.department == department_column)


def money(value) -> Decimal | None:
    """Task data carries amounts as Decimal or, after JSON, float/str: back to Decimal 元 by the money input rule."""
    if value is None or value == "":
        return None
    return parse(value)


def _status_label(row: DiscussionOpinion) -> str:
    return {OpinionStatus.PENDING: "尚未反馈", OpinionStatus.SUBMITTED: "已反馈",
            OpinionStatus.OVERDUE: "逾期未反馈"}[OpinionStatus(row.status)]
