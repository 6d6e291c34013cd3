"""Money in 元 as Decimal with 2 places: the one rule for reading an amount (forms, task data, callers), the one
rounding of computed amounts (half up, to the 分), payment rounding, and how amounts read."""
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from engine import EngineError
from engine.db import CENT, MONEY_MAX
from engine.forms import read_number

YUAN = Decimal("1")

# dibao_amount_rounding parameter value -> (step, rounding mode, Chinese name for the explanation)
PAYMENT_ROUNDING = {
    "up_yuan": (YUAN, ROUND_CEILING, "进到元"),
    "half_up_yuan": (YUAN, ROUND_HALF_UP, "四舍五入到元"),
    "cent": (CENT, ROUND_HALF_UP, "保留到分"),
}


class MoneyError(EngineError, ValueError):
    """An amount that cannot be taken: the message says why, in Chinese, naming the field. An EngineError, so a
    BPMN step or a page shows it as it is; a ValueError, as the calculations' callers expect of bad input."""


def parse(value, label: str = "金额", *, ceiling: Decimal | None = None, is_positive: bool = False) -> Decimal:
    """The money input rule: an amount in 元 from text, int, Decimal (or a float, by the digits it prints as), finite,
    at most 2 decimals — more is refused, never rounded —, not negative (above 0 when is_positive), and not above
    ceiling (a policy parameter) nor what a money column holds."""
    try:
        amount = read_number(value)
    except ValueError:
        raise MoneyError(f"{label}“{_shown(value)}”不是有效金额，请填写以元为单位的数字，如 1234.50。") from None
    limit = MONEY_MAX if ceiling is None else min(Decimal(ceiling), MONEY_MAX)
    if amount > limit:   # checked before the places: 1e400 is "too large", not "too many decimals"
        raise MoneyError(f"{label}超过上限 {yuan(limit)} 元，请核对金额。")
    if amount != amount.quantize(CENT):
        raise MoneyError(f"{label}“{_shown(value)}”超过两位小数：金额只能精确到分，请核对后重新填写。")
    amount = amount.quantize(CENT) + 0   # + 0: -0.00 is 0.00
    if is_positive and amount <= 0:
        raise MoneyError(f"{label}必须大于 0 元。")
    if amount < 0:
        raise MoneyError(f"{label}不能为负数：{_shown(value)}。")
    return amount


def money(value, label: str = "金额", *, ceiling: Decimal | None = None) -> Decimal:
    """A non-negative amount in the calculations (parse's rule); blank is 0.00. A float is refused outright there:
    binary fractions must not enter a computation."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"{label}须为 Decimal、整数或字符串，不能是 {type(value).__name__}")
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    return parse(value, label, ceiling=ceiling)


def positive(value, label: str = "金额", *, ceiling: Decimal | None = None) -> Decimal:
    """An amount that must be above zero (a payment, a top-up, an approval), by parse's rule."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MoneyError(f"请填写{label}。")
    return parse(value, label, ceiling=ceiling, is_positive=True)


def ratio(value, label: str = "比例") -> Decimal:
    """A ratio or multiple (1.5, 0.35) as Decimal; float is refused for the same reason as in money()."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"{label}须为 Decimal、整数或字符串，不能是 {type(value).__name__}")
    try:
        return read_number(value)
    except ValueError:
        raise ValueError(f"{label}“{value}”不是有效数值") from None


def cents(amount: Decimal) -> Decimal:
    """THE rounding of a computed amount (a product with a ratio, a sum of quotients) to the 分: half up, so
    0.125 -> 0.13 and 100.005 -> 100.01 wherever it happens."""
    return round_to(amount, CENT, ROUND_HALF_UP)


def round_payment(amount: Decimal, rule: str) -> Decimal:
    """A payment rounded per the dibao_amount_rounding parameter, still shown with 2 places (1234.01 -> 1235.00)."""
    if rule not in PAYMENT_ROUNDING:
        raise ValueError(f"未知的取整方式：{rule}（可选 {'、'.join(PAYMENT_ROUNDING)}）")
    step, mode, _name = PAYMENT_ROUNDING[rule]
    return round_to(amount, step, mode)


def round_to(amount: Decimal, step: Decimal, mode: str) -> Decimal:
    """amount to a multiple of step (0.01 or 1 元) by mode, then to 2 places; never -0.00. The money functions'
    one quantize: cents() and round_payment() go through here."""
    return amount.quantize(step, mode).quantize(CENT) + 0


def rounding_name(rule: str) -> str:
    return PAYMENT_ROUNDING[rule][2]


def yuan(amount: Decimal) -> str:
    """'1,234.50': how amounts read on the case page and in the explanation; a zero is never '-0.00'."""
    return f"{cents(Decimal(amount)):,.2f}"


def _shown(value) -> str:
    """What was typed, cut short: a refusal does not echo a 400-digit number."""
    text = str(value).strip()
    return text if len(text) <= 24 else text[:21] + "…"
