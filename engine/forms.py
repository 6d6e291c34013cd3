"""JSON Schema forms: turn submitted strings into typed values, validate, and report errors per field in Chinese."""
import re
from decimal import Decimal

from jsonschema import Draft202012Validator, FormatChecker

from engine.db import MONEY_MAX

MESSAGES = {
    "required": "此项必填",
    "minimum": "不能小于 {limit}",
    "exclusiveMinimum": "必须大于 {limit}",
    "maximum": "不能大于 {limit}",
    "exclusiveMaximum": "必须小于 {limit}",
    "minLength": "至少 {limit} 个字符",
    "maxLength": "最多 {limit} 个字符",
    "pattern": "格式不正确",
    "enum": "请从选项中选择",
    "type": "类型不正确",
    "format": "格式不正确",
    "minItems": "至少需要 {limit} 项",
    "const": "此项必须确认",
}
NOT_A_NUMBER = "不是有效的数字，请填写具体数值，如 1234.50"
PLACES = {0: "须为整数", 2: "最多保留两位小数（到分）"}
# digits with at most one point and an optional exponent: no "Infinity", "NaN", "1_000", "1,000" or "0x10"
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,6})?")


class Invalid(str):
    """A submitted value that could not be read as its field's type: kept as typed, with the reason for validate()."""

    def __new__(cls, text: str, message: str):
        value = super().__new__(cls, text)
        value.message = message
        return value


def read_number(value, places: int | None = None, maximum: Decimal | None = None) -> Decimal:
    """A finite Decimal from text, an int, a Decimal or a float (by the digits it prints as); ValueError with the
    reason in Chinese when it is none of these, is larger in size than maximum, or has more than places decimals.
    The one reading of numbers: forms here, and money (assistance.core.money) on top of it."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value.strip()):
        number = Decimal(value.strip())
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        raise ValueError(NOT_A_NUMBER)
    if not number.is_finite():
        raise ValueError(NOT_A_NUMBER)
    if maximum is not None and abs(number) > maximum:
        raise ValueError(f"数值过大，不能超过 {maximum:,}")
    if places is not None and decimal_places(number) > places:
        raise ValueError(PLACES.get(places, f"最多保留 {places} 位小数"))
    return number


def decimal_places(number: Decimal) -> int:
    """How many decimals the value needs: 100.10 -> 1, 1E+3 -> 0 (trailing zeros are not precision one asked for)."""
    _sign, digits, exponent = number.as_tuple()
    if exponent >= 0 or not any(digits):
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - trailing)


def resolve(schema: dict, data: dict) -> dict:
    """Fill what depends on the case: {"x-options-from": "member_names"} becomes an enum of that variable,
    {"x-maximum-from": "monthly_income_ceiling"} a maximum of that one."""
    if isinstance(schema, dict):
        out = {k: resolve(v, data) for k, v in schema.items()}
        if "x-options-from" in schema:   # a list of values, or of {"const", "title"} choices
            options = list(data.get(schema["x-options-from"]) or [])
            if options and isinstance(options[0], dict):
                out["oneOf"] = options
            else:
                out["enum"] = options
        limit = data.get(schema["x-maximum-from"]) if "x-maximum-from" in schema else None
        if limit not in (None, ""):   # a ceiling the case carries (a policy parameter), e.g. a plausible income
            limit = Decimal(str(limit))
            out["maximum"] = min(limit, Decimal(str(schema["maximum"]))) if "maximum" in schema else limit
        return out
    if isinstance(schema, list):
        return [resolve(v, data) for v in schema]
    return schema


def coerce(schema: dict, raw: dict) -> dict:
    """Typed data from form strings: integers, Decimal for numbers (money is never float), booleans, arrays."""
    out = {}
    for name, prop in (schema.get("properties") or {}).items():
        if name not in raw:
            if prop.get("type") == "boolean":
                out[name] = False
            continue
        value, kind = raw[name], prop.get("type")
        if kind == "array":
            out[name] = value if isinstance(value, list) else [value]
            continue
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
            if kind in ("number", "integer"):
                value = _number(value, prop)
            elif kind == "boolean":
                value = value.lower() in ("1", "true", "on", "yes", "是")
        out[name] = value
    return out


def _number(text: str, prop: dict):
    """A number field's value: Decimal (int for an integer field), or Invalid with the reason."""
    try:
        number = read_number(text, places=_places(prop), maximum=MONEY_MAX)
    except ValueError as exc:
        return Invalid(text, str(exc))
    if prop.get("type") == "integer":
        return int(number)
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number   # 1e3 -> 1000


def _places(prop: dict) -> int:
    """Decimals a number field takes: none for an integer; else those of its x-step (default 0.01, money's 分)."""
    if prop.get("type") == "integer":
        return 0
    return decimal_places(Decimal(str(prop.get("x-step") or "0.01")))


def _number_errors(schema: dict, data: dict) -> dict[str, str]:
    """Number fields that are not a finite number of the field's precision within what a column holds: checked
    before JSON Schema, which cannot compare NaN and would take Infinity or 1e400 as a number."""
    errors = {}
    for name, prop in (schema.get("properties") or {}).items():
        value = data.get(name)
        if isinstance(value, Invalid):
            errors[name] = value.message
        elif prop.get("type") in ("number", "integer") and isinstance(value, (int, float, Decimal)) \
                and not isinstance(value, bool):
            try:
                read_number(value, places=_places(prop), maximum=MONEY_MAX)
            except ValueError as exc:
                errors[name] = str(exc)
    return errors


def validate(schema: dict, data: dict) -> dict[str, str]:
    """Field path -> Chinese message; empty when the data satisfies the schema."""
    errors = _number_errors(schema, data)
    data = {k: v for k, v in data.items() if k not in errors}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        field = ".".join(str(p) for p in err.path)
        if err.validator == "required":
            field = ".".join([*(str(p) for p in err.path), err.message.split("'")[1]]).lstrip(".")
        custom = (_subschema(schema, field) or {}).get("errorMessage")
        text = custom or MESSAGES.get(err.validator, "内容不正确").format(limit=err.validator_value)
        errors.setdefault(field or "_form", text)
    return errors


def _subschema(schema, field):
    node = schema
    for part in field.split(".") if field else []:
        node = (node.get("properties") or {}).get(part) if isinstance(node, dict) else None
    return node
