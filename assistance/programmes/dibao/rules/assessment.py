"""The result of a 低保 assessment (核算结果) and its JSON-safe form for BPMN task data and the case page."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistance.programmes.dibao.rules.assets import AssetTest
from assistance.programmes.dibao.rules.classified import Extra
from assistance.programmes.dibao.rules.income import HouseholdIncome

HOUSEHOLD, SINGLE_PERSON = "household", "single_person"


@dataclass(frozen=True)
class FamilyTest:
    """Single-person route only: the whole family's test that makes the person eligible to apply alone."""
    size: int
    monthly_income: Decimal
    per_capita_income: Decimal
    near_dibao_line: Decimal
    is_eligible: bool
    is_near_dibao: bool


@dataclass(frozen=True)
class Assessment:
    route: str                       # HOUSEHOLD or SINGLE_PERSON
    on: date
    household_size: int              # 1 on the single-person route
    standard: Decimal                # 低保标准, 元 per person per month
    income: HouseholdIncome
    per_capita_income: Decimal       # truncated to the fen for display; decisions compare household totals
    assets: AssetTest
    is_eligible: bool
    reasons: tuple[str, ...]         # why not eligible, in Chinese
    near_dibao_line: Decimal         # near_dibao_ratio × standard
    is_near_dibao: bool              # 低保边缘 (household route only)
    rounding: str
    top_up_exact: Decimal            # 补差 before rounding
    top_up: Decimal
    extras: tuple[Extra, ...]
    monthly_amount: Decimal          # top_up + extras: what the household is paid each month
    explanation: tuple[str, ...]
    family: FamilyTest | None = None
    household_class: str | None = None   # 低保类别 A / B of an eligible household (乌海 乌民发〔2021〕17号)

    def to_dict(self) -> dict:
        """JSON-safe (money as '1234.50' strings, dates ISO): for BPMN task data, the decision basis, the case page."""
        m = str
        return {
            "route": self.route, "on": self.on.isoformat(), "household_size": self.household_size,
            "standard": m(self.standard),
            "income_items": [{"item": i.key, "label": i.label, "amount": m(i.amount), "is_counted": i.is_counted,
                              "reason": i.reason} for i in self.income.items],
            "deductions": [{"item": d.key, "label": d.label, "claimed": m(d.claimed), "cap": m(d.cap),
                            "applied": m(d.applied), "rule": d.rule} for d in self.income.deductions],
            "counted_income": m(self.income.counted), "monthly_income": m(self.income.monthly),
            "per_capita_income": m(self.per_capita_income),
            "assets": {"deposits": m(self.assets.deposits), "deposit_limit": m(self.assets.deposit_limit),
                       "vehicles": self.assets.vehicles, "vehicles_allowed": self.assets.vehicles_allowed,
                       "extra_housing": self.assets.extra_housing,
                       "extra_housing_allowed": self.assets.extra_housing_allowed,
                       "is_ok": self.assets.is_ok, "reasons": list(self.assets.reasons)},
            "is_eligible": self.is_eligible, "reasons": list(self.reasons),
            "near_dibao_line": m(self.near_dibao_line), "is_near_dibao": self.is_near_dibao,
            "rounding": self.rounding, "top_up_exact": m(self.top_up_exact), "top_up": m(self.top_up),
            "extras": [{"name": e.name, "age": e.age, "category": e.category, "label": e.label,
                        "ratio": m(e.ratio), "amount": m(e.amount),
                        "uncapped": None if e.uncapped is None else m(e.uncapped)} for e in self.extras],
            "extras_total": m(sum((e.amount for e in self.extras), Decimal("0.00"))),
            "monthly_amount": m(self.monthly_amount), "household_class": self.household_class,
            "explanation": list(self.explanation),
            "family": None if self.family is None else {
                "size": self.family.size, "monthly_income": m(self.family.monthly_income),
                "per_capita_income": m(self.family.per_capita_income),
                "near_dibao_line": m(self.family.near_dibao_line), "is_eligible": self.family.is_eligible,
                "is_near_dibao": self.family.is_near_dibao},
        }
