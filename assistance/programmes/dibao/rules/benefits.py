"""低保 eligibility and amount (补差 + 分类施保) for a household or a single-person household; pure, Decimal 元."""
from datetime import date
from decimal import ROUND_DOWN, Decimal

from assistance.core.money import CENT, cents, money, ratio, round_payment, rounding_name, yuan
from assistance.programmes.dibao.rules.assessment import HOUSEHOLD, SINGLE_PERSON, Assessment, FamilyTest
from assistance.programmes.dibao.rules.assets import asset_test
from assistance.programmes.dibao.rules.classified import XINGANMENG, Extra, cap_at_standard, classified_extras
from assistance.programmes.dibao.rules.household_class import household_class
from assistance.programmes.dibao.rules.income import household_income

# Every parameter this module reads; case_assessment.assessment_params() gathers them for a region and date.
PARAM_KEYS = (
    "near_dibao_ratio", "basic_pension_excluded_from", "basic_pension_excluded_until",
    "employment_cost_cap_per_worker", "rigid_expense_cap_ratio",
    "asset_deposit_months", "asset_vehicles_allowed", "asset_extra_housing_allowed",
    "dibao_amount_rounding", "classified_elderly_age", "classified_minor_age",
    "classified_extra_ratio_severely_disabled", "classified_extra_ratio_seriously_ill",
    "classified_extra_ratio_elderly", "classified_extra_ratio_minor",
    "single_person_amount_ratio", "single_person_classified_extra",
    # the seeds' local rules (issue 11 item 8)
    "classified_cap_at_standard", "employment_cost_rule", "minimum_wage_monthly",
    "employment_cost_minimum_wage_ratio", "employment_cost_minimum_wage_ratio_disabled",
    "rigid_expense_income_multiple", "single_person_class_a_above",
)


def assess_dibao(*, members: list[dict], income: dict, assets: dict, standard, on: date,
                 params: dict, rigid_facts: dict | None = None) -> Assessment:
    """Whole household: per-capita income below the standard and assets within the rules (S1 art. 9; S2 arts. 13–14).

    members: dicts {name, birth_date, is_severely_disabled, is_seriously_ill, is_working, …}; the household size is
    len(members). income: monthly 元 by item (income.ITEM_ORDER); assets: assets.KEYS; standard: 元 per person per
    month; params: the PARAM_KEYS values; rigid_facts: rules.rigid.FACTS. Money may be Decimal, int or str, never float.
    """
    _check_members(members)
    standard, size = _standard(standard), len(members)
    counted = household_income(income, working_members=sum(bool(m.get("is_working")) for m in members),
                               disabled_workers=sum(_is_disabled_worker(m) for m in members),
                               standard=standard, on=on, params=params, rigid_facts=rigid_facts)
    assets_found = asset_test(assets, size=size, standard=standard, params=params)
    near = ratio(params["near_dibao_ratio"], "near_dibao_ratio")
    # Compare household totals with standard × size: exact, so a rounded per-capita figure never flips a decision.
    below_standard = counted.monthly < standard * size
    reasons = [] if below_standard else [
        f"家庭人均月收入 {yuan(_per_capita(counted.monthly, size))} 元不低于低保标准 {yuan(standard)} 元（S1 第9条）"]
    reasons += assets_found.reasons
    is_eligible = not reasons
    is_near = not is_eligible and assets_found.is_ok and counted.monthly < standard * near * size
    gap = standard * size - counted.monthly if is_eligible else Decimal("0.00")
    extras = classified_extras(members, standard, on, params) if is_eligible else ()
    steps = [*counted.explanation(),
             f"家庭人均月收入 {yuan(_per_capita(counted.monthly, size))} 元 = {yuan(counted.monthly)} ÷ {size} 人",
             f"低保标准 {yuan(standard)} 元/人·月；低保边缘线 {yuan(cents(standard * near))} 元（{near} 倍）",
             *assets_found.explanation()]
    amounts = _amounts(gap, extras, params, steps, f"补差 = {yuan(standard)} × {size} 人 − {yuan(counted.monthly)}",
                       standard=standard, size=size)
    steps.append(_verdict(is_eligible, is_near, reasons))
    amounts["household_class"] = _household_class(is_eligible, size, amounts["monthly_amount"], params, steps)
    return Assessment(route=HOUSEHOLD, on=on, household_size=size, standard=standard, income=counted,
                      per_capita_income=_per_capita(counted.monthly, size), assets=assets_found,
                      is_eligible=is_eligible, reasons=tuple(reasons), near_dibao_line=cents(standard * near),
                      is_near_dibao=is_near, **amounts, explanation=tuple(steps))


