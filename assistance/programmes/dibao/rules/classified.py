"""分类施保: extra monthly support for the elderly, minors, severely disabled and seriously ill (S2 art. 27), and
兴安盟's cap: "补助水平提高一档进行救助，最高不得超过各地执行的年度保障标准" (兴民发〔2021〕48号 一(一))."""
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from assistance.core.money import cents, ratio, round_payment

# category -> label. A member qualifying for several categories gets one extra, at the highest ratio; on equal
# ratios the earlier category here is the one named. One extra per person keeps the amount predictable and stops
# an elderly, ill, disabled person being paid three times for overlapping hardship ("或" reading of art. 27).
CATEGORIES = {
    "severely_disabled": "重度残疾人",
    "seriously_ill": "重病患者",
    "elderly": "老年人",
    "minor": "未成年人",
}
# 残疾人证 categories whose grade 3 also counts as severe for applying alone (S2 art. 8 (1)).
GRADE_3_SEVERE = ("智力", "精神")


@dataclass(frozen=True)
class Extra:
    name: str
    age: int
    category: str
    label: str
    ratio: Decimal
    amount: Decimal     # rounded per dibao_amount_rounding, like the top-up; after the cap where one applies
    uncapped: Decimal | None = None   # ratio × standard, when the cap at the standard cut it (兴安盟 48号)


def age_on(birth_date: date, on: date) -> int:
    """Full years (周岁) on a date: the birthday itself counts; 29 February birthdays fall on 1 March in common years."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def is_severely_disabled(grade: int, category: str) -> bool:
    """Disability certificate grade 1 or 2 of any category, or grade 3 intellectual or psychiatric (S2 art. 8 (1))."""
    return grade in (1, 2) or (grade == 3 and category in GRADE_3_SEVERE)


def categories_of(member: dict, on: date, params: dict) -> list[str]:
    """The 分类施保 categories a member falls in on a date, in CATEGORIES order."""
    age = age_on(member["birth_date"], on)
    found = {
        "severely_disabled": bool(member.get("is_severely_disabled")),
        "seriously_ill": bool(member.get("is_seriously_ill")),
        "elderly": age >= int(params["classified_elderly_age"]),
        "minor": age < int(params["classified_minor_age"]),
    }
    return [category for category in CATEGORIES if found[category]]


def classified_extras(members: list[dict], standard: Decimal, on: date, params: dict) -> tuple[Extra, ...]:
    """One extra per qualifying member: ratio × standard, rounded like the top-up; a ratio of 0 pays nothing."""
    extras = []
    for member in members:
        ratios = {c: ratio(params[f"classified_extra_ratio_{c}"]) for c in categories_of(member, on, params)}
        ratios = {c: r for c, r in ratios.items() if r > 0}
        if not ratios:
            continue
        best = max(ratios, key=ratios.get)    # max keeps the first of equal values, i.e. CATEGORIES order
        amount = round_payment(cents(standard * ratios[best]), params["dibao_amount_rounding"])
        extras.append(Extra(member["name"], age_on(member["birth_date"], on), best, CATEGORIES[best],
                            ratios[best], amount))
    return tuple(extras)


XINGANMENG = "兴安盟 兴民发〔2021〕48号"


def cap_at_standard(extras: tuple[Extra, ...], *, top_up: Decimal, size: int, standard: Decimal,
                    rounding: str) -> tuple[Extra, ...]:
    """Each member's level — their share of the household's 补差 (补差 ÷ size) plus their extra — at most the standard,
    so the household's total (补差 + 分类施保) never exceeds standard × size. A cut extra is rounded down to the
    payment step, so that the rounding never lifts it over the line."""
    step = Decimal("0.01") if rounding == "cent" else Decimal("1")
    room = max((standard - top_up / size).quantize(step, ROUND_FLOOR), Decimal("0")).quantize(Decimal("0.01"))
    return tuple(replace(e, amount=room, uncapped=e.amount) if e.amount > room else e for e in extras)
