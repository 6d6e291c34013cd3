"""Comments (备注) and attachments (附件) on a case or one of its tasks; both appear in the case timeline and the
task history (their audit events carry the case as subject and the task id)."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistance.worklist import attachments
from engine import audit, clock
from engine.db import Base

MAX_COMMENT = 2000
MAX_FILES = 5


class Comment(Base):
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_dt: Mapped[datetime]

    files: Mapped[list["Attachment"]] = relationship(back_populates="comment", order_by="Attachment.id")


class Attachment(Base):
    """The file's bytes live in the file store (by sha256); the row holds what is needed to list and serve it."""
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    uploaded_dt: Mapped[datetime]

    comment: Mapped[Comment] = relationship(back_populates="files")


class CommentInvalid(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


def add(session, store: attachments.FileStore, *, author_id: int, case_id: int | None, task=None, body: str = "",
        files=(), max_bytes: int = attachments.MAX_BYTES) -> Comment:
    """A note with up to MAX_FILES files ((name, bytes) pairs). Everything is checked before anything is written."""
    body, errors, checked = (body or "").strip(), [], []
    files = [(name, data) for name, data in files if name]
    if not body and not files:
        errors.append("请填写备注内容或选择附件")
    if len(body) > MAX_COMMENT:
        errors.append(f"备注最多 {MAX_COMMENT} 字")
    if len(files) > MAX_FILES:
        errors.append(f"一次最多上传 {MAX_FILES} 个文件")
    for name, data in files[:MAX_FILES]:
        try:
            checked.append((attachments.safe_name(name), data, attachments.check(name, data, max_bytes)))
        except attachments.FileRefused as exc:
            errors.append(str(exc))
    if errors:
        raise CommentInvalid(errors)
    now, task_id = clock.now(), task.id if task is not None else None
    comment = Comment(case_id=case_id, task_id=task_id, author_id=author_id, body=body, created_dt=now)
    for name, data, kind in checked:
        comment.files.append(Attachment(case_id=case_id, task_id=task_id, filename=name, content_type=kind.mime,
                                        size=len(data), sha256=store.save(data), uploaded_by=author_id,
                                        uploaded_dt=now))
    session.add(comment)
    session.flush()
    audit.record(session, "comment.add", actor_id=author_id, subject=f"case:{case_id}" if case_id else None,
                 instance_id=task.instance_id if task is not None else None, task_id=task_id,
                 after={"comment": comment.id, "body": body, "files": [f.filename for f in comment.files]})
    return comment


def for_case(session, case_id: int) -> list[Comment]:
    return list(session.scalars(select(Comment).where(Comment.case_id == case_id).order_by(Comment.id)))


def for_task(session, task_id: int) -> list[Comment]:
    return list(session.scalars(select(Comment).where(Comment.task_id == task_id).order_by(Comment.id)))