def assess_single_person(*, person: dict, person_income: dict, family_members: list[dict], family_income: dict,
                         family_assets: dict, standard, on: date, params: dict,
                         rigid_facts: dict | None = None) -> Assessment:
    """单人户 (S2 art. 8; S6 §1(1)): a severely disabled or seriously ill member of a 低保边缘 family applies alone.

    family_* describe the whole family, the person included. The amount is single_person_amount_ratio × standard
    minus the person's own counted income (ratio 1: 补差 as a one-person household).
    """
    _check_members([person])
    family = assess_dibao(members=family_members, income=family_income, assets=family_assets, standard=standard,
                          on=on, params=params, rigid_facts=rigid_facts)
    standard = family.standard
    own = household_income(person_income, working_members=int(bool(person.get("is_working"))),
                           disabled_workers=int(_is_disabled_worker(person)), standard=standard, on=on, params=params,
                           rigid_facts=rigid_facts)
    level = cents(standard * ratio(params["single_person_amount_ratio"], "single_person_amount_ratio"))
    reasons = []
    if not (person.get("is_severely_disabled") or person.get("is_seriously_ill")):
        reasons.append("申请人不是重度残疾人（一、二级，或三级智力、精神残疾）或重病患者，不能单独申请（S2 第8条）")
    if family.is_eligible:
        reasons.append("家庭整体符合低保条件，应整户申请，不得只将部分成员纳入（S6 §1(1)）")
    elif not family.is_near_dibao:
        reasons.append("家庭不属于低保边缘家庭（S2 第8条）：" + "；".join(
            family.assets.reasons or [f"人均月收入 {yuan(family.per_capita_income)} 元不低于低保边缘线 "
                                      f"{yuan(family.near_dibao_line)} 元"]))
    if own.monthly >= level:
        reasons.append(f"本人月收入 {yuan(own.monthly)} 元不低于单人户保障标准 {yuan(level)} 元")
    is_eligible = not reasons
    family_test = FamilyTest(family.household_size, family.income.monthly, family.per_capita_income,
                             family.near_dibao_line, family.is_eligible, family.is_near_dibao)
    pays_extra = is_eligible and bool(params["single_person_classified_extra"])
    extras = classified_extras([person], standard, on, params) if pays_extra else ()
    steps = [f"家庭 {family.household_size} 人，家庭月收入 {yuan(family.income.monthly)} 元，"
             f"人均 {yuan(family.per_capita_income)} 元；低保边缘线 {yuan(family.near_dibao_line)} 元："
             + ("属于低保边缘家庭" if family.is_near_dibao else "不属于低保边缘家庭"),
             *own.explanation(subject="本人"),
             f"单人户保障标准 {yuan(level)} 元 = 低保标准 {yuan(standard)} × {params['single_person_amount_ratio']}"]
    gap = level - own.monthly if is_eligible else Decimal("0.00")
    amounts = _amounts(gap, extras, params, steps, f"补差 = {yuan(level)} − {yuan(own.monthly)}",
                       standard=standard, size=1)
    steps.append(_verdict(is_eligible, False, reasons))
    amounts["household_class"] = _household_class(is_eligible, 1, amounts["monthly_amount"], params, steps)
    # is_near_dibao describes a household; here the family's status is in `family`, the person is not "near".
    return Assessment(route=SINGLE_PERSON, on=on, household_size=1, standard=standard, income=own,
                      per_capita_income=own.monthly, assets=family.assets, is_eligible=is_eligible,
                      reasons=tuple(reasons), near_dibao_line=family.near_dibao_line, is_near_dibao=False,
                      **amounts, explanation=tuple(steps), family=family_test)


