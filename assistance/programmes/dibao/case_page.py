"""The 低保 section of the case page: the time limits (overall and the county's), how the amount was computed, the notices, objections and the
decision, with what this user may do about them (object, extend)."""
from sqlalchemy import select

import engine
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Decision, User
from assistance.programmes.dibao import access as dibao_access
from assistance.programmes.dibao import procedure as dibao
from assistance.steps.public_notice.models import NoticeObjection, PublicNotice
from engine import ProcessInstance

OBJECTION_MESSAGE = "公示异议"   # the message the running notice waits for (public_notice.bpmn)


def section_context(session, case: Case, user) -> dict:
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.business_key == str(case.id))
                              .order_by(ProcessInstance.id.desc()).limit(1))
    data = engine.instance_data(session, instance) if instance else {}
    notices = list(session.scalars(select(PublicNotice).where(PublicNotice.case_id == case.id)
                                   .order_by(PublicNotice.round)))
    objections = list(session.scalars(select(NoticeObjection).where(NoticeObjection.case_id == case.id)
                                      .order_by(NoticeObjection.id)))
    awaited = engine.messages_awaited(session, instance) if instance else []
    names = {u.id: u.display_name for u in session.scalars(select(User).where(
        User.id.in_({o.recorded_by for o in objections})))}
    progress = session.get(CaseProgress, case.id)
    return dict(case=case, progress=progress, days_left=dibao.working_days_left(session, case),
                county_days_left=dibao.county_days_left(session, progress),
                extension_limit=dibao.extension_limit(session, case, progress) if progress else None,
                extension_triggers=dibao.EXTENSION_TRIGGERS,
                assessment=data.get("assessment"), matching=data.get("matching"), notices=notices,
                objections=objections, recorder_names=names,
                decision=session.scalar(select(Decision).where(Decision.case_id == case.id).order_by(Decision.id.desc())),
                can_object=OBJECTION_MESSAGE in awaited and dibao_access.can_record_objection(user, case),
                can_extend=dibao_access.can_extend_deadline(user, case))
