"""In a real browser: a recorded decision shows 正在生成… on the case page until the server's worker has signed it,
then the document; anyone can verify it on /verify by number and code, or by uploading the PDF."""
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from sqlalchemy import inspect, select
from sqlalchemy.orm import sessionmaker

from documents import Document, issue_for_decision
from engine.db import make_engine
from tests.documents.factories import make_decision

from .test_demo__flow import log_in


@pytest.fixture
def decision_case(server):
    """A decision recorded straight into the server's database (as issue 3's process will) and its document queued."""
    db = make_engine(server.database_url)
    if "document" not in inspect(db).get_table_names():
        pytest.skip("the migrations have no documents tables yet: regenerate them (make migration)")
    with sessionmaker(db, expire_on_commit=False)() as s:
        decision = make_decision(s, serial_base=500)
        issue_for_decision(s, decision)
        s.commit()
        yield decision.case_id, db
    db.dispose()


def test_case_page_shows_generating_then_the_document_and_verify_accepts_it(page, server, decision_case, tmp_path):
    case_id, db = decision_case
    log_in(page, "county_caseworker_wulanhaote", server.demo_password)
    page.goto(f"/cases/{case_id}")
    section = page.locator("#documents")
    expect(section).to_contain_text("最低生活保障审核确认决定书")
    expect(section).to_contain_text("已签发", timeout=30_000)     # htmx re-polls while the worker signs it

    with sessionmaker(db)() as s:
        document = s.scalars(select(Document).where(Document.case_id == case_id)).one()
        number, token, content = document.number, document.token, document.content
    page.context.clear_cookies()
    page.goto(f"/verify?no={quote(number)}&code={token}")
    expect(page.locator("#verify-result")).to_contain_text("✔ 签章有效")
    expect(page.locator("#verify-result")).to_contain_text("乌兰浩特市民政局")

    pdf = tmp_path / "决定书.pdf"
    pdf.write_bytes(content)
    page.goto("/verify")
    page.set_input_files("input[name=pdf]", str(pdf))
    page.get_by_role("button", name="上传并核验").click()
    expect(page.locator("#verify-result")).to_contain_text("与系统存档的原件逐字节一致")
