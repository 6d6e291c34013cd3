"""The XX plan's threshold for deducting 刚性支出 (S2 art. 13 last para.): only when this year's medical costs borne by
the household, or its full-time education costs, exceed rigid_expense_income_multiple × last year's household income."""
from assistance.core.money import money, ratio, yuan

XX_PLAN = "XX民政局脱贫攻坚三年行动实施方案"
FACTS = {"medical_costs": "本年度个人负担的合规医疗费用", "education_costs": "本年度全日制学历教育支出",
         "last_year_income": "上年度家庭年收入"}


def rigid_expense_threshold(facts: dict | None, params: dict) -> tuple[bool, str]:
    """(may the 刚性支出 be deducted, why); a multiple of 0 sets no threshold. Costs equal to the line do not pass:
    the plan says 超过."""
    multiple = ratio(params["rigid_expense_income_multiple"], "rigid_expense_income_multiple")
    if not multiple:
        return True, ""
    unknown = sorted(set(facts or {}) - set(FACTS))
    if unknown:
        raise ValueError(f"未知的刚性支出核算项目：{'、'.join(unknown)}（可用：{'、'.join(FACTS)}）")
    amounts = {key: money((facts or {}).get(key), label) for key, label in FACTS.items()}
    line = amounts["last_year_income"] * multiple
    over = [FACTS[key] for key in ("medical_costs", "education_costs") if amounts[key] > line]
    text = (f"{FACTS['medical_costs']} {yuan(amounts['medical_costs'])} 元、{FACTS['education_costs']} "
            f"{yuan(amounts['education_costs'])} 元，{FACTS['last_year_income']} {yuan(amounts['last_year_income'])} 元"
            f"的 {multiple} 倍为 {yuan(line)} 元：")
    text += (f"{'、'.join(over)}超过，可扣减" if over else "均未超过，不予扣减") + f"（{XX_PLAN}）"
    return bool(over), text
