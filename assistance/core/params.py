"""Policy parameters (政策参数): every regulation number, per region and effective date, nearest ancestor wins."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select

from assistance.core import china_time
from assistance.core.models import PolicyParameter, Region
from engine import audit

DECIMAL, INT, BOOL, TEXT = "decimal", "int", "bool", "text"

# key -> (default value, kind, source). Tags as in domain.md: [T] national full text, [L] local example value.
DEFAULTS: dict[str, tuple[object, str, str]] = {
    "dibao_standard_urban": (Decimal("745.00"), DECIMAL, "[L] 城市低保标准（元/人·月），兴安盟2021年示例值"),
    "dibao_standard_rural": (Decimal("490.00"), DECIMAL, "[L] 农村低保标准（元/人·月），兴安盟2021年示例值"),
    "near_dibao_ratio": (Decimal("1.5"), DECIMAL, "[T] 低保边缘：人均收入低于低保标准的倍数，S2 第8条；S7"),
    "investigation_start_working_days": (3, INT, "[T] 受理后启动家庭经济状况调查（工作日），S2 第15条"),
    "data_matching_working_days": (3, INT, "[T] 县级启动信息核对（工作日），S2 第17条"),
    "public_notice_days": (7, INT, "[T] 初审意见公示（自然日），S2 第19条"),
    "county_confirmation_working_days": (10, INT, "[T] 县级审核确认（工作日），S2 第20条"),
    "refusal_notice_working_days": (3, INT, "[T] 不予确认书面告知（工作日），S2 第21条"),
    "overall_limit_working_days": (30, INT, "[T] 受理至审核确认总时限（工作日），S2 第22条"),
    "overall_limit_extended_working_days": (45, INT, "[T] 特殊情况延长后的总时限（工作日），S2 第22条"),
    "overall_limit_delegated_working_days": (20, INT, "[T] 审核确认权下放乡镇后的总时限（工作日），S6 §4(1)"),
    "survey_team_min_size": (2, INT, "[T] 入户调查每组最少人数，S2 第16条"),
    "county_delegates_confirmation": (False, BOOL, "[T] 县级是否将审核确认权下放乡镇，S2 第2条第2款"),
    # 低保 income, assets and amount (assistance/benefits.py); dates as ISO text (YYYY-MM-DD)
    "basic_pension_excluded_from": ("2021-01-01", TEXT,
                                    "[T] 城乡居民基本养老保险基础养老金不计入收入的起始日（“十四五”期间），S2 第13条"),
    "basic_pension_excluded_until": ("2025-12-31", TEXT,
                                     "[T] 基础养老金不计入收入的截止日（“十四五”期间），S2 第13条；2025年后全国规定未见[NF]；"
                                     "留空为不设截止"),
    "employment_cost_cap_per_worker": (Decimal("300.00"), DECIMAL,
                                       "[L] 就业成本扣减上限（元/每名就业成员·月），示例值；全国未定[NF]；"
                                       "宁夏按最低工资标准20%–30%（seeds 002）"),
    "rigid_expense_cap_ratio": (Decimal("1.0"), DECIMAL,
                                "[L] 因残疾、患重病等增加的刚性支出扣减上限：每户每月不超过低保标准的倍数，示例值；"
                                "全国未定[NF]，S2 第13条"),
    "asset_deposit_months": (12, INT, "[L] 存款等金融资产上限：不超过N个月低保标准×家庭人口，示例值；"
                                      "由省或设区的市规定，S1 第10条；S2 第14条"),
    "asset_vehicles_allowed": (0, INT, "[L] 允许拥有的非生活必需机动车数量，示例值；S2 第14条"),
    "asset_extra_housing_allowed": (0, INT, "[L] 居住用房以外允许拥有的住房套数，示例值；S2 第14条"),
    "dibao_amount_rounding": ("up_yuan", TEXT,
                              "[L] 保障金取整：up_yuan 进到元 / half_up_yuan 四舍五入到元 / cent 到分；NewCosmos 进到元"),
    "classified_elderly_age": (60, INT, "[L] 分类施保：老年人年龄（满该周岁），NewCosmos 示例；S2 第27条"),
    "classified_minor_age": (18, INT, "[L] 分类施保：未成年人（不满该周岁），NewCosmos 示例；S2 第27条"),
    "classified_extra_ratio_severely_disabled": (Decimal("0.35"), DECIMAL,
                                                 "[L] 分类施保：重度残疾人每人加发低保标准的比例，江西示例35%；"
                                                 "全国未定[NF]，S2 第27条"),
    "classified_extra_ratio_seriously_ill": (Decimal("0.35"), DECIMAL,
                                             "[L] 分类施保：重病患者每人加发比例，示例值（比照重度残疾人）；"
                                             "全国未定[NF]，S2 第27条"),
    "classified_extra_ratio_elderly": (Decimal("0.10"), DECIMAL,
                                       "[L] 分类施保：老年人每人加发比例，示例值；全国未定[NF]，S2 第27条"),
    "classified_extra_ratio_minor": (Decimal("0.10"), DECIMAL,
                                     "[L] 分类施保：未成年人每人加发比例，示例值；全国未定[NF]，S2 第27条"),
    "single_person_amount_ratio": (Decimal("1.0"), DECIMAL,
                                   "[L] 单人户：按低保标准的倍数减本人收入补差（1 = 按一人户补差），"
                                   "兴安盟 2021-48“参照单人户”；S2 第8条"),
    "single_person_classified_extra": (False, BOOL, "[L] 单人户是否另加分类施保，示例值；S2 第27条"),
    "acceptance_working_days": (1, INT, "[L] 受理审查、补齐材料、初审等乡镇环节时限（工作日）；国家未规定 [NF]，地方多为即时或1个工作日"),
    "objection_handling_working_days": (5, INT, "[NF] 公示异议处理（重新调查或民主评议）时限（工作日），地方参数"),
    "renotice_after_objection": (False, BOOL, "[L] 异议处理后重新提出意见是否重新公示，S2未要求；郑州中原区要求重新公示"),
    # 临时救助 (assistance/temporary.py, temporary_assistance.bpmn); ceilings of the approval tiers are in
    # workflows/dmn/temporary_approval_tier.dmn, as multiples of the local 低保 standard
    "temporary_pay_first_ceiling": (Decimal("2000.00"), DECIMAL,
                                    "[L] 乡镇小金额先行救助上限（元/次），邹平“乡镇2000元以下”；山东3000元；"
                                    "全国未定[NF]，S5 §2(2)、S7 §4(3)"),
    "temporary_paperwork_working_days": (5, INT, "[L] 先行救助后补齐审核审批手续时限（工作日），邹平5个工作日、"
                                                 "宁国20个工作日；S10 紧急程序"),
    "temporary_county_filing_working_days": (5, INT, "[L] 乡镇审批、先行救助报县级备案的审查时限（工作日），地方参数；"
                                                     "S10 报县级备案"),
    "temporary_overall_limit_working_days": (15, INT, "[L] 支出型临时救助自受理至审批的总时限（工作日），喀什“调查、审核、"
                                                      "审批最长15个工作日”；全国未定[NF]"),
    "temporary_approval_working_days": (5, INT, "[L] 临时救助各审批环节时限（工作日），晋江县级5个工作日；"
                                                "兰州调查3+审核2+县级2"),
    "temporary_nonresident_cap_multiple": (Decimal("3"), DECIMAL,
                                           "[L] 非本地户籍急难救助金上限：不超过当地低保标准的倍数，乌海市2021-17号 §二"),
    "temporary_nonresident_times_per_year": (1, INT, "[L] 非本地户籍人员每年可给予急难救助的次数，乌海市2021-17号 §二"),
    "temporary_same_reason_once_per_year": (True, BOOL, "[L] 同一申请人同一事由一个自然年度内原则上救助一次，"
                                                        "喀什；S10 无正当理由重复申请不予救助"),
    "temporary_disposable_income_urban": (Decimal("40000.00"), DECIMAL,
                                          "[L] 上年度当地城镇居民人均可支配收入（元/年），支出型收入标准，示例值；S5 §2(1)"),
    "temporary_disposable_income_rural": (Decimal("18000.00"), DECIMAL,
                                          "[L] 上年度当地农村牧区居民人均可支配收入（元/年），支出型收入标准，示例值；"
                                          "S5 §2(1)"),
    "temporary_multiple_fire": (Decimal("3"), DECIMAL, "[L] 火灾：参考救助金额为低保月标准的倍数（户首人），S5 §2(3)"),
    "temporary_multiple_traffic": (Decimal("2"), DECIMAL, "[L] 交通事故：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_illness": (Decimal("3"), DECIMAL, "[L] 突发重大疾病：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_injury": (Decimal("2"), DECIMAL, "[L] 意外伤害：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_stranded": (Decimal("1"), DECIMAL, "[L] 临时遇困：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_medical": (Decimal("4"), DECIMAL, "[L] 医疗支出型：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_education": (Decimal("2"), DECIMAL, "[L] 教育支出型：低保月标准的倍数，S5 §2(3)"),
    "temporary_multiple_other": (Decimal("1"), DECIMAL, "[L] 其他特殊困难：低保月标准的倍数，S5 §2(3)"),
    "temporary_extra_member_ratio": (Decimal("0.5"), DECIMAL, "[L] 家庭每增加一人，参考金额增加户首人金额的比例；"
                                                             "随家庭人口变化，S5 §2(3)"),
    "temporary_household_size_cap": (5, INT, "[L] 计算参考金额时计入的家庭人口上限，示例值"),
    "temporary_stage_interval_days": (30, INT, "[L] 一次审批、分阶段救助：两期发放之间的间隔（自然日），S4 第15项"),
    "discussion_opinion_working_days": (3, INT, "[NF] 一事一议：各成员单位提出书面意见的时限（工作日），地方参数"),
    "demo_review_working_days": (3, INT, "[L] 演示流程：审核时限（工作日）"),
    "demo_timer_days": (7, INT, "[L] 演示流程：定时器（自然日）"),
    "due_soon_working_days": (2, INT, "[L] 任务队列：距办理期限不足该工作日数即标为“即将到期”，本地管理规定"),
}


@dataclass(frozen=True)
class ParamValue:
    """A parameter's value and where it came from (region_id None and effective_from None: the code default)."""
    key: str
    value: object
    kind: str
    region_id: int | None
    effective_from: date | None
    source: str | None


