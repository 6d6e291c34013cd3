"""How documents write dates, money and ID numbers: 2026年3月2日, 830.00元 (捌佰叁拾元整), 1522**********1234."""
from datetime import date, datetime
from decimal import Decimal

from assistance.core import money
from assistance.core.china_time import CHINA
from assistance.core.idnumbers import mask_id

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿")


def cn_date(value) -> str:
    if isinstance(value, datetime):
        value = value.astimezone(CHINA).date()
    return f"{value.year}年{value.month}月{value.day}日" if isinstance(value, date) else ""


def cn_month(value: date | None) -> str:
    return f"{value.year}年{value.month}月" if value else ""


def yuan(value) -> str:
    return f"{money.yuan(Decimal(value))}元"


def rmb_upper(value) -> str:
    """Amount in capital numerals (大写金额) as financial documents require: 830.00 -> 捌佰叁拾元整."""
    cents = int(money.cents(Decimal(value)) * 100)
    yuan_part, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = _integer_upper(yuan_part) + "元" if yuan_part else ""
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan_part:
        text += "零"
    return text + (DIGITS[fen] + "分" if fen else "")


def _integer_upper(n: int) -> str:
    digits, text, pending_zero = str(n), "", False
    for i, ch in enumerate(digits):
        position = len(digits) - 1 - i
        if ch == "0":
            pending_zero = True
        else:
            text += ("零" if pending_zero else "") + DIGITS[int(ch)] + UNITS[position % 4]
            pending_zero = False
        if position % 4 == 0 and position and int(digits[max(0, i - 3):i + 1]):
            text += GROUPS[position // 4]   # 万 / 亿 after a group that is not all zeros
    return text


FILTERS = {"cn_date": cn_date, "cn_month": cn_month, "yuan": yuan, "rmb_upper": rmb_upper, "masked": mask_id}
