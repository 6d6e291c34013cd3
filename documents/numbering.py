"""Document numbers 乌民救〔2026〕N号 (per issuing office and year) and the verification code printed beside them."""
import secrets

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from .models import DocumentNumberCounter
from .offices import Office

TOKEN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"   # no 0/O, 1/I: people type it from paper
TOKEN_LENGTH = 10


def reserve_number(session, office: Office, year: int) -> str:
    """Bump the office's counter in place: the UPDATE's row lock serializes concurrent requests on PostgreSQL."""
    table = DocumentNumberCounter.__table__
    bump = (update(table).where(table.c.office_region_id == office.region_id, table.c.year == year)
            .values(last_value=table.c.last_value + 1).returning(table.c.last_value))
    serial = session.execute(bump).scalar()
    if serial is None:
        try:
            with session.begin_nested():   # the office's first document of the year; someone may insert it too
                session.execute(table.insert().values(office_region_id=office.region_id, year=year, last_value=1))
            serial = 1
        except IntegrityError:
            serial = session.execute(bump).scalar_one()
    return f"{office.prefix}〔{year}〕{serial}号"


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def normalize_number(text: str | None) -> str:
    """What people type for 〔2026〕: [2026], (2026), 【2026】, with stray spaces."""
    text = "".join((text or "").split())
    return text.translate(str.maketrans("[【(（", "〔〔〔〔")).translate(str.maketrans("]】)）", "〕〕〕〕"))


def normalize_token(text: str | None) -> str:
    return "".join((text or "").split()).upper().replace("-", "")