def effective_month(confirmed_on: date) -> date:
    """The first day of the month after confirmation: payment starts then (从作出确认同意决定之日下月起, S2 art. 21)."""
    return date(confirmed_on.year + confirmed_on.month // 12, confirmed_on.month % 12 + 1, 1)


def _amounts(gap: Decimal, extras: tuple[Extra, ...], params: dict, steps: list[str], formula: str, *,
             standard: Decimal, size: int) -> dict:
    """The payment fields of an Assessment, each explained in steps; nothing is paid when gap is 0. With
    classified_cap_at_standard each member's level stays within the standard (兴安盟 48号)."""
    rule = params["dibao_amount_rounding"]
    top_up = round_payment(gap, rule)
    if gap:
        steps.append(f"{formula} = {yuan(gap)} 元，{rounding_name(rule)}为 {yuan(top_up)} 元")
    if extras and params["classified_cap_at_standard"]:
        extras = cap_at_standard(extras, top_up=top_up, size=size, standard=standard, rounding=rule)
    for e in extras:
        if e.uncapped is None:
            steps.append(f"分类施保：{e.name}（{e.age}岁，{e.label}）加发 {yuan(e.amount)} 元 = 低保标准 × {e.ratio}，"
                         f"{rounding_name(rule)}")
        else:
            steps.append(f"分类施保：{e.name}（{e.age}岁，{e.label}）低保标准 × {e.ratio} = {yuan(e.uncapped)} 元，"
                         f"最高不超过保障标准：补差人均 {yuan(cents(top_up / size))} 元 + 加发不超过 {yuan(standard)} 元，"
                         f"实发 {yuan(e.amount)} 元（{XINGANMENG}）")
    monthly = top_up + sum((e.amount for e in extras), Decimal("0.00"))
    if gap:
        parts = "".join(f" + 分类施保 {yuan(e.amount)}" for e in extras)
        steps.append(f"月保障金合计 {yuan(monthly)} 元 = 补差 {yuan(top_up)}{parts}")
    return {"rounding": rule, "top_up_exact": gap, "top_up": top_up, "extras": extras, "monthly_amount": monthly}


def _household_class(is_eligible: bool, size: int, monthly: Decimal, params: dict, steps: list[str]) -> str | None:
    found, why = household_class(is_eligible=is_eligible, household_size=size, monthly_amount=monthly, params=params)
    if why:
        steps.append(why)
    return found


def _is_disabled_worker(member: dict) -> bool:
    return bool(member.get("is_working")) and bool(member.get("is_disabled") or member.get("is_severely_disabled"))


def _verdict(is_eligible: bool, is_near: bool, reasons: list[str]) -> str:
    if is_eligible:
        return "结论：符合低保条件"
    return "结论：不符合低保条件" + ("，属于低保边缘家庭" if is_near else "") + "——" + "；".join(reasons)


def _per_capita(monthly: Decimal, size: int) -> Decimal:
    # Truncated: a per-capita income just under a line must never read as equal to it.
    return (monthly / size).quantize(CENT, ROUND_DOWN)


def _standard(value) -> Decimal:
    standard = money(value, "低保标准")
    if not standard:
        raise ValueError("低保标准须大于0")
    return standard


def _check_members(members: list[dict]) -> None:
    if not members:
        raise ValueError("家庭至少要有一名成员")
    for i, member in enumerate(members):
        if not isinstance(member.get("birth_date"), date) or not member.get("name"):
            raise ValueError(f"第{i + 1}位成员须有姓名和出生日期（date）")
