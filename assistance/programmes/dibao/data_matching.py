"""信息核对 (data matching, S2 art. 17): a pluggable checker compares what the household declared with what the
government data-sharing platform knows. The demo checker answers from seeded MatchingRecord rows."""
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from assistance.core.idnumbers import mask_id
from assistance.core.models import Case
from assistance.programmes.dibao.models import MatchingRecord


@dataclass(frozen=True)
class Finding:
    masked_id: str
    source: str
    item: str
    amount: Decimal
    note: str | None

    def to_dict(self) -> dict:
        return {"masked_id": self.masked_id, "source": self.source, "item": self.item,
                "amount": str(self.amount), "note": self.note}


class SeededChecker:
    """The demo platform: records stored in matching_record, looked up by the members' ID numbers."""

    def check(self, session, id_numbers: list[str]) -> list[Finding]:
        rows = session.scalars(select(MatchingRecord).where(MatchingRecord.id_number.in_(id_numbers))
                               .order_by(MatchingRecord.id))
        return [Finding(mask_id(r.id_number), r.source, r.item, r.amount, r.note) for r in rows]


_checker = SeededChecker()


def install(checker) -> None:
    """Production wires the province's platform client here; it must offer check(session, id_numbers)."""
    global _checker
    _checker = checker


def check_case(session, case: Case) -> dict:
    findings = _checker.check(session, [m.id_number for m in case.household.members])
    return {"records": [f.to_dict() for f in findings], "has_records": bool(findings)}
