"""Asking for documents: each request reserves its number and verification code and queues a worker job.
Everything here only flushes; the caller (a view, or issue 3's process step) commits."""
from datetime import date, datetime, time

from sqlalchemy import exists, select

from assistance.core.china_time import CHINA
from assistance.core.china_time import now as china_now
from assistance.core.models import Case, Decision, DecisionOutcome, Region, RegionLevel
from assistance.core.regions import subtree_filter
from assistance.programmes import registry
from engine import Job, audit, clock, jobs

from . import kinds
from .models import DocumentBatch, DocumentRequest
from .numbering import new_token, reserve_number
from .offices import county_of, office_of, township_of

JOB_KIND = "documents.generate"


def issue_for_decision(session, decision: Decision, actor_id: int | None = None, batch=None):
    """The approval decision or refusal notice for a recorded Decision, signed by its office. Returns the Job.
    Which documents a kind of decision gets is its programme's (registry.NotRegistered for a kind none issues)."""
    approval, refusal = registry.for_decision_kind(decision.kind).decision_documents[decision.kind]
    kind = approval if decision.outcome == DecisionOutcome.APPROVED else refusal
    office = decision.office_region
    request = _request(session, kind, office=office, signers=[office], subject=f"decision:{decision.id}",
                       region_id=decision.case.region_id, case_id=decision.case_id, decision_id=decision.id,
                       actor_id=actor_id, batch=batch)
    return session.get(Job, request.job_id)


def issue_public_notice(session, notice, actor_id: int | None = None):
    """A round's 公示 sheet (a PublicNotice, issued when it opens, before any decision): posted by the township,
    countersigned by the county office (two seals, in order). Returns the Job."""
    case = session.get(Case, notice.case_id)
    township, county = township_of(case.region), county_of(case.region)
    request = _request(session, "public_notice", office=township, signers=[township, county],
                       subject=f"public_notice:{notice.id}", region_id=case.region_id, case_id=case.id,
                       actor_id=actor_id)
    return session.get(Job, request.job_id)


def issue_discussion_minutes(session, discussion, actor_id: int | None = None):
    """The 一事一议会议纪要 of a decided discussion, signed by the county office of the case. Returns the Job."""
    county = county_of(discussion.case.region)
    request = _request(session, "discussion_minutes", office=county, signers=[county],
                       subject=f"discussion:{discussion.id}", region_id=discussion.case.region_id,
                       case_id=discussion.case_id, actor_id=actor_id)
    return session.get(Job, request.job_id)


def request_roster(session, village: Region, period: date, actor_id: int | None = None, batch=None):
    """A village's roster for a month, published by the county (S2 art. 24)."""
    county = county_of(village)
    period = period.replace(day=1)
    return _request(session, "village_roster", office=county, signers=[county],
                    subject=f"roster:{village.id}:{period:%Y-%m}", region_id=village.id, period=period,
                    actor_id=actor_id, batch=batch)


def request_roster_batch(session, region: Region, period: date, actor_id: int | None) -> DocumentBatch:
    """Every village's roster under region (a township or county) for the month, as one batch with progress."""
    villages = list(session.scalars(select(Region).where(
        Region.level == int(RegionLevel.VILLAGE), subtree_filter(Region.id, region)).order_by(Region.path)))
    batch = _batch(session, f"{region.name}{period.year}年{period.month}月最低生活保障对象名册", region,
                   len(villages), actor_id)
    for village in villages:
        request_roster(session, village, period, actor_id, batch)
    return batch


def request_month_decisions_batch(session, region: Region, month: date, actor_id: int | None) -> DocumentBatch:
    """The documents of the month's decisions in region that have none requested yet (e.g. decided before
    documents existed), as one batch."""
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    decisions = list(session.scalars(
        select(Decision).join(Case, Decision.case_id == Case.id)
        .where(subtree_filter(Case.region_id, region), ~exists().where(DocumentRequest.decision_id == Decision.id),
               Decision.decided_dt >= datetime.combine(start, time(), CHINA),   # the month in Beijing time
               Decision.decided_dt < datetime.combine(end, time(), CHINA))
        .order_by(Decision.decided_dt, Decision.id)))
    batch = _batch(session, f"{region.name}{start.year}年{start.month}月决定书", region, len(decisions), actor_id)
    for decision in decisions:
        issue_for_decision(session, decision, actor_id, batch)
    return batch


def _batch(session, title, region, total, actor_id) -> DocumentBatch:
    batch = DocumentBatch(title=title, region_id=region.id, total=total, requested_by=actor_id,
                          created_dt=clock.now())
    session.add(batch)
    session.flush()
    audit.record(session, "documents.batch", actor_id=actor_id, subject=f"document_batch:{batch.id}",
                 after={"title": title, "region_id": region.id, "total": total}, reason=f"批量生成：{title}")
    return batch


def _request(session, kind, *, office, signers, subject, region_id, actor_id, case_id=None, decision_id=None,
             period=None, batch=None) -> DocumentRequest:
    title = kinds.kind(kind).title   # an unknown kind fails here, before a number is reserved
    issuer = office_of(office)
    earlier = session.scalar(select(DocumentRequest.number).where(DocumentRequest.subject == subject)
                             .order_by(DocumentRequest.id.desc()).limit(1))
    request = DocumentRequest(
        kind=kind, subject=subject, case_id=case_id, decision_id=decision_id, region_id=region_id, period=period,
        office_region_id=office.id, signer_region_ids=[r.id for r in signers],
        number=reserve_number(session, issuer, china_now().year), token=new_token(),
        batch_id=batch.id if batch else None, requested_by=actor_id, requested_dt=clock.now())
    session.add(request)
    session.flush()
    request.job_id = jobs.schedule(session, JOB_KIND, clock.now(), {"request_id": request.id}).id
    audit.record(session, "documents.reissue" if earlier else "documents.request", actor_id=actor_id,
                 subject=f"document_request:{request.id}", before={"number": earlier} if earlier else None,
                 after={"kind": kind, "number": request.number, "for": subject, "case_id": case_id,
                        "batch_id": request.batch_id},
                 reason=f"重新签发{title}，取代 {earlier}" if earlier else f"签发{title}（{subject}）")
    return request
