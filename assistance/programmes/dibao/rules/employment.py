"""就业成本 (S2 art. 13 (1)): how much a household's wages are reduced for its working members' necessary costs —
as claimed up to a cap per worker, or (宁夏) a share of the local minimum wage per worker, more for disabled workers."""
from dataclasses import dataclass
from decimal import Decimal

from assistance.core.money import cents, money, ratio, yuan

CLAIMED, MINIMUM_WAGE = "claimed", "minimum_wage"
NINGXIA = "宁夏：普通成员按当地最低工资标准的20%–30%、残疾人按50%扣减就业成本"


@dataclass(frozen=True)
class EmploymentAllowance:
    """What may be deducted (the cap of the Deduction) and the rule that says so; is_standard: deducted as is,
    whatever was claimed (宁夏), rather than up to the claim."""
    cap: Decimal
    rule: str
    is_standard: bool


def employment_allowance(*, workers: int, disabled_workers: int, params: dict) -> EmploymentAllowance:
    """employment_cost_rule 'claimed': employment_cost_cap_per_worker × workers, up to what was claimed;
    'minimum_wage': minimum_wage_monthly × (ratio per ordinary worker + disabled ratio per disabled worker)."""
    method = params["employment_cost_rule"]
    if method == CLAIMED:
        per_worker = money(params["employment_cost_cap_per_worker"], "employment_cost_cap_per_worker")
        return EmploymentAllowance(per_worker * workers,
                                   f"上限：每名就业成员 {yuan(per_worker)} 元 × {workers} 人，且不超过工资性收入", False)
    if method != MINIMUM_WAGE:
        raise ValueError(f"未知的就业成本扣减方式：{method}（可选 {CLAIMED}、{MINIMUM_WAGE}）")
    wage = money(params["minimum_wage_monthly"], "当地月最低工资标准")
    share = ratio(params["employment_cost_minimum_wage_ratio"], "employment_cost_minimum_wage_ratio")
    disabled_share = ratio(params["employment_cost_minimum_wage_ratio_disabled"],
                           "employment_cost_minimum_wage_ratio_disabled")
    disabled_workers = min(disabled_workers, workers)
    ordinary = workers - disabled_workers
    cap = cents(wage * share * ordinary + wage * disabled_share * disabled_workers)
    parts = [f"{ordinary} 人 × 最低工资 {yuan(wage)} 元 × {share}"] if ordinary else []
    parts += [f"残疾人 {disabled_workers} 人 × {yuan(wage)} 元 × {disabled_share}"] if disabled_workers else []
    return EmploymentAllowance(cap, f"按当地最低工资标准扣减：{' + '.join(parts) or '无就业成员'} = {yuan(cap)} 元，"
                                    f"且不超过工资性收入（{NINGXIA}）", True)
