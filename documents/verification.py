"""verify(pdf) -> Verification: is this file, byte for byte, what the offices signed, and are they trusted?

Valid means: at least one signature; every signature intact, cryptographically valid and chaining to a trusted
root; whatever was appended after an earlier signature is only the next office's signing (form filling); and the
last signature covers the entire file, so nothing at all was appended after it.
"""
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from . import keys

ALLOWED_LATER = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass
class SignatureCheck:
    field: str
    signer: str                   # the certificate's common name: the office
    organisation: str
    signed_dt: datetime | None    # as the signer's clock claims it
    timestamp_dt: datetime | None  # from an RFC 3161 time stamp, when there is one
    is_intact: bool
    is_valid: bool
    is_trusted: bool
    covers_whole_file: bool
    is_later_change_allowed: bool
    is_timestamp_ok: bool         # no time stamp, or one that is intact and from a trusted authority


@dataclass
class Verification:
    sha256: str
    signatures: list[SignatureCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)    # in Chinese, for the /verify page

    @property
    def is_valid(self) -> bool:
        return not self.problems


def verify(pdf: bytes) -> Verification:
    result = Verification(sha256=hashlib.sha256(pdf).hexdigest())
    try:
        embedded = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
        for sig in embedded:
            result.signatures.append(_check(sig))
    except Exception as exc:   # noqa: BLE001 - a damaged file is an answer ("not valid"), never a crash
        result.problems.append(f"文件已损坏或不是有效的 PDF 签名文件（{type(exc).__name__}）")
        return result
    if not result.signatures:
        result.problems.append("文件中没有电子签章")
    for check in result.signatures:
        if not (check.is_intact and check.is_valid):
            result.problems.append(f"{check.signer}的签章与文件内容不符：文件在盖章后被改动过")
        elif not check.is_trusted:
            result.problems.append(f"{check.signer}的证书不是本系统信任的机关证书")
        elif not check.is_later_change_allowed:
            result.problems.append(f"{check.signer}盖章之后，文件被加入了不属于盖章的改动")
        elif not check.is_timestamp_ok:
            result.problems.append(f"{check.signer}签章上的时间戳无效或来自不受信任的时间戳服务")
    if result.signatures and not result.signatures[-1].covers_whole_file:
        result.problems.append("最后一枚签章之后文件又被追加了内容，不是签发时的原件")
    return result


def _check(sig) -> SignatureCheck:
    context = ValidationContext(trust_roots=list(keys.trust_roots()), allow_fetching=False)
    status = validate_pdf_signature(sig, context)
    subject = status.signing_cert.subject.native
    level = status.modification_level
    timestamp = status.timestamp_validity
    return SignatureCheck(
        field=sig.field_name, signer=subject.get("common_name", ""), organisation=subject.get("organization_name", ""),
        signed_dt=status.signer_reported_dt, timestamp_dt=timestamp.timestamp if timestamp else None,
        is_intact=status.intact, is_valid=status.valid, is_trusted=status.trusted,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        is_later_change_allowed=bool(status.docmdp_ok) and level in ALLOWED_LATER,
        is_timestamp_ok=timestamp is None or (timestamp.intact and timestamp.valid and timestamp.trusted))
