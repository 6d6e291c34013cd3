"""The 低保 policy parameters: key -> (default value, kind, source), added to assistance.core.params.DEFAULTS when the
programme is registered. Tags as in domain.md: [T] national full text, [L] local example value, [NF] not found."""
from decimal import Decimal

from assistance.core.params import BOOL, DECIMAL, INT, TEXT

DEFAULTS: dict[str, tuple[object, str, str]] = {
    "near_dibao_ratio": (Decimal("1.5"), DECIMAL, "[T] 低保边缘：人均收入低于低保标准的倍数，S2 第8条；S7"),
    "investigation_start_working_days": (3, INT, "[T] 受理后启动家庭经济状况调查（工作日），S2 第15条"),
    "data_matching_working_days": (3, INT, "[T] 县级启动信息核对（工作日），S2 第17条"),
    "county_confirmation_working_days": (10, INT, "[T] 县级审核确认（工作日），S2 第20条"),
    "overall_limit_working_days": (30, INT, "[T] 受理至审核确认总时限（工作日），S2 第22条"),
    "overall_limit_extended_working_days": (45, INT, "[T] 特殊情况延长后的总时限（工作日），S2 第22条"),
    "overall_limit_delegated_working_days": (20, INT, "[T] 审核确认权下放乡镇后的总时限（工作日），S6 §4(1)"),
    "overall_limit_delegated_extended_working_days": (30, INT,
                                                      "[L] 审核确认权下放乡镇的案件特殊情况延长后的总时限（工作日），"
                                                      "地方做法示例值；全国未定[NF]，S6 §4(1)"),
    "survey_team_min_size": (2, INT, "[T] 入户调查每组最少人数，S2 第16条"),
    "county_delegates_confirmation": (False, BOOL, "[T] 县级是否将审核确认权下放乡镇，S2 第2条第2款"),
    # income, assets and amount (rules/benefits.py); dates as ISO text (YYYY-MM-DD)
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
    # the seeds' local rules (seeds/ 000–004), each the seed's value as the demo default
    "classified_cap_at_standard": (True, BOOL,
                                   "[L] 分类施保封顶：未成年人、老年人、重度残疾人和重病患者“补助水平提高一档进行救助，"
                                   "最高不得超过各地执行的年度保障标准”，兴安盟 兴民发〔2021〕48号 一(一)；"
                                   "否 = 不封顶"),
    "employment_cost_rule": ("claimed", TEXT,
                             "[L] 就业成本扣减方式：claimed 按申报扣减，每名就业成员不超过 employment_cost_cap_per_worker；"
                             "minimum_wage 按当地最低工资标准的比例扣减（宁夏，seeds 002）。演示地区兴安盟未定比例，"
                             "默认 claimed；宁夏各地设为 minimum_wage"),
    "minimum_wage_monthly": (Decimal("1950.00"), DECIMAL,
                             "[M] 当地月最低工资标准（元/月），按人社部门公布值分地区、按生效日期设置；"
                             "默认值为宁夏一类地区示例，未经核实"),
    "employment_cost_minimum_wage_ratio": (Decimal("0.30"), DECIMAL,
                                           "[L] 宁夏：普通低保家庭成员就业收入按当地最低工资标准的20%–30%扣减就业成本"
                                           "（取 0.20–0.30），seeds 002"),
    "employment_cost_minimum_wage_ratio_disabled": (Decimal("0.50"), DECIMAL,
                                                    "[L] 宁夏：残疾人就业收入按当地最低工资标准的50%扣减就业成本，"
                                                    "seeds 002"),
    "rigid_expense_income_multiple": (Decimal("2"), DECIMAL,
                                      "[L] 刚性支出扣减门槛：本年度个人负担的合规医疗费用或全日制学历教育支出累计超过"
                                      "上年度家庭年收入的倍数，XX民政局脱贫攻坚三年行动实施方案（seeds 001）；"
                                      "0 = 不设门槛"),
    "single_person_class_a_above": (Decimal("810.00"), DECIMAL,
                                    "[L] 低保“单人户”保障金额高于该值（元/月）的纳入A类；取消C类，统一归入B类，"
                                    "乌海市 乌民发〔2021〕17号 三"),
    # the demo process (demo_application.bpmn), a simplified 低保 application
    "demo_review_working_days": (3, INT, "[L] 演示流程：审核时限（工作日）"),
    "demo_timer_days": (7, INT, "[L] 演示流程：定时器（自然日）"),
}
