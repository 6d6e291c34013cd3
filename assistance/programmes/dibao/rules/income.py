"""Household monthly income per S2 art. 13 (家庭收入核算): counted and excluded items, capped deductions."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistance.core.money import cents, money, ratio, yuan
from assistance.programmes.dibao.rules.employment import employment_allowance
from assistance.programmes.dibao.rules.rigid import rigid_expense_threshold

ART13 = "S2 第13条"

# Counted items (计入): key -> (label, why it counts). Amounts are net, as the article defines each item.
COUNTED = {
    "wages": ("工资性收入", f"计入，扣除必要的就业成本（{ART13}第1款第1项）"),
    "business_net": ("经营净收入", f"计入（{ART13}第1款第2项）"),
    "property_net": ("财产净收入", f"计入（{ART13}第1款第3项）"),
    "transfers": ("转移净收入", f"计入：赡养费、离退休金、失业保险金等（{ART13}第1款第4项）"),
    "other": ("其他收入", f"计入（{ART13}第1款第5项）"),
}
# Excluded items (不计入): key -> (label, why not).
EXCLUDED = {
    "preferential_care": ("优待抚恤金", f"不计入：国家规定的优待抚恤金（{ART13}第2款第1项）"),
    "family_planning_reward": ("计划生育奖励与扶助金", f"不计入（{ART13}第2款第1项）"),
    "scholarship": ("奖学金", f"不计入（{ART13}第2款第1项）"),
    "good_samaritan_reward": ("见义勇为等奖励性补助", f"不计入（{ART13}第2款第1项）"),
    "social_assistance": ("政府发放的社会救助款物", f"不计入（{ART13}第2款第2项）"),
    "local_excluded": ("地方规定不计入的收入", f"不计入：设区的市级以上地方人民政府规定的其他收入（{ART13}第2款第4项）"),
}
BASIC_PENSION = ("basic_pension", "城乡居民基本养老保险基础养老金")
DEDUCTIONS = {"employment_costs": "就业成本", "rigid_expenses": "因残疾、患重病等增加的刚性支出"}
ITEM_ORDER = (*COUNTED, BASIC_PENSION[0], *EXCLUDED, *DEDUCTIONS)


@dataclass(frozen=True)
class IncomeItem:
    key: str
    label: str
    amount: Decimal
    is_counted: bool
    reason: str


@dataclass(frozen=True)
class Deduction:
    """A deduction as claimed, its cap, and what was applied (the least of claim, cap and the income it reduces)."""
    key: str
    label: str
    claimed: Decimal
    cap: Decimal
    applied: Decimal
    rule: str


@dataclass(frozen=True)
class HouseholdIncome:
    items: tuple[IncomeItem, ...]
    deductions: tuple[Deduction, ...]
    counted: Decimal        # sum of the counted items, before deductions
    monthly: Decimal        # counted − deductions; never negative, since each deduction is capped by what remains

    def explanation(self, subject: str = "家庭") -> list[str]:
        lines = [f"{i.label} {yuan(i.amount)} 元：{i.reason}" for i in self.items]
        lines += [f"扣减{d.label} {yuan(d.applied)} 元（申报 {yuan(d.claimed)} 元；{d.rule}）" for d in self.deductions]
        terms = [f"{i.label} {yuan(i.amount)}" for i in self.items if i.is_counted and i.amount]
        terms = " + ".join(terms) or "0.00"
        terms += "".join(f" − {d.label} {yuan(d.applied)}" for d in self.deductions if d.applied)
        lines.append(f"{subject}月收入 {yuan(self.monthly)} 元 = {terms}")
        return lines


def household_income(income: dict, *, working_members: int, standard: Decimal, on: date, params: dict,
                     disabled_workers: int = 0, rigid_facts: dict | None = None) -> HouseholdIncome:
    """Monthly income of a household (or of one person) from amounts by item; unknown item keys are refused.

    disabled_workers: how many of the working members are disabled (宁夏's higher employment-cost share);
    rigid_facts: rigid.FACTS, the yearly costs and last year's income the 刚性支出 threshold compares."""
    unknown = sorted(set(income) - set(ITEM_ORDER))
    if unknown:
        raise ValueError(f"未知的收入项目：{'、'.join(unknown)}（可用：{'、'.join(ITEM_ORDER)}）")
    amounts = {key: money(income[key], _label(key)) for key in ITEM_ORDER if key in income}
    items = []
    for key, amount in amounts.items():
        if key in COUNTED:
            items.append(IncomeItem(key, COUNTED[key][0], amount, True, COUNTED[key][1]))
        elif key in EXCLUDED:
            items.append(IncomeItem(key, EXCLUDED[key][0], amount, False, EXCLUDED[key][1]))
        elif key == BASIC_PENSION[0]:
            items.append(_basic_pension(amount, on, params))
    counted = sum((i.amount for i in items if i.is_counted), Decimal("0.00"))
    wages = amounts.get("wages", Decimal("0.00"))
    deductions = []
    allowance = employment_allowance(workers=working_members, disabled_workers=disabled_workers, params=params)
    if "employment_costs" in amounts or (allowance.is_standard and working_members):
        claimed = amounts.get("employment_costs", Decimal("0.00"))
        deductions.append(_deduct("employment_costs", claimed, allowance.cap, wages, allowance.rule,
                                  is_standard=allowance.is_standard))
    if "rigid_expenses" in amounts:
        multiple = ratio(params["rigid_expense_cap_ratio"], "rigid_expense_cap_ratio")
        passes, threshold = rigid_expense_threshold(rigid_facts, params)
        cap = cents(standard * multiple) if passes else Decimal("0.00")
        remaining = counted - sum((d.applied for d in deductions), Decimal("0.00"))
        rule = f"上限：每户每月为低保标准的 {multiple} 倍 = {yuan(cents(standard * multiple))} 元，且不超过扣减前的收入"
        deductions.append(_deduct("rigid_expenses", amounts["rigid_expenses"], cap, remaining,
                                  f"{threshold}；{rule}" if threshold else rule))
    monthly = counted - sum((d.applied for d in deductions), Decimal("0.00"))
    return HouseholdIncome(tuple(items), tuple(deductions), counted, monthly)


def _deduct(key: str, claimed: Decimal, cap: Decimal, available: Decimal, rule: str,
            is_standard: bool = False) -> Deduction:
    # A deduction reduces income, never makes it negative: art. 13 lets costs be deducted from income, not paid.
    # A standard deduction (宁夏's employment costs) is the cap itself, whatever was claimed.
    wanted = cap if is_standard else min(claimed, cap)
    return Deduction(key, DEDUCTIONS[key], claimed, cap, min(wanted, max(available, Decimal("0.00"))), rule)


def basic_pension_window(params: dict) -> tuple[date, date | None]:
    """The dates (inclusive) during which the basic pension is not counted; an empty end leaves it open."""
    start = _as_date(params["basic_pension_excluded_from"])
    end = params["basic_pension_excluded_until"]
    return start, _as_date(end) if end not in (None, "") else None


def _basic_pension(amount: Decimal, on: date, params: dict) -> IncomeItem:
    start, end = basic_pension_window(params)
    window = f"{start.isoformat()}至{end.isoformat() if end else '今后'}"
    if start <= on and (end is None or on <= end):
        return IncomeItem(BASIC_PENSION[0], BASIC_PENSION[1], amount, False,
                          f"不计入：{window}期间中央确定的基础养老金（{ART13}第2款第3项）")
    # After the 14th Five-Year Plan no national rule says it stays excluded, so it counts as a pension (转移净收入).
    return IncomeItem(BASIC_PENSION[0], BASIC_PENSION[1], amount, True,
                      f"计入转移净收入：{on.isoformat()}不在不计入期间（{window}）内（{ART13}第2款第3项）")


def _as_date(value) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"基础养老金不计入期间的日期“{value}”应为 YYYY-MM-DD") from None


def _label(key: str) -> str:
    if key in COUNTED:
        return COUNTED[key][0]
    if key in EXCLUDED:
        return EXCLUDED[key][0]
    return DEDUCTIONS.get(key, BASIC_PENSION[1])
