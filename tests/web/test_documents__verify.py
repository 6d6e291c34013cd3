"""/verify is public: a number with its verification code, or an uploaded PDF; tampered files are not valid; the
authoritative copy can be downloaded; a superseded document says so."""
import re
from io import BytesIO
from urllib.parse import quote

import pytest
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

import engine
from documents import Document, issue_for_decision
from tests.documents.factories import configure_signing, make_decision
from tests.web.conftest import csrf_token


@pytest.fixture
def issued(app, session_factory, tmp_path_factory):
    """Two issues of one decision: (old, new) Documents, the old one superseded."""
    configure_signing(tmp_path_factory.mktemp("instance"))
    with session_factory() as s:
        decision = make_decision(s)
        issue_for_decision(s, decision)
        s.commit()
        engine.run_due_jobs(session_factory, "test-worker")
        issue_for_decision(s, decision)
        s.commit()
        engine.run_due_jobs(session_factory, "test-worker")
    with session_factory() as s:
        old, new = s.scalars(select(Document).order_by(Document.id)).all()
        for document in (old, new):
            document.content   # noqa: B018  (load the deferred bytes before the session closes)
        return old, new


def verify_url(document, code=None):
    return f"/verify?no={quote(document.number)}&code={code or document.token}"


def upload(client, data: bytes):
    token = csrf_token(client.get("/verify"))
    # encoded in memory: the test client would spool a large body to a temporary file it never closes
    boundary, body = encode_multipart({"csrf_token": token, "pdf": FileStorage(BytesIO(data), "决定书.pdf")})
    return client.post("/verify", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_verify_by_number_and_code_without_login(client, issued):
    _old, new = issued
    page = client.get(verify_url(new))
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "✔ 签章有效" in text
    assert "乌兰浩特市民政局" in text and new.number in text and "现行有效" in text and new.sha256 in text
    original = client.get(re.search(r'href="(/verify/original\.pdf[^"]+)"', text).group(1).replace("&amp;", "&"))
    assert original.status_code == 200 and original.data == new.content
    assert "attachment" in original.headers["Content-Disposition"]


def test_a_wrong_code_or_a_number_alone_finds_nothing(client, issued):
    _old, new = issued
    assert client.get(verify_url(new, code="ABCDEFGHJK")).status_code == 404
    assert client.get(f"/verify?no={quote(new.number)}").status_code == 404
    assert client.get(f"/verify/original.pdf?no={quote(new.number)}&code=WRONG").status_code == 404
    assert "未找到该文书" in client.get(verify_url(new, code=new.token.lower() + "X")).get_data(as_text=True)


def test_a_superseded_document_is_still_genuine_but_says_it_was_replaced(client, issued):
    old, new = issued
    typed = f"/verify?no={quote(old.number.replace('〔', '[').replace('〕', ']'))}&code={old.token.lower()}"
    text = client.get(typed).get_data(as_text=True)   # as people type it: [2026], lower-case code
    assert "✔ 签章有效" in text and f"已被重新签发的 {new.number} 取代" in text


def test_uploading_the_genuine_file_matches_the_archive(client, issued):
    text = upload(client, issued[1].content).get_data(as_text=True)
    assert "✔ 签章有效" in text and "与系统存档的原件逐字节一致" in text and "乌兰浩特市民政局" in text


def test_uploading_a_file_with_one_flipped_byte_is_not_valid(client, issued):
    content = issued[1].content
    at = content.index(b"/Title") + 8
    response = upload(client, content[:at] + bytes([content[at] ^ 1]) + content[at + 1:])
    text = response.get_data(as_text=True)
    assert "✘ 签章无效" in text and "系统中没有与此文件完全相同的存档" in text


def test_uploading_a_file_with_an_appended_update_is_not_valid(client, issued):
    writer = IncrementalPdfFileWriter(BytesIO(issued[1].content))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    text = upload(client, out.getvalue()).get_data(as_text=True)
    assert "✘ 签章无效" in text and "最后一枚签章之后文件又被追加了内容" in text


def test_uploads_that_are_not_pdf_are_refused(client, issued):
    assert upload(client, b"hello").status_code == 422
    token = csrf_token(client.get("/verify"))
    assert client.post("/verify", data={"csrf_token": token}).status_code == 422
