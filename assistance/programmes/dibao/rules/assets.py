"""The household assets test (家庭财产, S2 art. 14): deposits against a multiple of the standard, vehicles, housing."""
from dataclasses import dataclass
from decimal import Decimal

from assistance.core.money import money, yuan

KEYS = ("deposits", "deposits_per_capita", "vehicles", "extra_housing")


@dataclass(frozen=True)
class AssetTest:
    deposits: Decimal            # household total: bank deposits, securities, funds, insurance, internet finance
    deposit_limit: Decimal       # asset_deposit_months × standard × household size
    vehicles: int                # vehicles not exempted as necessary for livelihood (e.g. a farm tricycle is exempt)
    vehicles_allowed: int
    extra_housing: int           # dwellings beyond the one the household lives in
    extra_housing_allowed: int
    reasons: tuple[str, ...]

    @property
    def is_ok(self) -> bool:
        return not self.reasons

    def explanation(self) -> list[str]:
        verdict = "符合规定" if self.is_ok else "不符合规定"
        return [f"家庭财产：存款等金融资产 {yuan(self.deposits)} 元（限额 {yuan(self.deposit_limit)} 元），"
                f"非必需机动车 {self.vehicles} 辆（允许 {self.vehicles_allowed} 辆），"
                f"居住用房以外住房 {self.extra_housing} 套（允许 {self.extra_housing_allowed} 套）：{verdict}"]


def asset_test(assets: dict, *, size: int, standard: Decimal, params: dict) -> AssetTest:
    """Deposits may be given as a household total or per capita (not both); counts default to 0."""
    unknown = sorted(set(assets) - set(KEYS))
    if unknown:
        raise ValueError(f"未知的财产项目：{'、'.join(unknown)}（可用：{'、'.join(KEYS)}）")
    if assets.get("deposits") not in (None, "") and assets.get("deposits_per_capita") not in (None, ""):
        raise ValueError("存款请填家庭合计或人均其中一项，不要同时填写")
    deposits = money(assets.get("deposits"), "存款")
    if assets.get("deposits_per_capita") not in (None, ""):
        deposits = money(assets["deposits_per_capita"], "人均存款") * size
    months = int(params["asset_deposit_months"])
    limit = standard * months * size
    vehicles, housing = _count(assets, "vehicles", "机动车"), _count(assets, "extra_housing", "住房")
    vehicles_allowed = int(params["asset_vehicles_allowed"])
    housing_allowed = int(params["asset_extra_housing_allowed"])
    reasons = []
    if deposits > limit:
        reasons.append(f"存款等金融资产 {yuan(deposits)} 元超过限额 {yuan(limit)} 元"
                       f"（{months} 个月低保标准 × {size} 人，S2 第14条）")
    if vehicles > vehicles_allowed:
        reasons.append(f"拥有非生活必需机动车 {vehicles} 辆，超过允许的 {vehicles_allowed} 辆（S2 第14条）")
    if housing > housing_allowed:
        reasons.append(f"居住用房以外另有住房 {housing} 套，超过允许的 {housing_allowed} 套（S2 第14条）")
    return AssetTest(deposits, limit, vehicles, vehicles_allowed, housing, housing_allowed, tuple(reasons))


def _count(assets: dict, key: str, label: str) -> int:
    value = assets.get(key) or 0
    if isinstance(value, (bool, float)) or not str(value).strip().isdigit():
        raise ValueError(f"{label}数量须为非负整数：{value}")
    return int(value)
