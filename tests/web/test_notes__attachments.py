"""Comments and attachments on a case and a task: stored outside the database, size and type limits, always served
as a download, visible in the case timeline and the task history, read-only for auditors, 404 out of region."""
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from assistance.worklist.comments import Attachment, Comment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def uploads(app, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def files(*pairs):
    return [(io.BytesIO(data), name) for name, data in pairs]


def test_a_case_note_with_files_is_stored_outside_the_database_and_shown_in_the_timeline(q_case, login, uploads,
                                                                                        session_factory):
    case_id, _task = q_case()
    worker = login("township_caseworker_dulin")
    response = worker.post(f"/cases/{case_id}/comments", content_type="multipart/form-data", data={
        "body": "已电话核实家庭人口", "files": files(("收入证明.pdf", PDF), ("户口本.png", PNG))})
    assert response.status_code == 303
    with session_factory() as s:
        stored = s.scalars(select(Attachment).order_by(Attachment.id)).all()
        assert [(a.filename, a.content_type, a.size) for a in stored] == [
            ("收入证明.pdf", "application/pdf", len(PDF)), ("户口本.png", "image/png", len(PNG))]
    assert (uploads / stored[0].sha256[:2] / stored[0].sha256).read_bytes() == PDF
    page = worker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "备注" in page and "已电话核实家庭人口" in page and f"/attachments/{stored[0].id}" in page


def test_downloads_are_attachments_that_the_browser_never_renders(q_case, login, uploads, session_factory):
    case_id, _task = q_case()
    worker = login("township_caseworker_dulin")
    worker.post(f"/cases/{case_id}/comments", content_type="multipart/form-data",
                data={"files": files(("说明.txt", "<script>alert(1)</script>".encode()))})
    with session_factory() as s:
        attachment_id = s.scalar(select(Attachment.id))
    response = worker.get(f"/attachments/{attachment_id}")
    assert response.status_code == 200 and response.data == b"<script>alert(1)</script>"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "%E8%AF%B4%E6%98%8E.txt" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert login("township_caseworker_keerqin").get(f"/attachments/{attachment_id}").status_code == 404


@pytest.mark.parametrize("name, data, message", [
    ("报告.exe", b"MZ\x90\x00", "类型不允许"),
    ("伪装.pdf", b"<html>not a pdf</html>", "内容与扩展名不符"),
    ("大文件.pdf", PDF + b"0" * 2048, "超过"),
])
def test_refused_files_save_nothing(q_case, login, uploads, session_factory, app, name, data, message):
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    case_id, _task = q_case()
    worker = login("township_caseworker_dulin")
    response = worker.post(f"/cases/{case_id}/comments", content_type="multipart/form-data",
                           data={"body": "附上材料", "files": files((name, data))})
    assert response.status_code == 303
    assert message in worker.get(f"/cases/{case_id}").get_data(as_text=True)
    with session_factory() as s:
        assert s.scalars(select(Comment)).all() == [] and s.scalars(select(Attachment)).all() == []
    assert not Path(uploads).exists() or not any(Path(uploads).rglob("*"))


def test_a_task_note_appears_in_the_task_history_and_the_case_timeline(q_case, login, uploads):
    case_id, task_id = q_case()
    worker = login("township_caseworker_dulin")
    worker.post(f"/tasks/{task_id}/comments", content_type="multipart/form-data",
                data={"body": "申请人下周补交材料", "files": files(("补充.pdf", PDF))})
    history = worker.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert "申请人下周补交材料" in history and "补充.pdf" in history
    timeline = worker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "备注「队列审核」" in timeline and "补充.pdf" in timeline


def test_auditors_read_but_do_not_write(q_case, login, uploads):
    case_id, task_id = q_case()
    auditor = login("auditor_xinganmeng")
    assert "添加备注或附件" not in auditor.get(f"/cases/{case_id}").get_data(as_text=True)
    assert auditor.post(f"/cases/{case_id}/comments", data={"body": "审计意见"}).status_code == 403
    assert auditor.post(f"/tasks/{task_id}/comments", data={"body": "审计意见"}).status_code == 403
    assert login("township_caseworker_keerqin").post(f"/cases/{case_id}/comments",
                                                     data={"body": "x"}).status_code == 404
