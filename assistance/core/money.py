"""Money in 元 as Decimal with 2 places: reading amounts from forms and scripts, rounding payments, formatting."""
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from engine import EngineError

CENT = Decimal("0.01")
YUAN = Decimal("1")

# dibao_amount_rounding parameter value -> (step, rounding mode, Chinese name for the explanation)
PAYMENT_ROUNDING = {
    "up_yuan": (YUAN, ROUND_CEILING, "进到元"),
    "half_up_yuan": (YUAN, ROUND_HALF_UP, "四舍五入到元"),
    "cent": (CENT, ROUND_HALF_UP, "保留到分"),
}


def money(value, label: str = "金额") -> Decimal:
    """A non-negative amount in 元 to 2 places from Decimal, int or str; float is refused (binary fractions drift)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{label}须为 Decimal、整数或字符串，不能是 {type(value).__name__}")
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{label}“{value}”不是有效金额") from None
    if not amount.is_finite():
        raise ValueError(f"{label}“{value}”不是有效金额")
    if amount < 0:
        raise ValueError(f"{label}不能为负数：{value}")
    return amount.quantize(CENT, ROUND_HALF_UP)


def positive(value, label: str = "金额") -> Decimal:
    """An amount that must be above zero (a payment, a top-up, an approval), from a form, the task data or a caller,
    to the 分; a refusal in Chinese (EngineError, so a BPMN step or a page shows it as it is) otherwise."""
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, TypeError, ValueError):
        raise EngineError(f"{label}“{value}”不是有效的数字。") from None
    if not amount.is_finite() or amount <= 0:
        raise EngineError(f"{label}必须大于 0 元。")
    return amount


def ratio(value, label: str = "比例") -> Decimal:
    """A ratio or multiple (1.5, 0.35) as Decimal; float is refused for the same reason as in money()."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"{label}须为 Decimal、整数或字符串，不能是 {type(value).__name__}")
    try:
        return Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{label}“{value}”不是有效数值") from None


def cents(amount: Decimal) -> Decimal:
    """A computed amount (a product with a ratio may have more places) to 2 places, half up."""
    return amount.quantize(CENT, ROUND_HALF_UP)


def round_payment(amount: Decimal, rule: str) -> Decimal:
    """A payment rounded per the dibao_amount_rounding parameter, still shown with 2 places (1234.01 -> 1235.00)."""
    if rule not in PAYMENT_ROUNDING:
        raise ValueError(f"未知的取整方式：{rule}（可选 {'、'.join(PAYMENT_ROUNDING)}）")
    step, mode, _name = PAYMENT_ROUNDING[rule]
    return amount.quantize(step, mode).quantize(CENT)


def rounding_name(rule: str) -> str:
    return PAYMENT_ROUNDING[rule][2]


def yuan(amount: Decimal) -> str:
    """'1,234.50': how amounts read on the case page and in the explanation."""
    return f"{amount:,.2f}"
