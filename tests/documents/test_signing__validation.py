"""Signatures validate with pyHanko (intact, valid, trusted against the dev root, covering the whole file) and with
poppler's pdfsig; two offices sign in order; a flipped byte or an appended update is reported as not valid."""
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

import documents
from documents import DocumentError, keys
from documents.offices import Office

from .pdf_tools import nss_db, pdfsig

COUNTY = Office(1, "152201", "乌兰浩特市民政局", "乌民救", "乌兰浩特市")
TOWNSHIP = Office(2, "152201001000", "都林街道办事处", "都林救", "乌兰浩特市")
MEMBERS = [{"name": "王堃", "relation": "本人", "id_number": "152201196805121010"}]


def notice(signers, **extra):
    return documents.render("public_notice", {
        "title": "最低生活保障审核确认公示", "number": "都林救〔2026〕7号", "token": "ABCDEFGH23", "signers": signers,
        "verify_url": "https://doudi.example.test/verify?no=x&code=ABCDEFGH23",
        "verify_page": "https://doudi.example.test/verify", "issued_date": date(2026, 3, 2),
        "applicant": MEMBERS[0], "members": MEMBERS, "amount": Decimal("830.00"), "village": "和平社区",
        "case_number": "DB-2026-000007", "notice_round": 1, "notice_days": 7, "notice_from": "2026年3月2日9时",
        "notice_to": "2026年3月9日9时", **extra})


@pytest.fixture
def two_seals(signing):
    return documents.sign(documents.sign(notice([TOWNSHIP, COUNTY]), TOWNSHIP), COUNTY)


def test_pyhanko_two_offices_signed_in_order_are_intact_valid_trusted_and_cover_the_file(two_seals):
    result = documents.verify(two_seals)
    assert result.is_valid, result.problems
    township, county = result.signatures
    assert (township.signer, county.signer) == ("都林街道办事处", "乌兰浩特市民政局")
    for check in result.signatures:
        assert check.is_intact and check.is_valid and check.is_trusted and check.is_later_change_allowed
    assert county.covers_whole_file and not township.covers_whole_file   # the county's signing came after


def test_pdfsig_with_the_dev_root_in_an_nss_db_says_valid_and_trusted(two_seals, signing, tmp_path):
    nssdir = nss_db(keys.dev_root_pem(), tmp_path / "nss")
    by_field = {sig["Signature Field Name"]: sig for sig in pdfsig(two_seals, tmp_path, nssdir)}
    township, county = by_field["seal_152201001000"], by_field["seal_152201"]
    for sig in (county, township):
        assert sig["Signature Validation"] == "Signature is Valid."
        assert sig["Certificate Validation"] == "Certificate is Trusted."
        assert sig["Signing Hash Algorithm"] == "SHA-256"
    assert county["Signer Certificate Common Name"] == "乌兰浩特市民政局" and county.get("Total document signed")
    assert township["Signer Certificate Common Name"] == "都林街道办事处" and township.get("Not total document signed")


def test_pdfsig_reports_a_flipped_byte(two_seals, signing, tmp_path):
    tampered = flip_a_byte(two_seals)
    nssdir = nss_db(keys.dev_root_pem(), tmp_path / "nss")
    verdicts = [sig["Signature Validation"] for sig in pdfsig(tampered, tmp_path, nssdir)]
    assert verdicts and all(v != "Signature is Valid." for v in verdicts), verdicts


def flip_a_byte(pdf: bytes) -> bytes:
    """Change one character of the visible text stream region (inside every signature's byte range)."""
    at = pdf.index(b"/Title") + 8
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]


def test_a_flipped_byte_is_not_valid(two_seals):
    result = documents.verify(flip_a_byte(two_seals))
    assert not result.is_valid
    assert any("改动" in p or "损坏" in p for p in result.problems), result.problems


def test_an_appended_incremental_update_is_not_valid(two_seals):
    writer = IncrementalPdfFileWriter(BytesIO(two_seals))
    writer.root[NameObject("/Lang")] = TextStringObject("en")     # any change after the last signature
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    result = documents.verify(out.getvalue())
    assert not result.is_valid
    assert not result.signatures[-1].covers_whole_file
    assert "最后一枚签章之后文件又被追加了内容，不是签发时的原件" in result.problems


def test_offices_sign_in_document_order_only(signing):
    pdf = notice([TOWNSHIP, COUNTY])
    with pytest.raises(DocumentError, match="须先由前一机关盖章"):
        documents.sign(pdf, COUNTY)
    signed = documents.sign(pdf, TOWNSHIP)
    with pytest.raises(DocumentError, match="已在此文书上盖章"):
        documents.sign(signed, TOWNSHIP)
    other = Office(3, "152221", "科尔沁右翼前旗民政局", "科民救", "科尔沁右翼前旗")
    with pytest.raises(DocumentError, match="没有科尔沁右翼前旗民政局的盖章位置"):
        documents.sign(signed, other)


def test_an_unsigned_or_foreign_file_is_not_valid(signing, tmp_path):
    assert documents.verify(notice([COUNTY])).problems == ["文件中没有电子签章"]
    assert not documents.verify(b"%PDF-1.7 garbage").is_valid
