"""低保对象类别 (乌海市 乌民发〔2021〕17号 三): a 单人户 paid above single_person_class_a_above a month is class A; class C
is abolished and what was C is B. The seed names no other criterion for A, so every other household is B."""
from decimal import Decimal

from assistance.core.money import money, yuan

WUHAI = "乌海市 乌民发〔2021〕17号"
CLASS_A, CLASS_B = "A", "B"


def household_class(*, is_eligible: bool, household_size: int, monthly_amount: Decimal,
                    params: dict) -> tuple[str | None, str | None]:
    """(class, why) of an eligible household; (None, None) for one that is not."""
    if not is_eligible:
        return None, None
    line = money(params["single_person_class_a_above"], "single_person_class_a_above")
    if household_size == 1 and monthly_amount > line:
        return CLASS_A, f"低保类别：A类（单人户保障金额 {yuan(monthly_amount)} 元高于 {yuan(line)} 元，{WUHAI}）"
    why = "单人户保障金额未高于 " + yuan(line) + " 元" if household_size == 1 else "非单人户"
    return CLASS_B, f"低保类别：B类（{why}；C类已取消，统一归入B类，{WUHAI}）"