def get_param(session, key: str, region_id: int | None, on: date | None = None):
    """The value of key for region on a date (today in Beijing by default): Decimal, int, bool or str."""
    return lookup(session, key, region_id, on).value


def lookup(session, key: str, region_id: int | None, on: date | None = None) -> ParamValue:
    """The row that applies: nearest region up the chain (then national), latest effective_from <= on; else DEFAULTS."""
    on = on or china_time.today()
    chain = _region_chain_ids(session, region_id)
    rows = session.scalars(select(PolicyParameter).where(
        PolicyParameter.key == key, PolicyParameter.effective_from <= on,
        or_(PolicyParameter.region_id.in_([i for i in chain if i is not None]), PolicyParameter.region_id.is_(None)),
    )).all()
    if rows:
        rank = {region: i for i, region in enumerate(chain)}
        row = min(rows, key=lambda r: (rank[r.region_id], -r.effective_from.toordinal()))
        return ParamValue(key, parse_value(row.value, row.kind), row.kind, row.region_id, row.effective_from,
                          row.source)
    if key not in DEFAULTS:
        raise KeyError(f"未知的政策参数：{key}")
    value, kind, source = DEFAULTS[key]
    return ParamValue(key, value, kind, None, None, source)


def set_param(session, key: str, value, *, region_id: int | None, effective_from: date, actor_id: int | None,
              reason: str | None = None, source: str | None = None, kind: str | None = None) -> PolicyParameter:
    """Add a value from effective_from on (rows are never updated: a change is a new dated row), audited."""
    kind = _kind_for(key, kind)
    text = format_value(value, kind)
    duplicate = session.scalar(select(PolicyParameter.id).where(
        PolicyParameter.key == key, PolicyParameter.effective_from == effective_from,
        PolicyParameter.region_id.is_(None) if region_id is None else PolicyParameter.region_id == region_id))
    if duplicate is not None:
        raise ValueError(f"参数{key}在该地区{effective_from.isoformat()}已有生效值；参数只增不改，请另选生效日期")
    try:
        before = lookup(session, key, region_id, effective_from)
    except KeyError:
        before = None
    row = PolicyParameter(key=key, region_id=region_id, value=text, kind=kind, effective_from=effective_from,
                          source=source or (DEFAULTS[key][2] if key in DEFAULTS else None),
                          created_by=actor_id, created_dt=china_time.now())
    session.add(row)
    session.flush()
    audit.record(session, "param.set", actor_id=actor_id, subject=f"param:{key}",
                 before=_describe(before), reason=reason,
                 after={"value": text, "region_id": region_id, "effective_from": effective_from.isoformat()})
    return row


