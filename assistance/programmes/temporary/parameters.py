"""The 临时救助 policy parameters: key -> (default value, kind, source), added to assistance.core.params.DEFAULTS when
the programme is registered. The ceilings of the approval tiers are in workflows/dmn/temporary_approval_tier.dmn, as
multiples of the local 低保 standard (a shared parameter)."""
from decimal import Decimal

from assistance.core.params import BOOL, DECIMAL, INT

DEFAULTS: dict[str, tuple[object, str, str]] = {
    "temporary_pay_first_ceiling": (Decimal("2000.00"), DECIMAL,
                                    "[L] 乡镇小金额先行救助上限（元/次），邹平“乡镇2000元以下”；山东3000元；"
                                    "全国未定[NF]，S5 §2(2)、S7 §4(3)"),
    "temporary_reserve_top_up_ceiling": (Decimal("500000.00"), DECIMAL,
                                         "[NF] 单笔拨付乡镇临时救助备用金的上限（元），超过即视为录入错误；备用金规模由县级"
                                         "民政部门确定，国家未规定，本地参数"),
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
}
