"""The in-app inbox, and e-mail through a real SMTP conversation with a local server when MAIL_SERVER is set."""
import pytest
from sqlalchemy import select

import engine
from assistance.worklist import mail, notifications
from assistance.worklist.notifications import Notification
from engine import Job
from tests.assistance.smtp_sink import SmtpSink


@pytest.fixture
def no_mail():
    yield
    mail.configure({})


def test_notify_drops_duplicates_and_disabled_people_and_marks_read(session, tree, make_user, clock):
    a, b = make_user("a", "township_caseworker", tree["dulin"]), make_user("b", "township_caseworker", tree["dulin"])
    gone = make_user("gone", "township_caseworker", tree["dulin"], is_enabled=False)
    made = notifications.notify(session, [a.id, a.id, None, b.id, gone.id], kind="test", title="标题", body="正文")
    assert sorted(n.user_id for n in made) == [a.id, b.id]
    assert notifications.unread_count(session, a.id) == 1
    a_note = next(n for n in made if n.user_id == a.id)
    assert notifications.mark_read(session, b.id, [a_note.id]) == 0
    assert notifications.unread_count(session, a.id) == 1          # another person cannot mark mine read
    assert notifications.mark_read(session, a.id) == 1 and notifications.unread_count(session, a.id) == 0
    assert session.scalars(select(Job)).all() == []                   # no SMTP configured: no e-mail job


def test_email_is_sent_by_a_job_once(session, session_factory, tree, make_user, clock, no_mail):
    with SmtpSink() as sink:
        mail.configure({"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_FROM": "doudi@example.test"})
        user = make_user("a", "township_caseworker", tree["dulin"])
        user.email = "a@example.test"
        no_address = make_user("b", "township_caseworker", tree["dulin"])
        notifications.notify(session, [user.id, no_address.id], kind="task.overdue",
                             title="任务「乡镇审核」已超过办理期限", body="DB-2026-000001 · 王堃家申请")
        session.commit()
        assert engine.run_due_jobs(session_factory, "w") == 1
        assert engine.run_due_jobs(session_factory, "w") == 0
    assert len(sink.messages) == 1
    recipients, message = sink.messages[0]
    assert recipients == ["a@example.test"] and message["From"] == "doudi@example.test"
    assert message["Subject"] == "【兜底】任务「乡镇审核」已超过办理期限"
    assert "王堃家申请" in message.get_content()
    with session_factory() as s:
        note = s.scalar(select(Notification).where(Notification.user_id == user.id))
        assert note.emailed_dt is not None and note.read_dt is None   # e-mailed, still unread in the inbox


def test_an_unreachable_mail_server_becomes_a_retry_not_a_lost_message(session, session_factory, tree, make_user,
                                                                        clock, no_mail):
    with SmtpSink() as sink:
        port = sink.port                  # a port that just closed: the connection is refused
    mail.configure({"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port})
    user = make_user("a", "township_caseworker", tree["dulin"])
    user.email = "a@example.test"
    notifications.notify(session, [user.id], kind="t", title="标题")
    session.commit()
    assert engine.run_due_jobs(session_factory, "w") == 0
    with session_factory() as s:
        job = s.scalar(select(Job))
        assert job.attempts == 1 and job.last_error and job.status == "pending"
        assert s.scalar(select(Notification)).emailed_dt is None
