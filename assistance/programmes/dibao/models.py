"""Tables of the 低保 procedure: the records the demo data-matching checker (信息核对) answers from. The case's clock
is assistance.core.case_clock; public notices and objections live in assistance.steps.public_notice."""
from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base, Money


class MatchingRecord(Base):
    """What the data-sharing platform knows about a person (tax, social insurance, property, vehicles, deposits…);
    the demo checker reads these seeded rows instead of calling the platform."""
    __tablename__ = "matching_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    source: Mapped[str] = mapped_column(String(40))      # 税务 / 社保 / 不动产 / 车辆 / 银行存款 …
    item: Mapped[str] = mapped_column(String(40))        # monthly_income / vehicle / housing / deposits
    amount: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(String(200))
