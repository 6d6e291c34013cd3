"""sign(pdf, office) -> bytes: the office's PAdES signature (SHA-256) in its pre-created field, seal visible.

A document signed by two offices has both fields from rendering; each office fills its own, in document order,
as an incremental update, so the earlier signature stays valid and the last one covers the whole file.
"""
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper

from . import keys
from .config import settings
from .errors import DocumentError
from .offices import Office, office_of
from .seal import seal_style


def sign(pdf: bytes, office) -> bytes:
    """office: an Office or the Region of a county / township."""
    office = office if isinstance(office, Office) else office_of(office)
    _check_turn(pdf, office)
    meta = signers.PdfSignatureMetadata(
        field_name=office.field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        name=office.name, location=office.name, reason="行政决定文书")
    s = settings()
    signer = signers.PdfSigner(meta, keys.signer_for(office), stamp_style=seal_style(office, s.is_development),
                               timestamper=HTTPTimeStamper(s.tsa_url) if s.tsa_url else None)
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    return signer.sign_pdf(writer, existing_fields_only=True).getvalue()


def _check_turn(pdf: bytes, office: Office) -> None:
    """The field must exist and be empty, and every field before it (an earlier office's) already signed."""
    states = [(name, value is not None)
              for name, value, _ref in fields.enumerate_sig_fields(PdfFileReader(BytesIO(pdf), strict=False))]
    names = [name for name, _ in states]
    if office.field_name not in names:
        raise DocumentError(f"文书中没有{office.name}的盖章位置")
    for name, is_signed in states:
        if name == office.field_name:
            if is_signed:
                raise DocumentError(f"{office.name}已在此文书上盖章")
            return
        if not is_signed:
            raise DocumentError(f"须先由前一机关盖章，{office.name}才能盖章")
