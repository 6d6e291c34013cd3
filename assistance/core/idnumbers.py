"""Mainland resident ID numbers (居民身份证号码): validation with Chinese messages, masking for lists and notices."""
from dataclasses import dataclass
from datetime import date

from stdnum import numdb
from stdnum.cn import ric

from assistance.core import china_time

EARLIEST_BIRTH = date(1890, 1, 1)   # nobody alive was born earlier; catches 0-prefixed or shifted years


@dataclass(frozen=True)
class ResidentId:
    number: str        # 18 characters, check character upper-case
    birth_date: date
    sex: str           # 'M' / 'F' from the parity of the 17th digit


def parse_id_number(raw: str | None) -> ResidentId:
    """Validate an ID number and read its birth date and sex; ValueError with a Chinese message when it is wrong."""
    number = ric.compact(raw or "")
    if len(number) != 18:
        raise ValueError(f"身份证号长度应为18位，实际为{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValueError("身份证号格式不正确：前17位须为数字，最后一位为数字或X")
    birth_date = _birth_date(number)
    if number[17] != ric.calc_check_digit(number):
        raise ValueError("身份证号校验位不正确，请核对号码")
    if not _is_known_area(number[:6]):
        raise ValueError(f"身份证号地区码{number[:6]}不存在")
    sex = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number, birth_date, sex)


def _birth_date(number: str) -> date:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(f"身份证号中的出生日期{number[6:14]}不是有效日期") from None
    if born > china_time.today():
        raise ValueError(f"身份证号中的出生日期{born.isoformat()}晚于今天")
    if born < EARLIEST_BIRTH:
        raise ValueError(f"身份证号中的出生日期{born.isoformat()}不合理")
    return born


def _is_known_area(area: str) -> bool:
    # Any era of the code counts: a number keeps the area code of where it was first issued, even after renaming.
    found = {k for _part, props in numdb.get("cn/loc").info(area) for k in props}
    return {"province", "county"} <= found


def is_valid_id_number(raw: str | None) -> bool:
    try:
        parse_id_number(raw)
    except ValueError:
        return False
    return True


def mask_id(number: str | None) -> str:
    """'152201198001011234' -> '1522**********1234' (first 4 and last 4 kept), for lists and public notices."""
    if not number:
        return ""
    number = number.strip()
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def compose_id_number(area: str, birth_date: date, serial: int) -> str:
    """A checksum-correct number for demo data and tests (serial 0–999; odd = male, even = female)."""
    body = f"{area}{birth_date:%Y%m%d}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")
