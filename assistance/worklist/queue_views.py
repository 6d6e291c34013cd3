"""Saved task-queue views (我的视图): a named set of queue filters, private or shared with the colleagues of the same
pool (role and office). The filters are kept as the page's query string, so a view is also a plain shareable link."""
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import ForeignKey, String, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from assistance.core.models import User
from engine import audit, clock
from engine.db import Base

MAX_VIEWS = 20


class SavedQueueView(Base):
    __tablename__ = "saved_queue_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    query: Mapped[str] = mapped_column(String(500))     # e.g. "tab=claimable&due=overdue&process=dibao_application"
    is_shared: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime]


def save(session, owner: User, name: str, params: dict, is_shared: bool) -> SavedQueueView:
    name = (name or "").strip()[:60]
    if not name:
        raise ValueError("请为视图命名")
    if len(views_for(session, owner, own_only=True)) >= MAX_VIEWS:
        raise ValueError(f"最多保存 {MAX_VIEWS} 个视图，请先删除不用的")
    query = urlencode(sorted((k, v) for k, v in params.items() if v not in (None, "") and k != "page"))
    view = SavedQueueView(owner_id=owner.id, name=name, query=query[:500], is_shared=bool(is_shared),
                          created_dt=clock.now())
    session.add(view)
    session.flush()
    audit.record(session, "queue_view.save", actor_id=owner.id, subject=f"user:{owner.id}",
                 after={"view": view.id, "name": name, "query": view.query, "shared": view.is_shared})
    return view


def views_for(session, user: User, own_only=False) -> list[SavedQueueView]:
    """The user's views and, unless own_only, those their pool colleagues shared."""
    mine = SavedQueueView.owner_id == user.id
    colleagues = select(User.id).where(User.role == user.role, User.region_id == user.region_id)
    shared = and_(SavedQueueView.is_shared.is_(True), SavedQueueView.owner_id.in_(colleagues))
    where = mine if own_only else or_(mine, shared)
    return list(session.scalars(select(SavedQueueView).where(where).order_by(SavedQueueView.name,
                                                                             SavedQueueView.id)))


def delete(session, view: SavedQueueView, actor_id: int) -> None:
    audit.record(session, "queue_view.delete", actor_id=actor_id, subject=f"user:{view.owner_id}",
                 after={"view": view.id, "name": view.name})
    session.delete(view)