def param_history(session, key: str, region_id: int | None) -> list[PolicyParameter]:
    """The rows set for key directly on this region (None: national), newest first."""
    where = PolicyParameter.region_id.is_(None) if region_id is None else PolicyParameter.region_id == region_id
    return list(session.scalars(select(PolicyParameter).where(PolicyParameter.key == key, where)
                                .order_by(PolicyParameter.effective_from.desc())))


def parse_value(text: str, kind: str):
    if kind == DECIMAL:
        return Decimal(text)
    if kind == INT:
        return int(text)
    if kind == BOOL:
        return text == "true"
    return text


def format_value(value, kind: str) -> str:
    """The stored text of a value, checked against its kind; ValueError with a Chinese message when it does not fit."""
    try:
        if kind == DECIMAL and not isinstance(value, bool):
            number = Decimal(str(value).strip())
            if number.is_finite():
                return str(number)
        elif kind == INT and not isinstance(value, bool) and str(value).strip().lstrip("-").isdigit():
            return str(int(str(value).strip()))
        elif kind == BOOL:
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "是", "false", "0", "no", "否"):
                return "true" if text in ("true", "1", "yes", "是") else "false"
        elif kind == TEXT:
            return str(value)
    except InvalidOperation:
        pass
    raise ValueError(f"参数值“{value}”不是有效的{_KIND_NAMES.get(kind, kind)}")


_KIND_NAMES = {DECIMAL: "数值", INT: "整数", BOOL: "是/否", TEXT: "文本"}


def _kind_for(key: str, kind: str | None) -> str:
    if key in DEFAULTS:
        default_kind = DEFAULTS[key][1]
        if kind not in (None, default_kind):
            raise ValueError(f"参数{key}的类型是{_KIND_NAMES[default_kind]}，不能改为{_KIND_NAMES.get(kind, kind)}")
        return default_kind
    if kind not in _KIND_NAMES:
        raise ValueError(f"新参数{key}须指明类型：数值、整数、是/否或文本")
    return kind


def _region_chain_ids(session, region_id: int | None) -> list[int | None]:
    """[region, parent, …, root, None]: the order in which values are looked for."""
    if region_id is None:
        return [None]
    region = session.get(Region, region_id)
    if region is None:
        raise LookupError(f"region {region_id} does not exist")
    return [*reversed(region.ancestor_ids()), None]


def _describe(found: ParamValue | None) -> dict | None:
    if found is None:
        return None
    return {"value": format_value(found.value, found.kind), "region_id": found.region_id,
            "effective_from": found.effective_from.isoformat() if found.effective_from else None}
